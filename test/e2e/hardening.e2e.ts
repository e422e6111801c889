/**
 * The transport's hardening in the real n8n 2.41.1 (workflow and faults: setup/hardening.ts):
 * credentials masked in what n8n keeps of a failed request, and the attempt deadline cutting off a
 * trickled answer inside the server's execution context.
 */
import { nodeItems, readState, type E2eState } from './setup/state';
import { HARDENING_WORKFLOW_ID } from './setup/hardening';

let state: E2eState;
let result: any;

beforeAll(() => {
	state = readState();
	const record = state.executions[HARDENING_WORKFLOW_ID];
	expect(record).toBeDefined();
	if (!record.ok) throw new Error(`n8n execute --id=${HARDENING_WORKFLOW_ID} failed:\n${record.error}`);
	result = record.result;
});

describe('transport hardening in the real n8n', () => {
	it('an error body echoing the API key and email reaches n8n masked (Continue On Fail item and the whole run)', () => {
		const [item] = nodeItems(result, 'Echoed Credentials');
		expect(item.error).toContain('***');
		expect(item.description).toContain('HTTP 403');
		const text = JSON.stringify(result).toLowerCase();
		expect(text).not.toContain(state.copper.apiKey.toLowerCase());
		expect(text).not.toContain(state.copper.email.toLowerCase());
	});

	it('a trickled answer is cut off by the attempt deadline and retried to success', () => {
		const items = nodeItems(result, 'Trickled Answer');
		expect(result.data.resultData.error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].id).toBe(result.personId);
		// The echo, the trickled attempt and its retry.
		expect(result.attempts).toBe(3);
	});
});
