/**
 * `npm start`: a real n8n (2.41.1 on Node 24) with this package installed as a community package,
 * the Copper and Ocoya sandboxes with demo data, credentials pointing at them, the example
 * workflows and an owner account. Ctrl-C stops everything.
 *
 * `npm run dev` (--watch): also rebuilds, reinstalls and restarts n8n when nodes/, credentials/
 * or icons/ change (the sandboxes keep running).
 *
 * Options (flag or env):
 *   --port N            N8N_PORT (5678)
 *   N8N_LINE=1          n8n 1.123.81 instead of 2.41.1 (its own user folder, .n8n-local/user-1x)
 *   N8N_LOCAL_COPPER_PORT, N8N_LOCAL_OCOYA_PORT   the sandboxes' ports (4010, 4020)
 *   --fresh             N8N_LOCAL_FRESH=1: wipe .n8n-local/user (database, workflows, owner) first
 *   --real              N8N_LOCAL_REAL=1: no sandboxes; credentials from the env below
 *       COPPER_API_KEY, COPPER_EMAIL, COPPER_BASE_URL (https://api.copper.com/developer_api/v1)
 *       OCOYA_API_KEY, OCOYA_BASE_URL (https://app.ocoya.com/api/_public/v1)
 *     Setting COPPER_API_KEY or OCOYA_API_KEY alone also points that credential at the real API.
 *   --no-examples       N8N_LOCAL_NO_EXAMPLES=1: do not (re)import examples/
 *   N8N_MCP_TOKEN       bearer token of the MCP Server example (default: the demo token printed at start)
 *   N8N_LOCAL_COPPER_PORT, N8N_LOCAL_OCOYA_PORT   the sandboxes' ports (4010, 4020)
 *   --install-only      install Node 24 and n8n (cached), then exit (CI uses this)
 *   --queue             N8N_LOCAL_QUEUE=1: n8n's queue mode: Redis (Debian's redis-server, installed
 *                       with apt-get on first use), the main process with EXECUTIONS_MODE=queue and
 *                       `n8n worker` processes on ports port+1, port+2, …
 *   --workers N         N8N_LOCAL_WORKERS (2): how many workers in queue mode
 *   --redis-port N      N8N_LOCAL_REDIS_PORT (6379): the local Redis in queue mode
 *   N8N_LOCAL_COPPER_PORT, N8N_LOCAL_OCOYA_PORT (4010, 4020): the sandboxes' ports
 *   --direct-install    N8N_LOCAL_DIRECT_INSTALL=1: unpack the package into the user folder and record it
 *                       in the database directly instead of through n8n's installer (always so with
 *                       --watch, --queue and N8N_LINE=1)
 *   --watch             what `npm run dev` passes
 */
import type { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_LINE, ensureRuntime, LOCAL_DIR, REPO_ROOT, selectedLine, type Runtime } from './n8n-install';
import * as queue from './queue';
import { forgetInstallerMark, installThroughN8n } from './realInstall';
import * as stack from './stack';

const REAL_COPPER_URL = 'https://api.copper.com/developer_api/v1';
const REAL_OCOYA_URL = 'https://app.ocoya.com/api/_public/v1';

interface Options {
	port: number;
	fresh: boolean;
	real: boolean;
	examples: boolean;
	installOnly: boolean;
	watch: boolean;
	queue: boolean;
	workers: number;
	redisPort: number;
	directInstall: boolean;
}

