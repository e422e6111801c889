/**
 * A local npm registry for n8n's real community-package installer: `npm publish` puts a packed
 * version in it, and n8n (N8N_COMMUNITY_PACKAGES_REGISTRY) reads it as it reads registry.npmjs.org:
 * the packument (`GET /<name>`), one version (`GET /<name>/<version>`, which n8n uses to check that a
 * version exists and to compare a pinned checksum with `dist.integrity`), and the tarball.
 * Only what npm and n8n ask of a registry, in memory, for unscoped package names; nothing is fetched
 * from anywhere else, so an install that works here never reached the public registry.
 *
 * n8n 2.41.1 honours N8N_COMMUNITY_PACKAGES_REGISTRY only with an enterprise licence
 * (feat:communityNodes:customRegistry). Without one it installs from https://registry.npmjs.org, as a
 * user's n8n does; so the same port is also an HTTPS proxy (CONNECT) that answers for
 * registry.npmjs.org itself, with a throwaway certificate the n8n under test trusts
 * (NODE_EXTRA_CA_CERTS): n8n's installer then runs unchanged, and every other host is refused.
 */
import { execFile, execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import * as tls from 'tls';
import { promisify } from 'util';

/** The registry's port: REGISTRY_PORT, else 4873 (Verdaccio's usual port). */
export const DEFAULT_REGISTRY_PORT = Number(process.env.REGISTRY_PORT ?? 4873);
/** A published tarball of this package is ~200 kB; base64 in a JSON body, well under this. */
const MAX_BODY_BYTES = 50 * 1024 * 1024;
const NAME = /^[a-z0-9][a-z0-9._-]*$/;
const VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

type Manifest = Record<string, unknown> & { name: string; version: string; dist: Record<string, unknown> };

/** The public registry that n8n installs from when no licensed custom registry is set. */
export const PUBLIC_REGISTRY_HOST = 'registry.npmjs.org';

interface Published {
	versions: Map<string, Manifest>;
	tarballs: Map<string, Buffer>;
	latest: string;
	times: Record<string, string>;
}

export interface LocalRegistry {
	/** The plain HTTP address (npm publish, a licensed N8N_COMMUNITY_PACKAGES_REGISTRY). */
	url: string;
	/**
	 * Environment for a process that should reach this registry as https://registry.npmjs.org: the
	 * proxy, its certificate as an extra CA, and the local addresses kept off the proxy.
	 */
	publicRegistryEnv: Record<string, string>;
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

/** A version's manifest with its tarball address on the registry the client asked (local or public name). */
function withTarball(manifest: Manifest, base: string): Manifest {
	return { ...manifest, dist: { ...manifest.dist, tarball: `${base}/${manifest.name}/-/${manifest.name}-${manifest.version}.tgz` } };
}

function packument(name: string, entry: Published, base: string): unknown {
	return {
		_id: name,
		name,
		'dist-tags': { latest: entry.latest },
		versions: Object.fromEntries([...entry.versions].map(([version, manifest]) => [version, withTarball(manifest, base)])),
		time: entry.times,
	};
}

/** `npm publish`: one new version, its tarball as a base64 attachment. Republishing a version is refused, as npm does. */
function publish(packages: Map<string, Published>, name: string, body: Buffer): [number, unknown] {
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
		entry.versions.set(version, manifest);
		entry.times[version] = new Date().toISOString();
		entry.latest = doc['dist-tags']?.latest ?? version;
	}
	packages.set(name, entry);
	return [201, { ok: true }];
}

function answer(packages: Map<string, Published>, base: string, method: string, parts: string[], body: Buffer): [number, unknown] {
	const [rawName, second, file] = parts;
	const name = decodeURIComponent(rawName ?? '');
	if (!NAME.test(name)) return [404, { error: 'not found' }];
	if (method === 'PUT' && parts.length === 1) return publish(packages, name, body);
	const entry = packages.get(name);
	if (method !== 'GET' || !entry) return [404, { error: 'not found' }];
	if (parts.length === 1) return [200, packument(name, entry, base)];
	if (parts.length === 2) {
		const manifest = entry.versions.get(second === 'latest' ? entry.latest : second);
		return manifest ? [200, withTarball(manifest, base)] : [404, { error: 'version not found' }];
	}
	const tarball = second === '-' && parts.length === 3 ? entry.tarballs.get(file) : undefined;
	return tarball ? [200, tarball] : [404, { error: 'not found' }];
}

/** A throwaway self-signed certificate for `host` (openssl), valid for a day. */
function certificateFor(host: string, dir: string): { key: string; cert: string; certFile: string } {
	const keyFile = path.join(dir, 'registry.key');
	const certFile = path.join(dir, 'registry.crt');
	execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', `/CN=${host}`, '-addext', `subjectAltName=DNS:${host}`], {
		stdio: 'ignore',
	});
	return { key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8'), certFile };
}

/** Starts the registry (and its proxy for registry.npmjs.org) on 127.0.0.1:`port` (0: any free port). */
export async function startRegistry(port = DEFAULT_REGISTRY_PORT): Promise<LocalRegistry> {
	const packages = new Map<string, Published>();
	const certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-registry-'));
	const tlsFiles = certificateFor(PUBLIC_REGISTRY_HOST, certDir);
	let url = '';
	const server = http.createServer((req, res) => {
		void (async () => {
			try {
				const base = req.socket instanceof tls.TLSSocket ? `https://${PUBLIC_REGISTRY_HOST}` : url;
				const parts = (req.url ?? '/').split('?')[0].split('/').filter(Boolean);
				const body = req.method === 'PUT' ? await readBody(req) : Buffer.alloc(0);
				const [status, result] = answer(packages, base, req.method ?? 'GET', parts, body);
				send(res, status, result);
			} catch (error) {
				send(res, 400, { error: (error as Error).message });
			}
		})();
	});
	// The proxy: only registry.npmjs.org:443, answered here over TLS; any other host is refused.
	server.on('connect', (req: http.IncomingMessage, socket: import('stream').Duplex, head: Buffer) => {
		if (req.url !== `${PUBLIC_REGISTRY_HOST}:443`) {
			socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
			return;
		}
		socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
		if (head.length) socket.unshift(head);
		const secure = new tls.TLSSocket(socket as import('net').Socket, { isServer: true, key: tlsFiles.key, cert: tlsFiles.cert });
		secure.on('error', () => secure.destroy());
		server.emit('connection', secure);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		publicRegistryEnv: {
			HTTPS_PROXY: url,
			https_proxy: url,
			NO_PROXY: '127.0.0.1,localhost',
			no_proxy: '127.0.0.1,localhost',
			NODE_EXTRA_CA_CERTS: tlsFiles.certFile,
			// npm passes its own CA list to its agent: tell it too.
			npm_config_cafile: tlsFiles.certFile,
		},
		published: (name) => [...(packages.get(name)?.versions.keys() ?? [])],
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			fs.rmSync(certDir, { recursive: true, force: true });
		},
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
