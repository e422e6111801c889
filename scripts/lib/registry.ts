/**
 * A local npm registry for n8n's real community-package installer: `npm publish` puts a packed
 * version in it, and n8n (N8N_COMMUNITY_PACKAGES_REGISTRY) reads it as it reads registry.npmjs.org:
 * the packument (`GET /<name>`), one version (`GET /<name>/<version>`, which n8n uses to check that a
 * version exists and to compare a pinned checksum with `dist.integrity`), and the tarball.
 * Only what npm and n8n ask of a registry, in memory, for unscoped package names; nothing is fetched
 * from anywhere else, so an install that works here never reached the public registry.
 */
import { execFile, execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';

/** The registry's port: REGISTRY_PORT, else 4873 (Verdaccio's usual port). */
export const DEFAULT_REGISTRY_PORT = Number(process.env.REGISTRY_PORT ?? 4873);
/** A published tarball of this package is ~200 kB; base64 in a JSON body, well under this. */
const MAX_BODY_BYTES = 50 * 1024 * 1024;
const NAME = /^[a-z0-9][a-z0-9._-]*$/;
const VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

type Manifest = Record<string, unknown> & { name: string; version: string; dist: Record<string, unknown> };

interface Published {
	versions: Map<string, Manifest>;
	tarballs: Map<string, Buffer>;
	latest: string;
	times: Record<string, string>;
}

export interface LocalRegistry {
	url: string;
	/** Versions published so far, by package name. */
	published(name: string): string[];
	close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
	const text = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
	res.writeHead(status, { 'Content-Type': Buffer.isBuffer(body) ? 'application/octet-stream' : 'application/json', 'Content-Length': text.length });
	res.end(text);
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > MAX_BODY_BYTES) throw new Error('body too large');
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

function packument(name: string, entry: Published): unknown {
	return {
		_id: name,
		name,
		'dist-tags': { latest: entry.latest },
		versions: Object.fromEntries(entry.versions),
		time: entry.times,
	};
}

/** `npm publish`: one new version, its tarball as a base64 attachment. Republishing a version is refused, as npm does. */
function publish(packages: Map<string, Published>, url: string, name: string, body: Buffer): [number, unknown] {
	const doc = JSON.parse(body.toString('utf8')) as {
		versions?: Record<string, Manifest>;
		_attachments?: Record<string, { data?: string }>;
		'dist-tags'?: Record<string, string>;
	};
	const entry: Published = packages.get(name) ?? { versions: new Map(), tarballs: new Map(), latest: '', times: {} };
	for (const [version, manifest] of Object.entries(doc.versions ?? {})) {
		if (!VERSION.test(version) || manifest.name !== name) return [400, { error: `bad version ${version}` }];
		if (entry.versions.has(version)) return [403, { error: `cannot publish over ${name}@${version}` }];
		const file = `${name}-${version}.tgz`;
		const data = doc._attachments?.[file]?.data;
		if (!data) return [400, { error: `no attachment ${file}` }];
		entry.tarballs.set(file, Buffer.from(data, 'base64'));
		entry.versions.set(version, { ...manifest, dist: { ...manifest.dist, tarball: `${url}/${name}/-/${file}` } });
		entry.times[version] = new Date().toISOString();
		entry.latest = doc['dist-tags']?.latest ?? version;
	}
	packages.set(name, entry);
	return [201, { ok: true }];
}

function answer(packages: Map<string, Published>, url: string, method: string, parts: string[], body: Buffer): [number, unknown] {
	const [rawName, second, file] = parts;
	const name = decodeURIComponent(rawName ?? '');
	if (!NAME.test(name)) return [404, { error: 'not found' }];
	if (method === 'PUT' && parts.length === 1) return publish(packages, url, name, body);
	const entry = packages.get(name);
	if (method !== 'GET' || !entry) return [404, { error: 'not found' }];
	if (parts.length === 1) return [200, packument(name, entry)];
	if (parts.length === 2) {
		const manifest = entry.versions.get(second === 'latest' ? entry.latest : second);
		return manifest ? [200, manifest] : [404, { error: 'version not found' }];
	}
	const tarball = second === '-' && parts.length === 3 ? entry.tarballs.get(file) : undefined;
	return tarball ? [200, tarball] : [404, { error: 'not found' }];
}

/** Starts the registry on 127.0.0.1:`port` (0: any free port). */
export async function startRegistry(port = DEFAULT_REGISTRY_PORT): Promise<LocalRegistry> {
	const packages = new Map<string, Published>();
	let url = '';
	const server = http.createServer((req, res) => {
		void (async () => {
			try {
				const path = (req.url ?? '/').split('?')[0];
				const parts = path.split('/').filter(Boolean);
				const body = req.method === 'PUT' ? await readBody(req) : Buffer.alloc(0);
				const [status, result] = answer(packages, url, req.method ?? 'GET', parts, body);
				send(res, status, result);
			} catch (error) {
				send(res, 400, { error: (error as Error).message });
			}
		})();
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		published: (name) => [...(packages.get(name)?.versions.keys() ?? [])],
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/**
 * `npm publish` of a packed tarball to the registry, with a throwaway token (the registry asks for none).
 * Asynchronous: the registry may run in this very process.
 */
export async function npmPublish(tarball: string, registryUrl: string): Promise<void> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-publish-'));
	const userconfig = path.join(dir, '.npmrc');
	fs.writeFileSync(userconfig, `//${new URL(registryUrl).host}/:_authToken=local-registry\n`);
	try {
		await promisify(execFile)('npm', ['publish', tarball, '--registry', registryUrl, '--userconfig', userconfig, '--ignore-scripts', '--access', 'public', '--loglevel=error'], {
			timeout: 120_000,
		});
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** The same packed package under another version (for an update), packed again into `destDir`; returns the tarball. */
export function repackAs(tarball: string, version: string, destDir: string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'repack-'));
	try {
		execFileSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
		const pkgPath = path.join(dir, 'package.json');
		fs.writeFileSync(pkgPath, JSON.stringify({ ...JSON.parse(fs.readFileSync(pkgPath, 'utf8')), version }, null, 2));
		fs.mkdirSync(destDir, { recursive: true });
		const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destDir], { cwd: dir, encoding: 'utf8' });
		return path.join(destDir, (JSON.parse(out.slice(out.indexOf('['))) as Array<{ filename: string }>)[0].filename);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** The integrity npm records for a tarball (`sha512-…`), which N8N_COMMUNITY_PACKAGES pins as `checksum`. */
export function tarballIntegrity(tarball: string): string {
	return `sha512-${createHash('sha512').update(fs.readFileSync(tarball)).digest('base64')}`;
}
