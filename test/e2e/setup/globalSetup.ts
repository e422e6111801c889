/**
 * Starts everything the e2e tests share, once:
 *  1. Node 24 + the n8n server of the line N8N_LINE selects (2: 2.41.1, the default; 1: 1.123.81;
 *     cached installs, tooling/n8n/n8n-install.ts),
 *  2. the package built, packed and installed as a community package into a fresh user folder,
 *  3. both sandboxes (demo data) on their own ports,
 *  4. credentials and every examples/*.json imported with n8n's CLI, each example executed
 *     headless (`n8n execute --id --rawOutput`; results go to the state file for examples.e2e.ts),
 *     and the hardening workflow run against injected faults (setup/hardening.ts, hardening.e2e.ts),
 *  5. the Copper CRM Trigger workflow imported and published (when the trigger node exists), the
 *     two poll trigger workflows imported (inactive), and the served examples (the MCP Server
 *     Trigger one) published instead of executed,
 *  6. `n8n start` on 127.0.0.1:5678 (E2E_N8N_PORT) and the owner account.
 * globalTeardown stops n8n and the sandboxes whatever happened.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ensureRuntime, N8N_LINES, REPO_ROOT, selectedLine } from '../../../tooling/n8n/n8n-install';
import * as stack from '../../../tooling/n8n/stack';
import { ERROR_OUTPUT_WORKFLOW_ID, runErrorOutputWorkflow } from './errorOutput';
import { HARDENING_WORKFLOW_ID, runHardeningWorkflow } from './hardening';
import { writeFullOutputVariant } from './mcpFullOutput';
import { ARTIFACTS_DIR, E2E_DIR, STATE_FILE, type E2eState } from './state';

export const TRIGGER_FIXTURE = path.join(__dirname, '..', 'fixtures', 'copper-trigger-workflow.json');
/** Imported inactive; pollTriggers.e2e.ts activates and deactivates them through the REST API. */
export const POLL_FIXTURES = ['copper-poll-trigger-workflow.json', 'ocoya-poll-trigger-workflow.json'].map((f) =>
	path.join(__dirname, '..', 'fixtures', f),
);

interface Held {
	sandboxes?: stack.Sandboxes;
	server?: stack.N8nServer;
}

export default async function globalSetup(): Promise<void> {
	const held: Held = {};
	(globalThis as Record<string, unknown>).__E2E__ = held;
	try {
		await setUp(held);
	} catch (e) {
		// Jest skips globalTeardown when globalSetup throws: stop what was started here.
		await held.server?.stop();
		await held.sandboxes?.close();
		throw e;
	}
}

type Runtime = Awaited<ReturnType<typeof ensureRuntime>>;
type Env = ReturnType<typeof stack.n8nEnv>;
type Line = ReturnType<typeof selectedLine>;
type Time = <T>(label: string, fn: () => Promise<T> | T) => Promise<T>;

/** Runs a setup step, logging and recording (in `timings`) how long it took. */
function timer(timings: Record<string, number>): Time {
	return async <T>(label: string, fn: () => Promise<T> | T): Promise<T> => {
		const t = Date.now();
		try {
			return await fn();
		} finally {
			timings[label] = Date.now() - t;
			stack.log(`e2e setup: ${label} ${((Date.now() - t) / 1000).toFixed(1)} s`);
		}
	};
}

/** A fresh e2e folder and artifacts folder; the n8n user folder inside. */
function freshFolders(): string {
	fs.rmSync(E2E_DIR, { recursive: true, force: true });
	fs.rmSync(ARTIFACTS_DIR, { recursive: true, force: true });
	fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
	const userFolder = path.join(E2E_DIR, 'user');
	fs.mkdirSync(userFolder, { recursive: true });
	return userFolder;
}

/**
 * Imports every example; the served ones (MCP Server Trigger) and, beside them, the MCP example with Full
 * tool output are published instead. Returns the examples to execute headless and the served ones.
 */
async function importExamples(time: Time, rt: Runtime, env: Env, line: Line) {
	const allExamples = stack.exampleFiles();
	// The MCP Server Trigger examples cannot run headless: they are published and served (mcp.e2e.ts).
	// They use the MCP Server Trigger 2.1 of n8n 2.x (1.123 has up to 2): on the 1.x line they are not
	// served. Beside them, the MCP example with Full tool output, to measure what Simplified saves.
	const served = allExamples.filter(stack.isServedWorkflow);
	const examples = allExamples.filter((file) => !served.includes(file));
	const mcpServed = line !== '1' && served.length > 0;
	const measured = mcpServed ? [writeFullOutputVariant(E2E_DIR)] : [];
	await time('import examples', () => stack.importWorkflows(rt, env, [...allExamples, ...measured]));
	if (mcpServed) await time('publish served examples', () => stack.publishWorkflows(rt, env, [...served, ...measured], line));
	return { examples, served, mcpServed };
}

/** Executes each example headless, recording its result (and writing it to the artifacts). */
async function executeExamples(rt: Runtime, env: Env, examples: string[], executions: E2eState['executions']): Promise<void> {
	for (const file of examples) {
		const id = (JSON.parse(fs.readFileSync(file, 'utf8')) as { id: string }).id;
		const t = Date.now();
		try {
			const result = await stack.executeWorkflow(rt, env, id);
			executions[id] = { ok: true, ms: Date.now() - t, result };
		} catch (e) {
			executions[id] = { ok: false, ms: Date.now() - t, error: (e as Error).message.slice(0, 8000) };
		}
		fs.writeFileSync(path.join(ARTIFACTS_DIR, `execution-${id}.json`), JSON.stringify(executions[id], null, 1));
	}
}

