/**
 * n8n's error output in the real n8n (run by globalSetup, checked by errorOutput.e2e.ts): one workflow,
 * executed headless with `n8n execute`, splits three rows (a person that exists, an ID that is not a
 * number, an ID Copper does not know) and fetches each with two Copper nodes: "Fetch (error output)"
 * with On Error "Continue (using error output)", its two branches feeding "On Success" and "On Error";
 * "Fetch (regular output)" with "Continue (regular output)", feeding "After Regular". Each downstream
 * Set node reads `$('<Copper node>').item` and `$('One Row').item`, so the run shows whether n8n
 * paired every item on both branches.
 */
import * as fs from 'fs';
import * as path from 'path';

import type { Runtime } from '../../../tooling/n8n/n8n-install';
import * as stack from '../../../tooling/n8n/stack';
import type { ExecutionRecord } from './state';

export const ERROR_OUTPUT_WORKFLOW_ID = 'e2eErrorOutput01';

const set = (name: string, x: number, y: number, fields: Record<string, string>) => ({
	parameters: {
		mode: 'manual',
		assignments: {
			assignments: Object.entries(fields).map(([field, value], index) => ({ id: `${name}-${index}`, name: field, value, type: 'string' })),
		},
		options: {},
	},
	id: `error-output-${name.replace(/\W/g, '')}`,
	name,
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	position: [x, y],
});

const copper = (name: string, x: number, y: number, onError: string) => ({
	parameters: { authentication: 'apiKey', resource: 'people', operation: 'get', person_id: '={{ $json.id }}' },
	id: `error-output-${name.replace(/\W/g, '')}`,
	name,
	type: 'n8n-nodes-copper-ocoya.copperCrm',
	typeVersion: 1,
	position: [x, y],
	onError,
	credentials: { copperCrmApi: { id: 'copperSandbox001', name: 'Copper CRM account' } },
});

function workflow(personId: number): object {
	const rows = [
		{ row: 'a', id: personId },
		{ row: 'b', id: 'not-an-id' },
		{ row: 'c', id: 999999999 },
	];
	const to = (...nodes: string[]) => nodes.map((node) => [{ node, type: 'main', index: 0 }]);
	return {
		id: ERROR_OUTPUT_WORKFLOW_ID,
		name: 'e2e: error output',
		active: false,
		nodes: [
			{ parameters: {}, id: 'error-output-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] },
			{
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ rows }), options: {} },
				id: 'error-output-rows',
				name: 'Rows',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
			},
			{ parameters: { fieldToSplitOut: 'rows', options: {} }, id: 'error-output-split', name: 'One Row', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [400, 0] },
			copper('Fetch (error output)', 600, -150, 'continueErrorOutput'),
			copper('Fetch (regular output)', 600, 150, 'continueRegularOutput'),
			set('On Success', 850, -250, { row: "={{ $('One Row').item.json.row }}", fetched: "={{ $('Fetch (error output)').item.json.id }}" }),
			set('On Error', 850, -50, { row: "={{ $('One Row').item.json.row }}", error: "={{ $('Fetch (error output)').item.json.error }}" }),
			set('After Regular', 850, 150, { row: "={{ $('One Row').item.json.row }}", error: "={{ $('Fetch (regular output)').item.json.error ?? '' }}" }),
		],
		connections: {
			Start: { main: to('Rows') },
			Rows: { main: to('One Row') },
			'One Row': { main: [[{ node: 'Fetch (error output)', type: 'main', index: 0 }, { node: 'Fetch (regular output)', type: 'main', index: 0 }]] },
			'Fetch (error output)': { main: to('On Success', 'On Error') },
			'Fetch (regular output)': { main: to('After Regular') },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

export async function runErrorOutputWorkflow(rt: Runtime, env: NodeJS.ProcessEnv, sandboxes: stack.Sandboxes, dir: string): Promise<ExecutionRecord> {
	const person = sandboxes.copper.store.addPeople(1)[0];
	const file = path.join(dir, 'error-output-workflow.json');
	fs.writeFileSync(file, JSON.stringify(workflow(person.id), null, 1));
	await stack.importWorkflows(rt, env, [file]);
	const started = Date.now();
	try {
		const result = await stack.executeWorkflow(rt, env, ERROR_OUTPUT_WORKFLOW_ID);
		return { ok: true, ms: Date.now() - started, result: { ...result, personId: person.id } };
	} catch (e) {
		return { ok: false, ms: Date.now() - started, error: (e as Error).message.slice(0, 8000) };
	}
}
