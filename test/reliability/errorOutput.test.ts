/**
 * Failure items follow n8n's contract (issue 19, item 9), through the real engine (2.x here; the
 * same file runs on the 1.x engine with `npm run test:engine:1x`): with "On Error: Continue (using
 * error output)" each failed item goes to the error output, paired to its input (n8n merges the input
 * item's JSON into it); with "Continue (regular output)" it keeps its place on the regular output.
 * Validation errors and API errors, in the per-item loop, bulk, combined reads and combined writes.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runNode, type RunNodeResult } from '../../tooling/harness/engine';
import { apiKeyCredentials, useCopperSandbox } from '../helpers/copper';
import { FAST_RETRIES } from '../helpers/sandboxSuite';
import { countedIt } from './faults';
import { writeReliabilityDoc } from './report';

type OnError = 'continueErrorOutput' | 'continueRegularOutput';

const pairs = (items: INodeExecutionData[] = []) => items.map((item) => (item.pairedItem as { item: number }).item);

afterAll(() => {
	if (process.env.RELIABILITY_DOC) writeReliabilityDoc('error output');
});

describe('Failure items on the output n8n’s "On Error" setting names', () => {
	const it = countedIt('error output');
	const h = useCopperSandbox();
	let ids: number[];
	beforeAll(() => {
		ids = (h.sandbox.store.addPeople(3) as Array<{ id: number }>).map((person) => person.id);
	});

	const run = async (parameters: IDataObject, items: IDataObject[], onError: OnError): Promise<RunNodeResult> =>
		await runNode({
			type: 'copperCrm',
			parameters: { authentication: 'apiKey', requestOptions: FAST_RETRIES, ...parameters },
			credentials: apiKeyCredentials(h.sandbox) as never,
			items,
			onError,
		});

	/** Three items: a good one, one with a bad ID (validation), one with an unknown ID (API 404). */
	const mixed = () => [
		{ row: 'a', id: ids[0] },
		{ row: 'b', id: 'not-an-id' },
		{ row: 'c', id: 999999999 },
	];

	const cases: Array<[string, IDataObject, IDataObject]> = [
		['the per-item loop (fetch by ID, reads not combined)', { resource: 'people', operation: 'get', person_id: '={{ $json.id }}', requestOptions: { ...FAST_RETRIES, combineReads: false } }, {}],
		['combined reads (fetch by ID answered by one search)', { resource: 'people', operation: 'get', person_id: '={{ $json.id }}' }, {}],
		[
			'combined writes (updates sent as one bulk request)',
			{ resource: 'people', operation: 'update', person_id: '={{ $json.id }}', bodySource: 'fields', additionalFields: { title: 'x' }, requestOptions: { ...FAST_RETRIES, combineWrites: true } },
			{},
		],
		['a bulk operation (bulk update)', { resource: 'people', operation: 'bulkUpdate', bodySource: 'fields', id: '={{ $json.id }}', additionalFields: { title: 'y' } }, {}],
	];

	describe.each(cases)('%s', (_name, parameters) => {
		it('"Continue (using error output)": failed items on the error output, paired, with their input’s JSON', async () => {
			const result = await run(parameters, mixed(), 'continueErrorOutput');
			expect(result.error).toBeUndefined();
			const [success, errors] = result.outputs;
			expect(pairs(success)).toEqual([0]);
			expect(success[0].json.id).toBe(ids[0]);
			expect(pairs(errors)).toEqual([1, 2]);
			expect(errors.map((item) => item.json.row)).toEqual(['b', 'c']);
			expect(errors[0].json.error).toContain('Person ID');
			expect(typeof errors[1].json.error).toBe('string');
		});

		it('"Continue (regular output)": every item in its place on the one output', async () => {
			const result = await run(parameters, mixed(), 'continueRegularOutput');
			expect(result.error).toBeUndefined();
			expect(result.outputs.filter((output) => output.length)).toHaveLength(1);
			expect(pairs(result.items)).toEqual([0, 1, 2]);
			expect(result.items[0].json.id).toBe(ids[0]);
			expect(Object.keys(result.items[1].json).sort()).toEqual(expect.arrayContaining(['error']));
			expect(result.items[2].json.error).toEqual(expect.any(String));
		});
	});

	it('an API error names its HTTP status on both outputs (error output: in `message`; regular: `httpCode`)', async () => {
		const parameters = { resource: 'people', operation: 'get', person_id: '={{ $json.id }}' };
		const toError = await run(parameters, [{ row: 'x', id: 999999999 }], 'continueErrorOutput');
		expect(toError.outputs[1][0].json).toEqual({ row: 'x', id: 999999999, error: 'Resource not found', message: expect.stringContaining('HTTP 404') });
		const regular = await run(parameters, [{ id: 999999999 }], 'continueRegularOutput');
		expect(regular.items[0].json).toEqual({ error: 'Resource not found', description: expect.stringContaining('HTTP 404'), httpCode: '404' });
	});

	it('a record the bulk answer rejects goes to the error output, its neighbours stay on the success output', async () => {
		h.sandbox.injectFault({
			method: 'POST',
			path: '/people/bulk_update',
			status: 200,
			body: [
				{ id: ids[0], name: 'ok' },
				{ success: false, id: ids[1], message: { name: [{ error: 'invalid' }] } },
				{ id: ids[2], name: 'ok' },
			],
		});
		const result = await run(
			{ resource: 'people', operation: 'bulkUpdate', bodySource: 'fields', id: '={{ $json.id }}', additionalFields: { title: 'z' } },
			ids.map((id) => ({ id })),
			'continueErrorOutput',
		);
		expect(pairs(result.outputs[0])).toEqual([0, 2]);
		expect(pairs(result.outputs[1])).toEqual([1]);
	});

	it('without Continue, the first failure stops the node', async () => {
		const result = await runNode({
			type: 'copperCrm',
			parameters: { authentication: 'apiKey', requestOptions: FAST_RETRIES, resource: 'people', operation: 'get', person_id: '={{ $json.id }}' },
			credentials: apiKeyCredentials(h.sandbox) as never,
			items: mixed(),
			onError: 'stopWorkflow',
		});
		expect(result.error?.message).toContain('Person ID');
	});
});