function truthy(v: string | undefined): boolean {
	return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

function parseOptions(argv: string[]): Options {
	const o: Options = {
		port: Number(process.env.N8N_PORT ?? 5678),
		fresh: truthy(process.env.N8N_LOCAL_FRESH),
		real: truthy(process.env.N8N_LOCAL_REAL),
		examples: !truthy(process.env.N8N_LOCAL_NO_EXAMPLES),
		installOnly: false,
		watch: false,
		queue: truthy(process.env.N8N_LOCAL_QUEUE),
		workers: Number(process.env.N8N_LOCAL_WORKERS ?? 2),
		redisPort: Number(process.env.N8N_LOCAL_REDIS_PORT ?? 6379),
		directInstall: truthy(process.env.N8N_LOCAL_DIRECT_INSTALL),
	};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--port') o.port = Number(argv[++i]);
		else if (a.startsWith('--port=')) o.port = Number(a.slice(7));
		else if (a === '--fresh') o.fresh = true;
		else if (a === '--real') o.real = true;
		else if (a === '--no-examples') o.examples = false;
		else if (a === '--install-only') o.installOnly = true;
		else if (a === '--watch') o.watch = true;
		else if (a === '--queue') o.queue = true;
		else if (a === '--direct-install') o.directInstall = true;
		else if (a === '--workers') o.workers = Number(argv[++i]);
		else if (a.startsWith('--workers=')) o.workers = Number(a.slice(10));
		else if (a === '--redis-port') o.redisPort = Number(argv[++i]);
		else if (a.startsWith('--redis-port=')) o.redisPort = Number(a.slice(13));
		else if (a === '--help' || a === '-h') {
			console.log(fs.readFileSync(__filename, 'utf8').split('*/')[0]);
			process.exit(0);
		} else throw new Error(`unknown option ${a} (see --help)`);
	}
	if (!Number.isInteger(o.port) || o.port <= 0) throw new Error('--port needs a port number');
	if (!Number.isInteger(o.workers) || o.workers < 1) throw new Error('--workers needs a number ≥ 1');
	if (!Number.isInteger(o.redisPort) || o.redisPort <= 0) throw new Error('--redis-port needs a port number');
	return o;
}

function need(name: string): string {
	const v = process.env[name];
	if (!v) throw new Error(`--real needs ${name} in the environment`);
	return v;
}

/** What `npm start` runs, and what stopping it has to stop. */
interface Running {
	opts: Options;
	line: string;
	rt: Runtime;
	env: NodeJS.ProcessEnv;
	userFolder: string;
	/** The packed package; `direct`: installed by unpacking (communityPackage.ts), else through n8n's installer. */
	pack: { tarball: string; direct: boolean };
	real: { copper: boolean; ocoya: boolean };
	sandboxes?: stack.Sandboxes;
	server?: stack.N8nServer;
	redis?: queue.ManagedProcess;
	workers: queue.ManagedProcess[];
	watchers: fs.FSWatcher[];
	stopping: boolean;
	restarting: boolean;
}

async function stopAll(run: Running, code: number): Promise<void> {
	if (run.stopping) return;
	run.stopping = true;
	stack.log('stopping…');
	for (const watcher of run.watchers) watcher.close();
	await Promise.all(run.workers.map((worker) => worker.stop()));
	await run.server?.stop();
	await run.redis?.stop();
	await run.sandboxes?.close();
	stack.log(`stopped n8n${run.opts.queue ? ', its workers and Redis' : ''} and the sandboxes`);
	process.exit(code);
}

/** Where the credentials point: the sandboxes, or the real APIs (--real, or their API keys set). */
function credentialTargets(run: Running): stack.CredentialTargets {
	const { sandboxes } = run;
	return {
		copper: run.real.copper
			? { apiKey: need('COPPER_API_KEY'), email: need('COPPER_EMAIL'), baseUrl: process.env.COPPER_BASE_URL || REAL_COPPER_URL }
			: { apiKey: stack.SANDBOX_DEFAULTS.copper.apiKey, email: stack.SANDBOX_DEFAULTS.copper.email, baseUrl: sandboxes!.copper.url },
		ocoya: run.real.ocoya
			? { apiKey: need('OCOYA_API_KEY'), baseUrl: process.env.OCOYA_BASE_URL || REAL_OCOYA_URL }
			: { apiKey: sandboxes!.ocoya.apiKey, baseUrl: sandboxes!.ocoya.url },
		mcpToken: process.env.N8N_MCP_TOKEN || stack.MCP.demoToken,
	};
}

