/**
 * The transport's hardening in the real n8n (run by globalSetup, checked by hardening.e2e.ts): one
 * workflow, executed headless with `n8n execute`, whose Copper nodes meet faults injected into the
 * in-process sandbox:
 *   - "Echoed Credentials" (Continue On Fail): a 403 whose body echoes the request's headers,
 *     API key and account email included, as an object;
 *   - "Trickled Answer": an answer sent one byte every 40 ms (the idle timeout never fires), cut off
 *     by the 1 s attempt deadline and retried; this proves the deadline's abort signal reaches the
 *     request inside the n8n server's own execution context.
 */
import * as fs from 'fs';
import * as path from 'path';

import type { Runtime } from '../../../tooling/n8n/n8n-install';
import * as stack from '../../../tooling/n8n/stack';
import type { ExecutionRecord } from './state';

export const HARDENING_WORKFLOW_ID = 'e2eHardening01';

function workflow(personId: number): object {
	const copperNode = (name: string, x: number, extra: object) => ({
		parameters: { authentication: 'apiKey', resource: 'people', operation: 'get', person_id: String(personId), ...extra },
		id: `hardening-${x}`,
		name,
		type: 'n8n-nodes-copper-ocoya.copperCrm',
		typeVersion: 1,
		position: [x, 0],
		credentials: { copperCrmApi: { id: 'copperSandbox001', name: 'Copper CRM account' } },
	});
	const link = (node: string) => ({ main: [[{ node, type: 'main', index: 0 }]] });
	return {
		id: HARDENING_WORKFLOW_ID,
		name: 'e2e: transport hardening',
		active: false,
		nodes: [
			{ parameters: {}, id: 'hardening-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] },
			{ ...copperNode('Echoed Credentials', 220, {}), onError: 'continueRegularOutput' },
			copperNode('Trickled Answer', 440, { requestOptions: { attemptDeadlineSeconds: 1, timeoutMs: 5000, initialDelayMs: 10 } }),
		],
		connections: { Start: link('Echoed Credentials'), 'Echoed Credentials': link('Trickled Answer') },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

export async function runHardeningWorkflow(
	rt: Runtime,
	env: NodeJS.ProcessEnv,
	sandboxes: stack.Sandboxes,
	dir: string,
): Promise<ExecutionRecord> {
	const { copper } = sandboxes;
	const person = copper.store.addPeople(1)[0];
	const file = path.join(dir, 'hardening-workflow.json');
	fs.writeFileSync(file, JSON.stringify(workflow(person.id), null, 1));
	await stack.importWorkflows(rt, env, [file]);
	const get = { method: 'GET', path: `/people/${person.id}`, times: 1 };
	copper.clearRequests();
	copper.injectFault({ ...get, status: 403, echo: 'headerObject' });
	copper.injectFault({ ...get, trickle: { everyMs: 40 } });
	const started = Date.now();
	try {
		const result = await stack.executeWorkflow(rt, env, HARDENING_WORKFLOW_ID);
		const attempts = copper.requests.filter((r) => r.method === 'GET' && r.path === `/people/${person.id}`).length;
		return { ok: true, ms: Date.now() - started, result: { ...result, attempts, personId: person.id } };
	} catch (e) {
		return { ok: false, ms: Date.now() - started, error: (e as Error).message.slice(0, 8000) };
	} finally {
		copper.clearFaults();
	}
}
