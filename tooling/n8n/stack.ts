/**
 * The pieces of a local n8n with this package and both sandboxes, shared by `npm start`,
 * `npm run dev` and the end-to-end tests (test/e2e/).
 */
import { spawn, execFileSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { REPO_ROOT, LOCAL_DIR, type Runtime } from './n8n-install';

export const PACKAGE_NAME = 'n8n-nodes-copper-ocoya';
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
export const CREDENTIAL_IDS = { copper: 'copperSandbox001', ocoya: 'ocoyaSandbox0001' } as const;
export const CREDENTIAL_NAMES = { copper: 'Copper CRM account', ocoya: 'Ocoya account' } as const;
export const OWNER = { email: 'owner@copper-ocoya.local', password: 'Sandbox-Demo-1', firstName: 'Demo', lastName: 'Owner' } as const;

/**
 * The MCP Server Trigger example (examples/mcp-copper-ocoya-tools.json): its path under n8n's /mcp/
 * endpoint and the bearer credential it checks. The demo token only guards a server on 127.0.0.1;
 * `npm start` takes another one from N8N_MCP_TOKEN.
 */
export const MCP = {
	path: 'copper-ocoya',
	credentialId: 'mcpBearerToken01',
	credentialName: 'MCP Server bearer token',
	demoToken: 'copper-ocoya-mcp-demo-token',
} as const;

export function mcpUrl(n8nUrl: string): string {
	return `${n8nUrl.replace(/\/$/, '')}/mcp/${MCP.path}`;
}

export const SANDBOX_DEFAULTS = {
	copper: { port: 4010, apiKey: 'test-api-key', email: 'owner@sandbox.test', oauthToken: 'test-oauth-token' },
	ocoya: { port: 4020 },
} as const;

export function log(msg: string): void {
	process.stdout.write(`[n8n-local] ${msg}\n`);
}

function sh(cmd: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): string {
	return execFileSync(cmd, args, { cwd, env: env ?? process.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

// ------------------------------------------------------------------------------------------------
// Build, pack, install the way n8n installs a community package
// ------------------------------------------------------------------------------------------------

export function buildPackage(): void {
	const t = Date.now();
	try {
		sh('npm', ['run', 'build'], REPO_ROOT);
	} catch (e) {
		const err = e as { stdout?: string; stderr?: string };
		throw new Error(`npm run build failed:\n${err.stdout ?? ''}${err.stderr ?? ''}`);
	}
	log(`built the package (${Date.now() - t} ms)`);
}

/** `npm pack` into .n8n-local/pack; returns the tarball path. */
export function packPackage(): string {
	const dest = path.join(LOCAL_DIR, 'pack');
	fs.rmSync(dest, { recursive: true, force: true });
	fs.mkdirSync(dest, { recursive: true });
	const out = sh('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dest], REPO_ROOT);
	const info = JSON.parse(out.slice(out.indexOf('[')))[0] as { filename: string; entryCount: number };
	log(`packed ${info.filename} (${info.entryCount} files)`);
	return path.join(dest, info.filename);
}

/**
 * Installs the tarball into `<userFolder>/.n8n/nodes` as n8n 2.x's CommunityPackagesService
 * does (downloadPackage): unpack into nodes/node_modules/<name>, drop dev/peer/optional
 * dependencies from its package.json, `npm install` its runtime dependencies there with scripts
 * ignored, and record the dependency in nodes/package.json. n8n's community-packages module
 * then loads every package under nodes/node_modules at start, so node types are
 * `n8n-nodes-copper-ocoya.<name>`.
 */
export function installCommunityPackage(tarball: string, userFolder: string): string {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const pkgDir = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.rmSync(pkgDir, { recursive: true, force: true });
	fs.mkdirSync(pkgDir, { recursive: true });
	sh('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1'], nodesDir);
	const pkgJsonPath = path.join(pkgDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(fs.readFileSync(pkgJsonPath, 'utf8'));
	void devDependencies;
	void peerDependencies;
	void optionalDependencies;
	fs.writeFileSync(pkgJsonPath, JSON.stringify(pkg, null, 2));
	sh(
		'npm',
		['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false', '--loglevel=error'],
		pkgDir,
	);
	const nodesPkgPath = path.join(nodesDir, 'package.json');
	const nodesPkg = fs.existsSync(nodesPkgPath)
		? JSON.parse(fs.readFileSync(nodesPkgPath, 'utf8'))
		: { name: 'installed-nodes', private: true, dependencies: {} };
	nodesPkg.dependencies = { ...(nodesPkg.dependencies ?? {}), [PACKAGE_NAME]: pkg.version };
	fs.writeFileSync(nodesPkgPath, JSON.stringify(nodesPkg, null, 2));
	log(`installed ${PACKAGE_NAME}@${pkg.version} as a community package in ${path.relative(REPO_ROOT, nodesDir) || nodesDir}`);
	return pkgDir;
}

/**
 * Records the package in n8n's database as its CommunityPackagesService does after an install from
 * the UI (persistPackageWithNodes: one installed_packages row, one installed_nodes row per node), so
 * Settings › Community Nodes lists it with its nodes and offers to uninstall it. Needs the database
 * to exist (any n8n CLI command before, such as the credential import, runs the migrations). Runs
 * in n8n's own Node, whose ABI the sqlite3 module of the n8n install was built for.
 */
export async function registerCommunityPackage(rt: Runtime, userFolder: string): Promise<void> {
	const pkgDir = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
	const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as {
		version: string;
		author?: { name?: string; email?: string };
		n8n: { nodes: string[] };
	};
	// The node classes of the same build, loaded from the repository (where n8n-workflow resolves).
	const nodes = pkg.n8n.nodes.map((file) => {
		const exported = require(path.join(REPO_ROOT, file)) as Record<string, new () => { description: { name: string; displayName: string; version: number | number[] } }>;
		const { description } = new (Object.values(exported)[0])();
		const versions = Array.isArray(description.version) ? description.version : [description.version];
		return { name: description.displayName, type: `${PACKAGE_NAME}.${description.name}`, latestVersion: Math.max(...versions) };
	});
	const payload = JSON.stringify({ name: PACKAGE_NAME, version: pkg.version, author: pkg.author ?? {}, nodes });
	const script = `
const sqlite3 = require(process.argv[1]);
const [dbPath, payload] = process.argv.slice(2);
const p = JSON.parse(payload);
const db = new sqlite3.Database(dbPath);
const now = "STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW')";
db.serialize(() => {
	db.run('BEGIN');
	db.run('DELETE FROM installed_nodes WHERE package = ?', [p.name]);
	db.run(\`INSERT INTO installed_packages (packageName, installedVersion, authorName, authorEmail, createdAt, updatedAt)
		VALUES (?, ?, ?, ?, \${now}, \${now})
		ON CONFLICT(packageName) DO UPDATE SET installedVersion = excluded.installedVersion, updatedAt = \${now}\`,
		[p.name, p.version, p.author.name ?? null, p.author.email ?? null]);
	for (const n of p.nodes) db.run('INSERT INTO installed_nodes (name, type, latestVersion, package) VALUES (?, ?, ?, ?)', [n.name, n.type, n.latestVersion, p.name]);
	db.run('COMMIT', (error) => {
		if (error) { console.error(error.message); process.exitCode = 1; }
		db.close();
	});
});`;
	const dbPath = path.join(userFolder, '.n8n', 'database.sqlite');
	if (!fs.existsSync(dbPath)) throw new Error(`no n8n database at ${dbPath} yet`);
	await new Promise<void>((resolve, reject) => {
		const child = spawn(rt.nodeBin, ['-e', script, path.join(rt.serverDir, 'node_modules', 'sqlite3'), dbPath, payload], {
			env: rt.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (d: Buffer) => (output += d.toString()));
		child.stderr.on('data', (d: Buffer) => (output += d.toString()));
		child.on('error', reject);
		child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`registering the community package failed (${code}):\n${output}`))));
	});
	log(`registered ${PACKAGE_NAME}@${pkg.version} (${nodes.length} nodes) in n8n's community packages`);
}

// ------------------------------------------------------------------------------------------------
// Sandboxes (in this process)
// ------------------------------------------------------------------------------------------------

export interface Sandboxes {
	copper: import('../sandbox/copper/types').CopperSandbox;
	ocoya: Awaited<ReturnType<typeof import('../sandbox/ocoya/index').startOcoyaSandbox>>;
	close(): Promise<void>;
}

export async function startSandboxes(opts: { copperPort?: number; ocoyaPort?: number; log?: boolean } = {}): Promise<Sandboxes> {
	const { startCopperSandbox } = await import('../sandbox/copper/index');
	const { startOcoyaSandbox } = await import('../sandbox/ocoya/index');
	const c = SANDBOX_DEFAULTS.copper;
	const copper = await startCopperSandbox({
		port: opts.copperPort ?? c.port,
		seed: 'demo',
		log: opts.log ?? false,
		apiKey: c.apiKey,
		email: c.email,
		oauthToken: c.oauthToken,
	});
	// n8n listens on http://127.0.0.1; real Copper only accepts https webhook targets.
	(copper.store as unknown as { allowHttpWebhookTargets?: boolean }).allowHttpWebhookTargets = true;
	let ocoya: Sandboxes['ocoya'];
	try {
		ocoya = await startOcoyaSandbox({ port: opts.ocoyaPort ?? SANDBOX_DEFAULTS.ocoya.port, seed: 'demo', log: opts.log ?? false });
	} catch (e) {
		await copper.close();
		throw e;
	}
	log(`Copper sandbox: ${copper.url} (API key ${c.apiKey}, email ${c.email})`);
	log(`Ocoya sandbox:  ${ocoya.url} (API key ${ocoya.apiKey})`);
	return {
		copper,
		ocoya,
		close: async () => {
			await Promise.allSettled([copper.close(), ocoya.close()]);
		},
	};
}

// ------------------------------------------------------------------------------------------------
// Credentials, workflows, the server
// ------------------------------------------------------------------------------------------------

export interface CredentialTargets {
	copper: { apiKey: string; email: string; baseUrl: string };
	ocoya: { apiKey: string; baseUrl: string };
	/** Bearer token of the MCP Server Trigger example (MCP.demoToken when unset). */
	mcpToken?: string;
}

export function credentialsJson(t: CredentialTargets): unknown[] {
	return [
		{ id: CREDENTIAL_IDS.copper, name: CREDENTIAL_NAMES.copper, type: 'copperCrmApi', data: { ...t.copper } },
		{ id: CREDENTIAL_IDS.ocoya, name: CREDENTIAL_NAMES.ocoya, type: 'ocoyaApi', data: { ...t.ocoya } },
		{ id: MCP.credentialId, name: MCP.credentialName, type: 'httpBearerAuth', data: { token: t.mcpToken ?? MCP.demoToken } },
	];
}

export function n8nEnv(rt: Runtime, userFolder: string, port: number, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	// Not the caller's NODE_ENV=test (jest): `n8n start` exits silently under it.
	const base = Object.fromEntries(Object.entries(rt.env).filter(([k]) => !k.startsWith('JEST_') && k !== 'NODE_ENV'));
	return {
		...base,
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		// Tool variants of community nodes (for AI agents and the MCP Server Trigger). n8n 1.x reads
		// this; 2.41.1 no longer does and builds the variants of every usableAsTool node anyway.
		N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_RUNNERS_BROKER_PORT: String(port + 1000),
		DB_SQLITE_POOL_SIZE: '2',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'warn',
		N8N_NO_BROWSER: 'true',
		...extra,
	};
}

/** Runs an n8n CLI command to completion; returns stdout. */
export function n8nCli(rt: Runtime, env: NodeJS.ProcessEnv, args: string[], timeoutMs = 180_000): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(rt.nodeBin, [rt.n8nBin, ...args], { env, cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`n8n ${args.join(' ')} timed out after ${timeoutMs} ms\n${stdout}\n${stderr}`));
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			if (code === 0) resolve(stdout);
			else reject(Object.assign(new Error(`n8n ${args.join(' ')} exited ${code}\n${stdout}\n${stderr}`), { stdout, stderr, code }));
		});
	});
}

