/** Bad input is caught before any request; Continue On Fail pairs every item; no secret leaks. */
import { API_KEY, jsonOf, useCopperSandbox } from '../helpers/copper';

describe('Copper input validation and item pairing', () => {
	const h = useCopperSandbox();

	it.each([
		['a path traversal ID', { resource: 'people', operation: 'get', person_id: '../users' }, 'Person ID'],
		['an ID with a query', { resource: 'people', operation: 'get', person_id: '1?x=y' }, 'Person ID'],
		['a path parameter resolving to empty', { resource: 'people', operation: 'get', person_id: '={{ "" }}' }, 'Person ID'],
		['invalid JSON body', { resource: 'people', operation: 'create', bodySource: 'json', bodyJson: '{"name": ' }, 'Body (JSON)'],
		['a required field resolving to empty', { resource: 'people', operation: 'create', name: '={{ $json.missing }}' }, 'Name'],
		['an unknown option', { resource: 'relatedItems', operation: 'list', entity: 'users', entity_id: '1' }, 'Entity'],
		['an invalid date', { resource: 'tasks', operation: 'create', name: 'T', additionalFields: { due_date: 'next tuesday-ish' } }, 'Due Date'],
		['a non-numeric ID list', { resource: 'people', operation: 'search', filters: { assignee_ids: '1, two' } }, 'Assignee IDs'],
		['invalid raw filter JSON', { resource: 'people', operation: 'search', filters: { rawFilter: '{oops}' } }, 'Raw JSON Filter'],
		['a custom call path with ..', { resource: 'customApiCall', operation: 'customApiCall', customMethod: 'GET', customPath: '/people/../users' }, 'Path'],
	])('rejects %s with zero requests', async (_name, parameters, field) => {
		const result = await h.run(parameters);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain(`"${field}`);
		expect(h.sandbox.requests).toHaveLength(0);
	});

	it('yields one output per input item, paired, with Continue On Fail', async () => {
		const [first, second] = h.sandbox.store.all('people') as Array<{ id: number }>;
		const items = [{ id: first.id }, { id: 'not-an-id' }, { id: 987654321 }, { id: second.id }];
		const result = await h.run(
			{ resource: 'people', operation: 'get', person_id: '={{ $json.id }}' },
			{ items, continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		const out = jsonOf(result);
		expect(out).toHaveLength(4);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(out[0].id).toBe(first.id);
		expect(out[1].error).toContain('Person ID');
		expect(out[2].error).toBe('Resource not found');
		expect(out[3].id).toBe(second.id);
		// The bad ID was caught locally; the others took one search by ids, and the unknown ID its own fetch.
		expect(h.sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /people/search', 'GET /people/987654321']);
	});

	it('never shows the API key in errors or output', async () => {
		h.sandbox.injectFault({ method: 'GET', path: '/account', status: 500, times: Infinity });
		const results = [
			await h.run({ resource: 'accountAndUsers', operation: 'getAccount' }),
			await h.run({ resource: 'accountAndUsers', operation: 'getAccount' }, { continueOnFail: true }),
			await h.run({ resource: 'people', operation: 'get', person_id: '1' }, { credentials: { apiKey: 'wrong-key-123' } }),
		];
		for (const result of results) {
			const text = JSON.stringify({ error: result.error, message: result.error?.message, description: result.error?.description, items: result.items });
			expect(text).not.toContain(API_KEY);
			expect(text).not.toContain('wrong-key-123');
		}
		expect(results[2].error?.message).toBe('Invalid credentials');
	});
});
