/**
 * Return All past Copper's search cap (keyset slicing), through the real engine against a sandbox
 * that enforces a cap of 1,000 (Copper's 100,000, scaled down for speed; the bench runs the real size).
 */
import type { IDataObject } from 'n8n-workflow';

import { boundedBody, leftOut, MAX_SLICES, slicePlan } from '../../nodes/shared/execution/keysetSlicing';
import { apiKeyCredentials, jsonOf, useCopperSandbox } from '../helpers/copper';
import { pollTrigger, type RunNodeResult } from '../../tooling/harness/engine';
import { FAST_RETRIES } from '../helpers/sandboxSuite';
import { CONTROL_SEED_PATH, seedVolume } from '../../tooling/sandbox/copper';
import type { RecordedRequest } from '../../tooling/sandbox/copper/types';

const CAP = 1000;
const PAGE = 200;

type Body = Record<string, unknown>;

const hintsOf = (result: RunNodeResult) => (result.run.data.resultData.runData.Node?.[0]?.hints ?? []).map((hint) => hint.message);
const idsOf = (result: RunNodeResult) => jsonOf(result).map((record) => record.id as number);

/** Each ID once, and the list equals `expected` as a set. */
function expectExactlyOnce(ids: number[], expected: number[]): void {
	expect(ids).toHaveLength(new Set(ids).size);
	expect([...ids].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
}

/** Searches of one path, their bodies, and how many slices (page 1 requests) they made. */
function searchesOf(requests: RecordedRequest[], path: string) {
	const bodies = requests.filter((r) => r.path === path).map((r) => r.body as Body);
	return { bodies, count: bodies.length, slices: bodies.filter((b) => b.page_number === 1).length };
}

describe('Return All past the search cap (keyset slicing)', () => {
	const h = useCopperSandbox({ searchCap: CAP });
	const store = () => h.sandbox.store;
	const base = 1_700_000_000;

	/** Fresh data: clears an entity and seeds `count` records from `start`, `perSecond` a second. */
	function reseed(entity: 'people' | 'companies' | 'activities', count: number, perSecond: number, start = base): number[] {
		const map = entity === 'activities' ? store().activities : store().map(entity);
		for (const id of [...map.keys()]) map.delete(id);
		store().touch();
		const before = new Set(map.keys());
		seedVolume(store(), { entity, count, perSecond, start });
		return [...map.keys()].filter((id) => !before.has(id));
	}

	afterEach(() => h.sandbox.onRequest());

	it('returns 2,500 people exactly once past a cap of 1,000, at most one request per slice above the pages', async () => {
		const ids = reseed('people', 2500, 7);
		const result = await h.run({ resource: 'people', operation: 'search', returnAll: true });
		expect(result.error).toBeUndefined();
		expectExactlyOnce(idsOf(result), ids);
		const dates = jsonOf(result).map((p) => p.date_created as number);
		expect(dates).toEqual([...dates].sort((a, b) => a - b));
		const { bodies, count, slices } = searchesOf(h.sandbox.requests, '/people/search');
		expect(slices).toBe(3);
		expect(count).toBeLessThanOrEqual(Math.ceil(2500 / PAGE) + slices);
		expect(bodies[0]).toMatchObject({ sort_by: 'date_created', sort_direction: 'asc', page_number: 1, page_size: PAGE });
		expect(bodies[0].minimum_created_date).toBeUndefined();
		// The second slice starts one second before the last date the first slice read.
		const lastOfFirst = base + Math.floor((CAP - 1) / 7);
		expect(bodies.find((b, i) => i > 0 && b.page_number === 1)).toMatchObject({ minimum_created_date: lastOfFirst - 1, sort_by: 'date_created' });
		expect(hintsOf(result)).toEqual([]);
	});

	it('neither loses nor repeats records sharing the boundary second (a tie wider than a page)', async () => {
		// 600 records, then 500 on one second across the cap (positions 600..1099), then 400 more.
		const ids = reseed('people', 1500, 1);
		const all = store().all('people');
		all.forEach((p, i) => store().update('people', p.id, { date_created: i < 600 ? base + i : i < 1100 ? base + 600 : base + i }, false));
		const result = await h.run({ resource: 'people', operation: 'search', returnAll: true });
		expectExactlyOnce(idsOf(result), ids);
		expect(searchesOf(h.sandbox.requests, '/people/search').slices).toBe(2);
	});

	it('stops with a hint when more records share one second than one search returns', async () => {
		reseed('people', 1500, 1500);
		const result = await h.run({ resource: 'people', operation: 'search', returnAll: true });
		expect(idsOf(result)).toHaveLength(CAP);
		expect(new Set(idsOf(result)).size).toBe(CAP);
		expect(hintsOf(result)).toEqual([
			`Copper CRM returns a search's records only up to its cap: returned ${CAP} of the 1500 that match, because more records share date_created ${base} than one search returns.`,
		]);
		expect(searchesOf(h.sandbox.requests, '/people/search').slices).toBe(1);
	});

	it('emits each record once while records are edited and created during the read', async () => {
		const ids = reseed('people', 2500, 3);
		let searches = 0;
		const created: number[] = [];
		h.sandbox.onRequest((request) => {
			if (request.path !== '/people/search') return;
			searches += 1;
			if (searches % 4 !== 0) return;
			// Edit 30 records all over the range (some read, some not yet), and create 5.
			for (let k = 0; k < 30; k++) store().update('people', ids[(searches * 97 + k * 83) % ids.length], { title: `edited ${searches}` });
			created.push(...store().addPeople(5).map((p) => p.id));
		});
		const result = await h.run({ resource: 'people', operation: 'search', returnAll: true });
		const got = idsOf(result);
		expect(got).toHaveLength(new Set(got).size);
		expectExactlyOnce(got.filter((id) => !created.includes(id)), ids);
		expect(created.length).toBeGreaterThan(0);
	});

	it('emits each activity once while new activities arrive on top of the newest-first order', async () => {
		const ids = reseed('activities', 2500, 40);
		const parent = store().people.values().next().value!;
		let searches = 0;
		h.sandbox.onRequest((request) => {
			if (request.path !== '/activities/search' || ++searches % 3 !== 0) return;
			for (let k = 0; k < 7; k++) {
				const id = store().nextId();
				const date = base + 10_000 + searches;
				store().activities.set(id, { id, parent: { id: parent.id, type: 'person' }, type: { id: 0, category: 'user' }, user_id: null, details: 'new', activity_date: date, old_value: null, new_value: null, date_created: date, date_modified: date });
			}
			store().touch();
		});
		const result = await h.run({ resource: 'activities', operation: 'search', returnAll: true });
		const got = idsOf(result);
		expect(got).toHaveLength(new Set(got).size);
		expectExactlyOnce(got.filter((id) => ids.includes(id)), ids);
		const { bodies, slices } = searchesOf(h.sandbox.requests, '/activities/search');
		expect(slices).toBeGreaterThanOrEqual(3);
		expect(bodies.every((b) => b.sort_by === undefined && b.minimum_activity_date === undefined)).toBe(true);
		expect(bodies.some((b) => typeof b.maximum_activity_date === 'number')).toBe(true);
		expect(hintsOf(result)).toEqual([
			"Read past Copper CRM's search cap in slices by activity_date. Only a creation date is a sound key, and this search cannot filter on one: a record whose activity_date is edited during the read can be missed.",
		]);
	});

	it('keeps the user’s filters and reads a descending date_created sort in slices downward', async () => {
		const ids = reseed('people', 2500, 2);
		const from = base + 100;
		const result = await h.run({
			resource: 'people',
			operation: 'search',
			returnAll: true,
			filters: { sort_by: 'date_created', sort_direction: 'desc', minimum_created_date: new Date(from * 1000).toISOString() },
		});
		const expected = ids.filter((id) => (store().get('people', id)!.date_created as number) >= from);
		expectExactlyOnce(idsOf(result), expected);
		const dates = jsonOf(result).map((p) => p.date_created as number);
		expect(dates).toEqual([...dates].sort((a, b) => b - a));
		const { bodies } = searchesOf(h.sandbox.requests, '/people/search');
		expect(bodies.every((b) => b.minimum_created_date === from && b.sort_direction === 'desc')).toBe(true);
		expect(bodies.some((b) => typeof b.maximum_created_date === 'number')).toBe(true);
	});

	it('reads what the cap allows under a sort that cannot slice, and says so', async () => {
		reseed('people', 2500, 1);
		const result = await h.run({ resource: 'people', operation: 'search', returnAll: true, filters: { sort_by: 'name' } });
		expect(idsOf(result)).toHaveLength(CAP);
		expect(hintsOf(result)).toEqual([
			`Copper CRM returns a search's records only up to its cap: returned ${CAP} of the 2500 that match, because the chosen sort cannot be read in slices. To get every record, sort by "date_created" or leave Sort By unset: the node then reads in slices by date_created, which no edit can move.`,
		]);
		expect(searchesOf(h.sandbox.requests, '/people/search').slices).toBe(1);
	});

	it('leaves a Return All under the cap as it was, apart from the creation-date order', async () => {
		const ids = reseed('companies', 900, 1);
		const result = await h.run({ resource: 'companies', operation: 'search', returnAll: true });
		expectExactlyOnce(idsOf(result), ids);
		const { count, slices } = searchesOf(h.sandbox.requests, '/companies/search');
		expect([count, slices]).toEqual([Math.ceil(900 / PAGE), 1]);
	});

	it('lets the Poll Trigger catch up on a backlog larger than the cap', async () => {
		reseed('people', 10, 1);
		const { poll } = await pollTrigger('copperCrmPollTrigger', { authentication: 'apiKey', entity: 'people', event: 'new' }, apiKeyCredentials(h.sandbox) as never);
		await poll();
		const backlog = store()
			.addPeople(2300, (i) => ({ date_created: base + 1000 + Math.floor(i / 9) }))
			.map((p) => p.id);
		const emitted = (await poll()).map((record: IDataObject) => record.id as number);
		expectExactlyOnce(emitted, backlog);
		expect(await poll()).toEqual([]);
	});
});

describe('Keyset slicing is bounded', () => {
	const h = useCopperSandbox({ searchCap: 3 });

	it('stops with an error after MAX_SLICES searches instead of reading on without end', async () => {
		// A cap of 3 and one record a second: each slice moves one second on, so 1,100 records need more than 1,000 slices.
		seedVolume(h.sandbox.store, { entity: 'people', count: 1100, perSecond: 1, start: 1_600_000_000 });
		// The client-side throttle off: 1,000 requests would otherwise take Copper's 180 a minute.
		const result = await h.run({ resource: 'people', operation: 'search', returnAll: true, requestOptions: { ...FAST_RETRIES, throttleMax: 0 } });
		expect(result.error?.message).toBe(`Stopped after ${MAX_SLICES} searches of Copper CRM's record cap`);
		expect(h.sandbox.requests.filter((r) => r.path === '/people/search')).toHaveLength(MAX_SLICES);
	});
});

describe('slice bounds (pure)', () => {
	const slice = { key: 'date_created', minimum: 'minimum_created_date', maximum: 'maximum_created_date', sort: { param: 'sort_by', value: 'date_created', directionParam: 'sort_direction' } };

	it('orders by the key when no sort is chosen, keeps a matching sort, refuses another', () => {
		expect(slicePlan({ name: 'a' }, slice)).toEqual({ body: { name: 'a', sort_by: 'date_created', sort_direction: 'asc' }, direction: 'asc' });
		expect(slicePlan({ sort_by: 'date_created', sort_direction: 'DESC' }, slice)?.direction).toBe('desc');
		expect(slicePlan({ sort_by: 'name' }, slice)).toBeUndefined();
		expect(slicePlan({}, { ...slice, sort: undefined, order: 'desc' })).toEqual({ body: {}, direction: 'desc' });
	});

	it('takes a slice as cut short when the total says so, or when it ends on a full page at the cap', () => {
		expect(leftOut(2500, 1000, false, 100_000)).toBe(true);
		expect(leftOut(900, 900, false, 100_000)).toBe(false);
		// A total that is itself capped (100,000 reported for 250,000) does not end the read.
		expect(leftOut(100_000, 100_000, true, 100_000)).toBe(true);
		expect(leftOut(undefined, 100_000, true, 100_000)).toBe(true);
		expect(leftOut(undefined, 99_950, false, 100_000)).toBe(false);
		expect(leftOut(undefined, 1000, true, undefined)).toBe(false);
	});

	it('starts one second before the last key, never wider than the user’s own bound', () => {
		expect(boundedBody({ a: 1 }, slice, 'asc', 500)).toEqual({ a: 1, minimum_created_date: 499 });
		expect(boundedBody({ minimum_created_date: 499.5 }, slice, 'asc', 500)).toEqual({ minimum_created_date: 499.5 });
		expect(boundedBody({ maximum_created_date: 900 }, slice, 'desc', 500)).toEqual({ maximum_created_date: 501 });
		expect(boundedBody({ maximum_created_date: 500 }, slice, 'desc', 500)).toEqual({ maximum_created_date: 500 });
	});
});

describe('Sandbox volume seeding and its search cache', () => {
	const h = useCopperSandbox();
	const origin = () => h.sandbox.url.replace(/\/developer_api\/v1$/, '');

	it('seeds dated records through POST /__sandbox/seed and refuses a bad body', async () => {
		const seeded = await fetch(`${origin()}${CONTROL_SEED_PATH}`, { method: 'POST', body: JSON.stringify({ entity: 'companies', count: 6000, perSecond: 3, start: 1_650_000_000 }) });
		expect(await seeded.json()).toEqual({ seeded: 6000 });
		const dated = h.sandbox.store.all('companies').filter((c) => c.date_created >= 1_650_000_000 && c.date_created < 1_650_002_000);
		expect(dated).toHaveLength(6000);
		const bad = await fetch(`${origin()}${CONTROL_SEED_PATH}`, { method: 'POST', body: JSON.stringify({ entity: 'users', count: 5 }) });
		expect(bad.status).toBe(422);
	});

	it('answers a large search again after a write through the API changed it', async () => {
		// Activities are edited in place by the sandbox's handler: the request itself must drop the cached order.
		seedVolume(h.sandbox.store, { entity: 'activities', count: 6000, perSecond: 2, start: 1_660_000_000 });
		const newest = async () => jsonOf(await h.run({ resource: 'activities', operation: 'search', returnAll: false, limit: 1 }))[0];
		const first = await newest();
		const headers = { 'X-PW-AccessToken': 'test-api-key', 'X-PW-UserEmail': 'owner@sandbox.test', 'X-PW-Application': 'developer_api', 'Content-Type': 'application/json' };
		const put = await fetch(`${h.sandbox.url}/activities/${first.id}`, { method: 'PUT', headers, body: JSON.stringify({ activity_date: 1_500_000_000 }) });
		expect(put.status).toBe(200);
		expect((await newest()).id).not.toBe(first.id);
	});
});