/** The hardening and the error-output workflows, run headless against the sandboxes' injected faults. */
async function executeFaultWorkflows(time: Time, rt: Runtime, env: Env, sandboxes: stack.Sandboxes, executions: E2eState['executions']): Promise<void> {
	await time('execute the hardening workflow headless', async () => {
		executions[HARDENING_WORKFLOW_ID] = await runHardeningWorkflow(rt, env, sandboxes, ARTIFACTS_DIR);
		fs.writeFileSync(path.join(ARTIFACTS_DIR, `execution-${HARDENING_WORKFLOW_ID}.json`), JSON.stringify(executions[HARDENING_WORKFLOW_ID], null, 1));
	});

	await time('execute the error-output workflow headless', async () => {
		executions[ERROR_OUTPUT_WORKFLOW_ID] = await runErrorOutputWorkflow(rt, env, sandboxes, ARTIFACTS_DIR);
		fs.writeFileSync(path.join(ARTIFACTS_DIR, `execution-${ERROR_OUTPUT_WORKFLOW_ID}.json`), JSON.stringify(executions[ERROR_OUTPUT_WORKFLOW_ID], null, 1));
	});
}

/** The trigger workflows: the webhook one published (when the trigger node exists), the poll ones imported inactive. */
async function importTriggers(time: Time, rt: Runtime, env: Env, line: Line, port: number): Promise<E2eState['trigger']> {
	let trigger: E2eState['trigger'];
	const triggerNode = path.join(REPO_ROOT, 'dist', 'nodes', 'CopperCrm', 'CopperCrmWebhookTrigger.node.js');
	if (fs.existsSync(triggerNode)) {
		const wf = JSON.parse(fs.readFileSync(TRIGGER_FIXTURE, 'utf8')) as { id: string; nodes: Array<{ webhookId?: string }> };
		await time('import trigger workflows + publish the webhook one', async () => {
			await stack.importWorkflows(rt, env, [TRIGGER_FIXTURE, ...POLL_FIXTURES]);
			// n8n 2.x publishes a workflow; 1.x has no publish:workflow and activates with update:workflow.
			await stack.n8nCli(rt, env, stack.activateArgs(line, wf.id));
		});
		const webhookId = wf.nodes.find((n) => n.webhookId)!.webhookId!;
		trigger = { workflowId: wf.id, webhookUrl: `http://127.0.0.1:${port}/webhook/${webhookId}/webhook` };
	}

	if (!trigger) await time('import poll trigger workflows', () => stack.importWorkflows(rt, env, POLL_FIXTURES));
	return trigger;
}

async function setUp(held: Held): Promise<void> {
	const timings: Record<string, number> = {};
	const time = timer(timings);
	process.stdout.write('\n');
	const line = selectedLine();
	const rt = await time(`n8n runtime (line ${line}: n8n ${N8N_LINES[line].n8n})`, () => ensureRuntime(line));
	const userFolder = freshFolders();

	await time('build + pack + install package', () => {
		stack.buildPackage();
		stack.installCommunityPackage(stack.packPackage(), userFolder);
	});
	held.sandboxes = await time('sandboxes', () =>
		stack.startSandboxes({
			copperPort: Number(process.env.E2E_COPPER_PORT ?? 4110),
			ocoyaPort: Number(process.env.E2E_OCOYA_PORT ?? 4120),
		}),
	);
	const { copper, ocoya } = held.sandboxes;
	const port = Number(process.env.E2E_N8N_PORT ?? 5678);
	const env = stack.n8nEnv(rt, userFolder, port);
	const copperCreds = { apiKey: stack.SANDBOX_DEFAULTS.copper.apiKey, email: stack.SANDBOX_DEFAULTS.copper.email, baseUrl: copper.url };
	await time('import credentials', () =>
		stack.importCredentials(rt, env, userFolder, { copper: copperCreds, ocoya: { apiKey: ocoya.apiKey, baseUrl: ocoya.url } }),
	);
	await time('register community package', () => stack.registerCommunityPackage(rt, userFolder));
	const { examples, served, mcpServed } = await importExamples(time, rt, env, line);

	const executions: E2eState['executions'] = {};
	await time('execute examples headless', () => executeExamples(rt, env, examples, executions));
	await executeFaultWorkflows(time, rt, env, held.sandboxes, executions);
	const trigger = await importTriggers(time, rt, env, line, port);

	held.server = await time('n8n start', () => stack.startN8n(rt, env, port));
	await time('owner setup', () => stack.setupOwner(held.server!.url));

	const state: E2eState = {
		n8nLine: line,
		n8nVersion: N8N_LINES[line].n8n,
		n8nUrl: held.server.url,
		owner: { email: stack.OWNER.email, password: stack.OWNER.password },
		copper: { url: copper.url, apiKey: copperCreds.apiKey, email: copperCreds.email },
		ocoya: { url: ocoya.url, apiKey: ocoya.apiKey },
		executions,
		served: served.map((file) => (JSON.parse(fs.readFileSync(file, 'utf8')) as { id: string }).id),
		...(mcpServed ? { mcp: { url: stack.mcpUrl(held.server.url), token: stack.MCP.demoToken } } : {}),
		trigger,
		timings,
	};
	fs.writeFileSync(STATE_FILE, JSON.stringify(state));
}
