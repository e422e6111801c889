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
 *   --watch             what `npm run dev` passes
 */
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_LINE, ensureRuntime, LOCAL_DIR, REPO_ROOT, selectedLine } from './n8n-install';
import * as queue from './queue';
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

async function main(): Promise<void> {
	const opts = parseOptions(process.argv.slice(2));
	const started = Date.now();
	const line = selectedLine();
	const rt = await ensureRuntime(line);
	if (opts.installOnly) return;

	// One user folder (database) per n8n line: a 2.x database is not for 1.x.
	const userFolder = path.join(LOCAL_DIR, line === DEFAULT_LINE ? 'user' : `user-${line}x`);
	if (opts.fresh) fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });

	stack.buildPackage();
	stack.installCommunityPackage(stack.packPackage(), userFolder);

	const realCopper = opts.real || !!process.env.COPPER_API_KEY;
	const realOcoya = opts.real || !!process.env.OCOYA_API_KEY;
	let sandboxes: stack.Sandboxes | undefined;
	let server: stack.N8nServer | undefined;
	let redis: queue.ManagedProcess | undefined;
	let workers: queue.ManagedProcess[] = [];
	let watcher: fs.FSWatcher[] = [];
	let stopping = false;
	const stopAll = async (code: number) => {
		if (stopping) return;
		stopping = true;
		stack.log('stopping…');
		for (const w of watcher) w.close();
		await Promise.all(workers.map((w) => w.stop()));
		await server?.stop();
		await redis?.stop();
		await sandboxes?.close();
		stack.log(`stopped n8n${opts.queue ? ', its workers and Redis' : ''} and the sandboxes`);
		process.exit(code);
	};
	process.on('SIGINT', () => void stopAll(0));
	process.on('SIGTERM', () => void stopAll(0));

	try {
		if (!realCopper || !realOcoya) {
			sandboxes = await stack.startSandboxes({
				copperPort: Number(process.env.N8N_LOCAL_COPPER_PORT) || undefined,
				ocoyaPort: Number(process.env.N8N_LOCAL_OCOYA_PORT) || undefined,
			});
		}
		const targets: stack.CredentialTargets = {
			copper: realCopper
				? { apiKey: need('COPPER_API_KEY'), email: need('COPPER_EMAIL'), baseUrl: process.env.COPPER_BASE_URL || REAL_COPPER_URL }
				: { apiKey: stack.SANDBOX_DEFAULTS.copper.apiKey, email: stack.SANDBOX_DEFAULTS.copper.email, baseUrl: sandboxes!.copper.url },
			ocoya: realOcoya
				? { apiKey: need('OCOYA_API_KEY'), baseUrl: process.env.OCOYA_BASE_URL || REAL_OCOYA_URL }
				: { apiKey: sandboxes!.ocoya.apiKey, baseUrl: sandboxes!.ocoya.url },
			mcpToken: process.env.N8N_MCP_TOKEN || stack.MCP.demoToken,
		};
		if (opts.queue) redis = await queue.startRedis(opts.redisPort, path.join(LOCAL_DIR, 'redis'));
		const baseEnv = stack.n8nEnv(rt, userFolder, opts.port);
		const env = opts.queue ? queue.queueEnv(baseEnv, opts.redisPort) : baseEnv;
		await stack.importCredentials(rt, env, userFolder, targets);
		await stack.registerCommunityPackage(rt, userFolder);
		if (opts.examples) {
			await stack.importWorkflows(rt, env);
			// The MCP Server example answers MCP clients only while published; it uses the MCP Server
			// Trigger 2.1 of n8n 2.x, so the 1.x line leaves it unpublished.
			if (line === DEFAULT_LINE) await stack.publishWorkflows(rt, env, stack.exampleFiles().filter(stack.isServedWorkflow), line);
			else stack.log('the MCP Server example is not published on n8n 1.x (its MCP Server Trigger 2.1 needs n8n 2.x)');
		}

		const boot = async () => {
			server = await stack.startN8n(rt, env, opts.port);
			server.process.on('exit', (code) => {
				if (!stopping && !restarting) {
					stack.log(`n8n exited (${code}); last output:\n${server?.logs().slice(-4000)}`);
					void stopAll(1);
				}
			});
			if (opts.queue) {
				workers = [];
				for (let i = 1; i <= opts.workers; i++) {
					const worker = await queue.startWorker(rt, env, i, opts.port + i);
					worker.process.on('exit', (code) => {
						if (!stopping && !restarting) {
							stack.log(`${worker.name} exited (${code}); last output:\n${worker.logs().slice(-4000)}`);
							void stopAll(1);
						}
					});
					workers.push(worker);
				}
			}
		};
		let restarting = false;
		await boot();
		await stack.setupOwner(server!.url);

		const rule = '─'.repeat(64);
		console.log(`\n${rule}`);
		console.log(`  n8n is running:  ${server!.url}${opts.queue ? ' (queue mode)' : ''}`);
		if (opts.queue) {
			console.log(`  Workers:         ${workers.length} (health checks on ports ${workers.map((_w, i) => opts.port + i + 1).join(', ')})`);
			console.log(`  Redis:           127.0.0.1:${opts.redisPort}`);
		}
		console.log(`  Sign in:         ${stack.OWNER.email}  /  ${stack.OWNER.password}`);
		console.log(`  Copper:          ${targets.copper.baseUrl}${realCopper ? ' (real API)' : ' (sandbox)'}`);
		console.log(`  Ocoya:           ${targets.ocoya.baseUrl}${realOcoya ? ' (real API)' : ' (sandbox)'}`);
		console.log(`  Workflows:       ${opts.examples ? `${stack.exampleFiles().length} examples from examples/` : 'examples not imported'}`);
		if (opts.examples) console.log(`  MCP server:      ${stack.mcpUrl(server!.url)}  (Authorization: Bearer ${targets.mcpToken === stack.MCP.demoToken ? stack.MCP.demoToken : 'the N8N_MCP_TOKEN you set'})`);
		console.log(`  Ready in ${((Date.now() - started) / 1000).toFixed(0)} s. Ctrl-C stops n8n${sandboxes ? ' and the sandboxes' : ''}.`);
		if (opts.watch) console.log('  Watching nodes/, credentials/, icons/: a change rebuilds and restarts n8n.');
		console.log(`${rule}\n`);

		if (opts.watch) {
			let timer: NodeJS.Timeout | undefined;
			let busy = false;
			const reload = async () => {
				if (busy || stopping) return;
				busy = true;
				try {
					stack.log('change detected: rebuilding');
					stack.buildPackage();
					stack.installCommunityPackage(stack.packPackage(), userFolder);
					restarting = true;
					await Promise.all(workers.map((w) => w.stop()));
					await server?.stop();
					await boot();
					restarting = false;
					stack.log(`reloaded: ${server!.url} (refresh the editor)`);
				} catch (e) {
					restarting = false;
					stack.log(`reload failed (fix and save again): ${(e as Error).message.slice(0, 4000)}`);
				} finally {
					busy = false;
				}
			};
			watcher = ['nodes', 'credentials', 'icons']
				.map((d) => path.join(REPO_ROOT, d))
				.filter((d) => fs.existsSync(d))
				.map((d) =>
					fs.watch(d, { recursive: true }, () => {
						clearTimeout(timer);
						timer = setTimeout(() => void reload(), 400);
					}),
				);
		}
	} catch (e) {
		console.error(e);
		await stopAll(1);
	}
}

main().catch((e: unknown) => {
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
});
