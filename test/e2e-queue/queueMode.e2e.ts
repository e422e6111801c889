/**
 * n8n's queue mode, for real: Redis, n8n's main process with EXECUTIONS_MODE=queue and two
 * `n8n worker` processes (concurrency 2 each, so three executions land on both), all with this
 * package installed as a community package and sharing one user folder (database, encryption key).
 * Three published workflows (Webhook → Split Out → Copper CRM "Create a New Person") are started at
 * once through their production webhooks; each creates PER_WORKFLOW people in a Copper sandbox
 * that enforces one scaled limit for all of them, with no rate-limit headers (as Copper). Every node
 * is configured with that whole limit, so the workers' throttles must learn their shares (nodes/shared/
 * adaptiveRate.ts). Asserts: every execution succeeded, both workers ran executions, every record
 * exists exactly once; prints the 429 share and the time against the fastest schedule.
 *
 * Ports (env): E2E_QUEUE_N8N_PORT (5690; workers on +1 and +2, task-runner brokers on +1000),
 * E2E_QUEUE_REDIS_PORT (6381), E2E_QUEUE_COPPER_PORT (4130).
 */
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import { ensureRuntime, LOCAL_DIR, REPO_ROOT } from '../../tooling/n8n/n8n-install';
import * as queue from '../../tooling/n8n/queue';
import * as stack from '../../tooling/n8n/stack';
import { startCopperSandbox, type CopperSandbox } from '../../tooling/sandbox/copper';
import { N8nApi, waitFor } from '../e2e/setup/n8nApi';

const PORT = Number(process.env.E2E_QUEUE_N8N_PORT ?? 5690);
const REDIS_PORT = Number(process.env.E2E_QUEUE_REDIS_PORT ?? 6381);
const COPPER_PORT = Number(process.env.E2E_QUEUE_COPPER_PORT ?? 4130);
const DIR = path.join(LOCAL_DIR, 'e2e-queue');
const ARTIFACTS = path.join(REPO_ROOT, '.artifacts', 'e2e-queue');
/** Copper's shape (180 per 60 s) scaled to 30 per 2 s: one budget for the three workflows. */
const LIMIT = { max: 30, windowMs: 2000 };
const PER_WORKFLOW = 30;
const WORKFLOWS = ['A', 'B', 'C'];