export async function importCredentials(rt: Runtime, env: NodeJS.ProcessEnv, userFolder: string, t: CredentialTargets): Promise<void> {
	const file = path.join(userFolder, 'credentials.import.json');
	fs.writeFileSync(file, JSON.stringify(credentialsJson(t), null, 2), { mode: 0o600 });
	try {
		await n8nCli(rt, env, ['import:credentials', `--input=${file}`]);
	} finally {
		fs.rmSync(file, { force: true });
	}
	log(`imported credentials "${CREDENTIAL_NAMES.copper}" -> ${t.copper.baseUrl} and "${CREDENTIAL_NAMES.ocoya}" -> ${t.ocoya.baseUrl}`);
}

export function exampleFiles(): string[] {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => path.join(EXAMPLES_DIR, f));
}

export async function importWorkflows(rt: Runtime, env: NodeJS.ProcessEnv, files: string[] = exampleFiles()): Promise<void> {
	// One CLI run for all files (each n8n CLI start costs seconds): copied into a folder of their own
	// and imported with --separate.
	const dir = fs.mkdtempSync(path.join(LOCAL_DIR, 'import-'));
	try {
		for (const file of files) fs.copyFileSync(file, path.join(dir, path.basename(file)));
		await n8nCli(rt, env, ['import:workflow', '--separate', `--input=${dir}`]);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
	log(`imported ${files.length} workflow(s) from ${path.relative(REPO_ROOT, path.dirname(files[0] ?? EXAMPLES_DIR))}/`);
}

/**
 * Examples that n8n serves instead of running once: their trigger (the MCP Server Trigger) answers
 * requests while the workflow is published, so `n8n execute` cannot run them.
 */
export function isServedWorkflow(file: string): boolean {
	const wf = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: Array<{ type: string }> };
	return wf.nodes.some((node) => node.type === '@n8n/n8n-nodes-langchain.mcpTrigger');
}