/** The credentials, the package record and the examples, through n8n's CLI. */
async function provision(run: Running, targets: stack.CredentialTargets): Promise<void> {
	const { rt, env, line } = run;
	await stack.importCredentials(rt, env, run.userFolder, targets);
	if (run.pack.direct) await stack.registerCommunityPackage(rt, run.userFolder);
	else await installThroughN8n(rt, env, { userFolder: run.userFolder, port: run.opts.port }, run.pack.tarball, (server) => (run.server = server));
	if (!run.opts.examples) return;
	await stack.importWorkflows(rt, env);
	// The MCP Server example answers MCP clients only while published; it uses the MCP Server
	// Trigger 2.1 of n8n 2.x, so the 1.x line leaves it unpublished.
	if (line === DEFAULT_LINE) await stack.publishWorkflows(rt, env, stack.exampleFiles().filter(stack.isServedWorkflow), line);
	else stack.log('the MCP Server example is not published on n8n 1.x (its MCP Server Trigger 2.1 needs n8n 2.x)');
}

/** Stops everything when a process ends on its own (not while stopping or reloading). */
function stopWhenLost(run: Running, name: string, child: { process: ChildProcess; logs(): string }): void {
	child.process.on('exit', (code) => {
		if (run.stopping || run.restarting) return;
		stack.log(`${name} exited (${code}); last output:\n${child.logs().slice(-4000)}`);
		void stopAll(run, 1);
	});
}

/** Starts n8n (and its workers in queue mode). */
async function boot(run: Running): Promise<void> {
	const server = await stack.startN8n(run.rt, run.env, run.opts.port);
	run.server = server;
	stopWhenLost(run, 'n8n', server);
	run.workers = [];
	if (!run.opts.queue) return;
	for (let i = 1; i <= run.opts.workers; i++) {
		const worker = await queue.startWorker(run.rt, run.env, i, run.opts.port + i);
		stopWhenLost(run, worker.name, worker);
		run.workers.push(worker);
	}
}

function printBanner(run: Running, targets: stack.CredentialTargets, started: number): void {
	const { opts, server } = run;
	const rule = '─'.repeat(64);
	const lines = [
		`  n8n is running:  ${server!.url}${opts.queue ? ' (queue mode)' : ''}`,
		...(opts.queue
			? [`  Workers:         ${run.workers.length} (health checks on ports ${run.workers.map((_w, i) => opts.port + i + 1).join(', ')})`, `  Redis:           127.0.0.1:${opts.redisPort}`]
			: []),
		`  Sign in:         ${stack.OWNER.email}  /  ${stack.OWNER.password}`,
		`  Copper:          ${targets.copper.baseUrl}${run.real.copper ? ' (real API)' : ' (sandbox)'}`,
		`  Ocoya:           ${targets.ocoya.baseUrl}${run.real.ocoya ? ' (real API)' : ' (sandbox)'}`,
		`  Workflows:       ${opts.examples ? `${stack.exampleFiles().length} examples from examples/` : 'examples not imported'}`,
		...(opts.examples
			? [
					`  MCP server:      ${stack.mcpUrl(server!.url)}  (Authorization: Bearer ${targets.mcpToken === stack.MCP.demoToken ? stack.MCP.demoToken : 'the N8N_MCP_TOKEN you set'})`,
					`  Read-only MCP:   ${stack.mcpUrl(server!.url)}-read-only  (the same token; search, fetch and list tools only)`,
				]
			: []),
		`  Ready in ${((Date.now() - started) / 1000).toFixed(0)} s. Ctrl-C stops n8n${run.sandboxes ? ' and the sandboxes' : ''}.`,
		...(opts.watch ? ['  Watching nodes/, credentials/, icons/: a change rebuilds and restarts n8n.'] : []),
	];
	console.log([`\n${rule}`, ...lines, `${rule}\n`].join('\n'));
}