function workflowJson(name: string) {
	return {
		id: `e2eQueue${name}000000`,
		name: `E2E queue: create people ${name}`,
		active: false,
		nodes: [
			{
				parameters: { httpMethod: 'POST', path: `queue-e2e-${name.toLowerCase()}`, responseMode: 'onReceived', options: {} },
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
			},
			{
				parameters: { fieldToSplitOut: 'body.people', options: {} },
				id: randomUUID(),
				name: 'One Item per Person',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
			},
			{
				parameters: {
					authentication: 'apiKey',
					resource: 'people',
					operation: 'create',
					name: '={{ $json.name }}',
					requestOptions: {
						throttleMax: LIMIT.max,
						throttleWindowSeconds: LIMIT.windowMs / 1000,
						maxRetries: 8,
						initialDelayMs: 100,
						maxWaitSeconds: 60,
						timeoutMs: 10000,
					},
				},
				id: randomUUID(),
				name: 'Create Person',
				type: 'n8n-nodes-copper-ocoya.copperCrm',
				typeVersion: 1,
				position: [440, 0],
				credentials: { copperCrmApi: { id: stack.CREDENTIAL_IDS.copper, name: stack.CREDENTIAL_NAMES.copper } },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'One Item per Person', type: 'main', index: 0 }]] },
			'One Item per Person': { main: [[{ node: 'Create Person', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
		pinData: {},
		tags: [],
	};
}

describe('queue mode: three workflows on two workers share one Copper budget', () => {
	let copper: CopperSandbox | undefined;
	let redis: queue.ManagedProcess | undefined;
	let server: stack.N8nServer | undefined;
	const workers: queue.ManagedProcess[] = [];
	const api = new N8nApi(`http://127.0.0.1:${PORT}`);

	beforeAll(async () => {
		const rt = await ensureRuntime();
		fs.rmSync(DIR, { recursive: true, force: true });
		fs.rmSync(ARTIFACTS, { recursive: true, force: true });
		fs.mkdirSync(ARTIFACTS, { recursive: true });
		const userFolder = path.join(DIR, 'user');
		fs.mkdirSync(userFolder, { recursive: true });
		stack.buildPackage();
		stack.installCommunityPackage(stack.packPackage(), userFolder);
		copper = await startCopperSandbox({ port: COPPER_PORT, seed: 'minimal', apiKey: stack.SANDBOX_DEFAULTS.copper.apiKey, email: stack.SANDBOX_DEFAULTS.copper.email });
		redis = await queue.startRedis(REDIS_PORT, path.join(DIR, 'redis'));
		// Info level: each worker logs the executions it runs ("Worker started execution …").
		const env = queue.queueEnv(stack.n8nEnv(rt, userFolder, PORT, { N8N_LOG_LEVEL: 'info' }), REDIS_PORT);
		await stack.importCredentials(rt, env, userFolder, {
			copper: { apiKey: stack.SANDBOX_DEFAULTS.copper.apiKey, email: stack.SANDBOX_DEFAULTS.copper.email, baseUrl: copper.url },
			ocoya: { apiKey: 'unused', baseUrl: 'http://127.0.0.1:9/api/_public/v1' },
		});
		await stack.registerCommunityPackage(rt, userFolder);
		const files = WORKFLOWS.map((name) => {
			const file = path.join(DIR, `workflow-${name}.json`);
			fs.writeFileSync(file, JSON.stringify(workflowJson(name), null, 2));
			return file;
		});
		await stack.importWorkflows(rt, env, files);
		for (const name of WORKFLOWS) await stack.n8nCli(rt, env, ['publish:workflow', `--id=${workflowJson(name).id}`]);
		server = await stack.startN8n(rt, env, PORT);
		for (const index of [1, 2]) workers.push(await queue.startWorker(rt, env, index, PORT + index, { concurrency: 2 }));
		await stack.setupOwner(server.url);
		await api.login(stack.OWNER.email, stack.OWNER.password);
	}, 600_000);

	afterAll(async () => {
		for (const [name, logs] of [['n8n-main', server?.logs()], ...workers.map((w) => [w.name.replace(' ', '-'), w.logs()])]) {
			if (logs) fs.writeFileSync(path.join(ARTIFACTS, `${name}.log`), logs);
		}
		await Promise.all(workers.map((w) => w.stop()));
		await server?.stop();
		await redis?.stop();
		await copper?.close();
	});

	it('every execution succeeds on the workers, every record exists exactly once; prints the 429 share and the time', async () => {
		copper!.setRateLimit(LIMIT);
		copper!.clearRequests();
		const started = Date.now();
		const answers = await Promise.all(
			WORKFLOWS.map((name) =>
				fetch(`${server!.url}/webhook/queue-e2e-${name.toLowerCase()}`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({ people: Array.from({ length: PER_WORKFLOW }, (_v, i) => ({ name: `Queue ${name} #${i}` })) }),
				}),
			),
		);
		expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);

		const executions = await waitFor(
			'three finished executions',
			async () => {
				const lists = await Promise.all(WORKFLOWS.map((name) => api.executions(workflowJson(name).id)));
				const finished = lists.map((list) => list.filter((e) => !['new', 'running', 'waiting'].includes(e.status)));
				return finished.every((list) => list.length >= 1) ? finished.flat() : undefined;
			},
			240_000,
		);
		const elapsed = Date.now() - started;
		expect(executions).toHaveLength(3);
		expect(executions.map((e) => e.status)).toEqual(['success', 'success', 'success']);

		// Both workers ran executions (the main process only enqueued them).
		const ran = workers.map((w) => (w.logs().match(/Worker started execution/g) ?? []).length);
		expect(ran.reduce((a, b) => a + b, 0)).toBe(3);
		expect(ran.every((n) => n >= 1)).toBe(true);

		// Every record exists exactly once, and every node output carries one record per person.
		const names = copper!.store.all('people').map((p) => p.name).filter((n) => n.startsWith('Queue '));
		expect(names).toHaveLength(WORKFLOWS.length * PER_WORKFLOW);
		expect(new Set(names).size).toBe(WORKFLOWS.length * PER_WORKFLOW);
		for (const execution of executions) {
			const full = await api.execution(execution.id);
			const out = full.data.resultData.runData['Create Person'][0].data.main[0] as Array<{ json: { id?: number; error?: unknown } }>;
			expect(out).toHaveLength(PER_WORKFLOW);
			expect(out.every((item) => typeof item.json.id === 'number' && item.json.error === undefined)).toBe(true);
		}

		const creates = copper!.requests.filter((r) => r.method === 'POST' && r.path === '/people');
		const refused = creates.filter((r) => r.status === 429).length;
		const total = WORKFLOWS.length * PER_WORKFLOW;
		const schedule = Math.floor((total - 1) / LIMIT.max) * LIMIT.windowMs;
		const summary =
			`queue mode: ${total} creates by 3 workflows on 2 workers (executions per worker: ${ran.join(', ')}) under ` +
			`${LIMIT.max} per ${LIMIT.windowMs / 1000} s: ${refused} of ${creates.length} requests answered 429 ` +
			`(${((100 * refused) / creates.length).toFixed(1)} %), ${elapsed} ms from the webhooks to the last finished execution ` +
			`(the fastest schedule the limit permits: ${schedule} ms)`;
		console.log(summary);
		fs.writeFileSync(path.join(ARTIFACTS, 'summary.txt'), `${summary}\n`);
	});
});
