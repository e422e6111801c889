/** Bulk operations: batches of 10, one output per input item in order, per-record failures. */
import { jsonOf, useCopperSandbox } from '../helpers/copper';

describe('Copper bulk writes', () => {
	const h = useCopperSandbox();
	const bulkRequests = () => h.sandbox.requests.filter((r) => r.path === '/people/bulk_create');

	it('creates 23 people in 3 requests, outputs paired in order', async () => {
		const before = h.sandbox.store.count('people');
		const items = Array.from({ length: 23 }, (_v, i) => ({ name: `Bulk ${i}`, email: `bulk${i}@example.com` }));
		const result = await h.run(
			{
				resource: 'people',
				operation: 'bulkCreate',
				bodySource: 'fields',
				name: '={{ $json.name }}',
				additionalFields: { emails: { values: [{ email: '={{ $json.email }}', category: 'work' }] } },
			},
			{ items },
		);
		expect(result.error).toBeUndefined();
		expect(bulkRequests().map((r) => (r.body as { people: unknown[] }).people.length)).toEqual([10, 10, 3]);
		expect(jsonOf(result).map((person) => person.name)).toEqual(items.map((item) => item.name));
		expect(result.items.map((item) => item.pairedItem)).toEqual(items.map((_item, i) => ({ item: i })));
		expect(h.sandbox.store.count('people')).toBe(before + 23);
	});

	it('turns a record Copper rejects inside a 200 response into that item’s error', async () => {
		const items = [{ name: 'Good One' }, { name: '' }, { name: 'Good Two' }];
		const result = await h.run(
			{ resource: 'people', operation: 'bulkCreate', bodySource: 'inputItem' },
			{ items, continueOnFail: true },
		);
		expect(bulkRequests()).toHaveLength(1);
		const out = jsonOf(result);
		expect(out).toHaveLength(3);
		expect(out[0].name).toBe('Good One');
		expect(out[1].error).toEqual(expect.stringContaining('name'));
		expect(out[2].name).toBe('Good Two');
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('fails the node on a rejected record without Continue On Fail', async () => {
		const result = await h.run(
			{ resource: 'people', operation: 'bulkCreate', bodySource: 'inputItem' },
			{ items: [{ name: 'Fine' }, { name: '' }] },
		);
		expect(result.error?.message).toEqual(expect.stringContaining('name'));
	});

	it('updates records in bulk with their ids', async () => {
		const people = h.sandbox.store.all('people').slice(0, 12) as Array<{ id: number }>;
		const result = await h.run(
			{
				resource: 'people',
				operation: 'bulkUpdate',
				bodySource: 'fields',
				id: '={{ $json.id }}',
				additionalFields: { title: 'Updated in bulk' },
			},
			{ items: people.map((person) => ({ id: person.id })) },
		);
		expect(result.error).toBeUndefined();
		const requests = h.sandbox.requests.filter((r) => r.path === '/people/bulk_update');
		expect(requests.map((r) => (r.body as { people: unknown[] }).people.length)).toEqual([10, 2]);
		expect(jsonOf(result).every((person) => person.title === 'Updated in bulk')).toBe(true);
	});

	it('rejects a bad record locally before sending anything', async () => {
		const result = await h.run(
			{ resource: 'people', operation: 'bulkUpdate', bodySource: 'fields', id: 'abc' },
			{ items: [{}] },
		);
		expect(result.error?.message).toContain('Person ID');
		expect(h.sandbox.requests).toHaveLength(0);
	});
});