/** Publishes (activates) imported workflows with n8n's CLI; they go live at the next `n8n start`. */
/** The CLI arguments that make a workflow active: n8n 2.x publishes it; 1.x has no publish:workflow. */
export function activateArgs(line: string, id: string): string[] {
	return line === '1' ? ['update:workflow', `--id=${id}`, '--active=true'] : ['publish:workflow', `--id=${id}`];
}

export async function publishWorkflows(rt: Runtime, env: NodeJS.ProcessEnv, files: string[], line = '2'): Promise<void> {
	for (const file of files) {
		const { id } = JSON.parse(fs.readFileSync(file, 'utf8')) as { id: string };
		await n8nCli(rt, env, activateArgs(line, id));
	}
	if (files.length) log(`published ${files.map((f) => path.basename(f)).join(', ')}`);
}

/** `n8n execute --id --rawOutput`: the JSON printed after n8n's log lines. */
export async function executeWorkflow(rt: Runtime, env: NodeJS.ProcessEnv, id: string): Promise<any> {
	// `execute` prints its result through n8n's logger at level info.
	const out = await n8nCli(rt, { ...env, N8N_LOG_LEVEL: 'info' }, ['execute', `--id=${id}`, '--rawOutput']);
	const start = out.search(/^\{\s*$/m);
	const end = out.lastIndexOf('\n}');
	if (start < 0 || end < start) throw new Error(`n8n execute --id=${id} printed no JSON:\n${out}`);
	return JSON.parse(out.slice(start, end + 2));
}

/** The status of a GET (0 when nothing answers); with `json`, 0 unless the answer is JSON. */
function get(url: string, opts: { json?: boolean } = {}): Promise<number> {
	return new Promise((resolve) => {
		const req = http.get(url, (res) => {
			res.resume();
			const json = /^application\/json/.test(res.headers['content-type'] ?? '');
			resolve(opts.json && !json ? 0 : (res.statusCode ?? 0));
		});
		req.on('error', () => resolve(0));
		req.setTimeout(2000, () => {
			req.destroy();
			resolve(0);
		});
	});
}

export interface N8nServer {
	url: string;
	process: ChildProcess;
	logs(): string;
	stop(): Promise<void>;
}

export async function startN8n(
	rt: Runtime,
	env: NodeJS.ProcessEnv,
	port: number,
	opts: { echo?: boolean; timeoutMs?: number } = {},
): Promise<N8nServer> {
	const url = `http://127.0.0.1:${port}`;
	if ((await get(`${url}/healthz`)) !== 0) throw new Error(`something already listens on ${url}: stop it or pick another port (--port)`);
	const child = spawn(rt.nodeBin, [rt.n8nBin, 'start'], { env, cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	let logs = '';
	const onData = (d: Buffer) => {
		logs = (logs + d.toString()).slice(-200_000);
		if (opts.echo) process.stdout.write(d);
	};
	child.stdout!.on('data', onData);
	child.stderr!.on('data', onData);
	let exited: number | null | undefined;
	// n8n runs in its own process group (it starts task runners); never leave it orphaned.
	const killGroup = () => {
		try {
			if (exited === undefined && child.pid) process.kill(-child.pid, 'SIGKILL');
		} catch {
			/* gone */
		}
	};
	process.once('exit', killGroup);
	child.on('exit', (code, signal) => {
		exited = code ?? (signal ? -1 : null);
		process.removeListener('exit', killGroup);
	});
	const stop = async (): Promise<void> => {
		if (exited !== undefined || child.pid === undefined) return;
		const done = new Promise<void>((r) => child.once('exit', () => r()));
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {
			/* already gone */
		}
		const killer = setTimeout(() => {
			try {
				process.kill(-child.pid!, 'SIGKILL');
			} catch {
				/* gone */
			}
		}, 15_000);
		await done;
		clearTimeout(killer);
	};
	const deadline = Date.now() + (opts.timeoutMs ?? 180_000);
	while (Date.now() < deadline) {
		if (exited !== undefined) throw new Error(`n8n exited with ${exited} while starting:\n${logs}`);
		if ((await get(`${url}/healthz/readiness`)) === 200 || (await get(`${url}/healthz`)) === 200) {
			// /healthz answers before the REST API is mounted; wait for the settings endpoint too. Until
			// then n8n answers it with an HTML page: 200 "n8n is starting up", then 404.
			if ((await get(`${url}/rest/settings`, { json: true })) === 200) return { url, process: child, logs: () => logs, stop };
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	await stop();
	throw new Error(`n8n did not answer on ${url} within ${opts.timeoutMs ?? 180_000} ms:\n${logs}`);
}

/** Creates the owner account (POST /rest/owner/setup) unless one exists; returns whether it did. */
export async function setupOwner(url: string, owner: typeof OWNER = OWNER): Promise<boolean> {
	const settings = (await (await fetch(`${url}/rest/settings`)).json()) as { data?: { userManagement?: { showSetupOnFirstLoad?: boolean } } };
	if (settings.data?.userManagement?.showSetupOnFirstLoad === false) return false;
	const res = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(owner),
	});
	if (!res.ok) throw new Error(`owner setup failed: HTTP ${res.status} ${await res.text()}`);
	log(`created the owner account ${owner.email}`);
	return true;
}

/** Signs in; returns the session cookie for REST calls. */
export async function login(url: string, owner: typeof OWNER = OWNER): Promise<string> {
	const res = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
	});
	if (!res.ok) throw new Error(`login failed: HTTP ${res.status} ${await res.text()}`);
	const cookie = res.headers.get('set-cookie') ?? '';
	const m = /n8n-auth=[^;]+/.exec(cookie);
	if (!m) throw new Error(`login returned no n8n-auth cookie (${cookie})`);
	return m[0];
}