/** `npm run dev`: a change under nodes/, credentials/ or icons/ rebuilds, reinstalls and restarts n8n. */
function watchSources(run: Running): void {
	let timer: NodeJS.Timeout | undefined;
	let busy = false;
	const reload = async () => {
		if (busy || run.stopping) return;
		busy = true;
		try {
			stack.log('change detected: rebuilding');
			stack.buildPackage();
			stack.installCommunityPackage(stack.packPackage(), run.userFolder);
			forgetInstallerMark(run.userFolder);
			run.restarting = true;
			await Promise.all(run.workers.map((worker) => worker.stop()));
			await run.server?.stop();
			await boot(run);
			stack.log(`reloaded: ${run.server!.url} (refresh the editor)`);
		} catch (e) {
			stack.log(`reload failed (fix and save again): ${(e as Error).message.slice(0, 4000)}`);
		} finally {
			run.restarting = false;
			busy = false;
		}
	};
	run.watchers = ['nodes', 'credentials', 'icons']
		.map((dir) => path.join(REPO_ROOT, dir))
		.filter((dir) => fs.existsSync(dir))
		.map((dir) =>
			fs.watch(dir, { recursive: true }, () => {
				clearTimeout(timer);
				timer = setTimeout(() => void reload(), 400);
			}),
		);
}

/**
 * The package built and packed for the user folder of the selected n8n line (one per line: a 2.x
 * database is not for 1.x). n8n's installer installs it later (provision), except with
 * --direct-install, --watch (a reinstall on every change), --queue and n8n 1.x: then it is unpacked
 * into the user folder now and recorded in the database by hand.
 */
function preparePackage(opts: Options, line: string): { userFolder: string; pack: Running['pack'] } {
	const userFolder = path.join(LOCAL_DIR, line === DEFAULT_LINE ? 'user' : `user-${line}x`);
	if (opts.fresh) fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	stack.buildPackage();
	const tarball = stack.packPackage();
	const direct = opts.directInstall || opts.watch || opts.queue || line !== DEFAULT_LINE;
	if (direct) {
		stack.installCommunityPackage(tarball, userFolder);
		forgetInstallerMark(userFolder);
	}
	return { userFolder, pack: { tarball, direct } };
}

async function main(): Promise<void> {
	const opts = parseOptions(process.argv.slice(2));
	const started = Date.now();
	const line = selectedLine();
	const rt = await ensureRuntime(line);
	if (opts.installOnly) return;
	const { userFolder, pack } = preparePackage(opts, line);
	const real = { copper: opts.real || !!process.env.COPPER_API_KEY, ocoya: opts.real || !!process.env.OCOYA_API_KEY };
	const run: Running = { opts, line, rt, env: {}, userFolder, pack, real, workers: [], watchers: [], stopping: false, restarting: false };
	process.on('SIGINT', () => void stopAll(run, 0));
	process.on('SIGTERM', () => void stopAll(run, 0));
	try {
		if (!real.copper || !real.ocoya) {
			run.sandboxes = await stack.startSandboxes({
				copperPort: Number(process.env.N8N_LOCAL_COPPER_PORT) || undefined,
				ocoyaPort: Number(process.env.N8N_LOCAL_OCOYA_PORT) || undefined,
			});
		}
		const targets = credentialTargets(run);
		if (opts.queue) run.redis = await queue.startRedis(opts.redisPort, path.join(LOCAL_DIR, 'redis'));
		const baseEnv = stack.n8nEnv(rt, userFolder, opts.port);
		run.env = opts.queue ? queue.queueEnv(baseEnv, opts.redisPort) : baseEnv;
		await provision(run, targets);
		await boot(run);
		await stack.setupOwner(run.server!.url);
		printBanner(run, targets, started);
		if (opts.watch) watchSources(run);
	} catch (e) {
		console.error(e);
		await stopAll(run, 1);
	}
}

main().catch((e: unknown) => {
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
});
