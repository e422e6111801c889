/** Return All / Limit over Copper searches: page size 200, page numbers incremented, no page twice. */
import { jsonOf, useCopperSandbox } from '../helpers/copper';

describe('Copper pagination', () => {
	const h = useCopperSandbox();
	const searchRequests = () => h.sandbox.requests.filter((r) => r.path === '/people/search');

	beforeAll(() => {
		h.sandbox.store.addPeople(1100);
	});

	it('returns every person exactly once with ceil(n/200) requests', async () => {
		const total = h.sandbox.store.count('people');
		const result = await h.run({ resource: 'people', operation: 'search', returnAll: true });
		expect(result.error).toBeUndefined();
		const ids = jsonOf(result).map((person) => person.id);
		expect(ids).toHaveLength(total);
		expect(new Set(ids).size).toBe(total);
		const requests = searchRequests();
		expect(requests).toHaveLength(Math.ceil(total / 200));
		expect(requests.map((r) => (r.body as { page_number: number }).page_number)).toEqual(
			requests.map((_r, index) => index + 1),
		);
		for (const request of requests) expect((request.body as { page_size: number }).page_size).toBe(200);
	});

	it('reads one empty page past an exactly full last page: X-PW-TOTAL is a hint, not a stop', async () => {
		// 1,200 matching records: six full pages; a full page never ends the loop on the total alone
		// (a total smaller than full pages prove would cut the result), so a seventh, empty page ends it.
		const before = h.sandbox.store.count('people');
		h.sandbox.store.addPeople(1200 - before);
		const result = await h.run({ resource: 'people', operation: 'search', returnAll: true });
		expect(jsonOf(result)).toHaveLength(1200);
		expect(searchRequests()).toHaveLength(7);
	});

	it('tells the user in the output pane when Limit left matching records out, and only then', async () => {
		const hintsOf = (result: Awaited<ReturnType<typeof h.run>>) =>
			(result.run.data.resultData.runData.Node?.[0]?.hints ?? []).map((hint) => hint.message);
		const total = h.sandbox.store.count('people');
		// A fixed Limit met exactly: n8n's editor shows its own "Limit of 30 items reached" hint, so the node adds none.
		const fixed = await h.run({ resource: 'people', operation: 'search', returnAll: false, limit: 30 });
		expect(jsonOf(fixed)).toHaveLength(30);
		expect(hintsOf(fixed)).toEqual([]);
		const limited = await h.run({ resource: 'people', operation: 'search', returnAll: false, limit: '={{ 30 }}' });
		expect(jsonOf(limited)).toHaveLength(30);
		expect(hintsOf(limited)).toEqual([`Returned the first 30 records; more match (Copper CRM reports ${total}). Turn on "Return All" to get every one, or raise "Limit".`]);
		const enough = await h.run({ resource: 'people', operation: 'search', returnAll: false, limit: 30, filters: { name: 'Peter Gibbons' } });
		expect(jsonOf(enough).length).toBeLessThan(30);
		expect(hintsOf(enough)).toEqual([]);
		const all = await h.run({ resource: 'people', operation: 'search', returnAll: true });
		expect(hintsOf(all)).toEqual([]);
		const perItem = await h.run(
			{ resource: 'people', operation: 'search', returnAll: false, limit: '={{ $json.limit }}' },
			{ items: [{ limit: 5 }, { limit: total + 10 }] },
		);
		expect(hintsOf(perItem)).toEqual([`For 1 of 2 input items, "Limit" left out records that match. Turn on "Return All" to get every one, or raise "Limit".`]);
	});

	it('costs exactly 2 requests for a limit of 250', async () => {
		const result = await h.run({ resource: 'people', operation: 'search', returnAll: false, limit: 250 });
		const ids = jsonOf(result).map((person) => person.id);
		expect(ids).toHaveLength(250);
		expect(new Set(ids).size).toBe(250);
		expect(searchRequests()).toHaveLength(2);
	});

	it('asks for only the limit when it is below one page', async () => {
		const result = await h.run({ resource: 'people', operation: 'search', returnAll: false, limit: 30 });
		expect(jsonOf(result)).toHaveLength(30);
		expect(searchRequests()).toHaveLength(1);
		expect((searchRequests()[0].body as { page_size: number }).page_size).toBe(30);
	});

	it('sends typed filters and the raw JSON filter in the search body', async () => {
		const result = await h.run({
			resource: 'people',
			operation: 'search',
			returnAll: false,
			limit: 5,
			filters: {
				name: 'Person',
				assignee_ids: '-2',
				tags: 'vip, lead',
				sort_by: 'date_created',
				sort_direction: 'desc',
				minimum_created_date: '2020-01-01T00:00:00Z',
				rawFilter: '{"followed": 2}',
			},
		});
		expect(result.error).toBeUndefined();
		expect(searchRequests()[0].body).toMatchObject({
			name: 'Person',
			assignee_ids: [-2],
			tags: ['vip', 'lead'],
			sort_by: 'date_created',
			sort_direction: 'desc',
			minimum_created_date: 1577836800,
			followed: 2,
			page_number: 1,
			page_size: 5,
		});
	});

	it('paginates a record’s activities with the same rules', async () => {
		const person = h.sandbox.store.all('people')[0] as { id: number };
		const result = await h.run({
			resource: 'people',
			operation: 'getActivities',
			person_id: String(person.id),
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		const request = h.sandbox.requests.find((r) => r.path === `/people/${person.id}/activities`);
		expect(request?.body).toMatchObject({ page_number: 1, page_size: 200 });
	});
});
