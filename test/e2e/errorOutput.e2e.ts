/**
 * n8n's error output in the real n8n, on the line N8N_LINE selects (workflow: setup/errorOutput.ts):
 * with "Continue (using error output)" the failed rows (a bad ID: a validation error; an unknown ID:
 * Copper's 404) reach the error branch and the found one the success branch, and downstream
 * `$('Fetch …').item` / `$('One Row').item` resolve to each row's own items on both branches; with
 * "Continue (regular output)" all three rows stay on the one output, in order.
 */
import { ERROR_OUTPUT_WORKFLOW_ID } from './setup/errorOutput';
import { nodeItems, readState } from './setup/state';

let result: any;

beforeAll(() => {
	const record = readState().executions[ERROR_OUTPUT_WORKFLOW_ID];
	expect(record).toBeDefined();
	if (!record.ok) throw new Error(`n8n execute --id=${ERROR_OUTPUT_WORKFLOW_ID} failed:\n${record.error}`);
	result = record.result;
});

describe('the error output in the real n8n', () => {
	it('the run itself succeeds', () => {
		expect(result.data.resultData.error).toBeUndefined();
	});

	it('the found person goes down the success branch, paired', () => {
		expect(nodeItems(result, 'On Success')).toEqual([{ row: 'a', fetched: String(result.personId) }]);
	});

	it('the two failed rows go down the error branch, each paired to its own row', () => {
		const items = nodeItems(result, 'On Error');
		expect(items.map((item) => item.row)).toEqual(['b', 'c']);
		expect(items[0].error).toContain('Person ID');
		expect(items[1].error).toEqual(expect.any(String));
		expect(items[1].error).not.toBe('');
	});

	it('with "Continue (regular output)" every row stays on the one output, in order', () => {
		const items = nodeItems(result, 'After Regular');
		expect(items.map((item) => item.row)).toEqual(['a', 'b', 'c']);
		expect(items[0].error).toBe('');
		expect(items[1].error).toContain('Person ID');
		expect(items[2].error).not.toBe('');
	});
});
