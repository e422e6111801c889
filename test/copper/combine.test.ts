/**
 * Request economy through the real engine: per-item fetches answered by searches (`ids`, `emails`),
 * per-item creates and updates combined into bulk requests, each item paired with exactly its own
 * record or error, in input order.
 */
import type { IDataObject } from 'n8n-workflow';

import { jsonOf, useCopperSandbox } from '../helpers/copper';
import type { RunNodeResult } from '../../tooling/harness/engine';

const hintsOf = (result: RunNodeResult) => (result.run.data.resultData.runData.Node?.[0]?.hints ?? []).map((hint) => hint.message);

describe('Copper request economy', () => {
	const h = useCopperSandbox();
	const byPath = (method: string, path: string | RegExp) =>
		h.sandbox.requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)));
	const fetchById = (extra: IDataObject = {}) => ({ resource: 'people', operation: 'get', person_id: '={{ $json.id }}', ...extra });
	const pairing = (result: RunNodeResult) => result.items.map((item) => (item.pairedItem as { item: number }).item);

	describe('fetch by ID, combined into searches by ids', () => {
		it('answers 450 items (with repeated IDs) in 3 searches, each item its own record, in order', async () => {
			const people = h.sandbox.store.addPeople(420);
			const ids = [...people.map((p) => p.id), ...people.slice(0, 30).map((p) => p.id)];
			const result = await h.run(fetchById(), { items: ids.map((id) => ({ id })) });
			expect(result.error).toBeUndefined();
			expect(jsonOf(result).map((record) => record.id)).toEqual(ids);
			expect(pairing(result)).toEqual(ids.map((_id, i) => i));
			const searches = byPath('POST', '/people/search');
			expect(searches.map((r) => (r.body as { ids: number[] }).ids.length)).toEqual([200, 200, 20]);
			expect(new Set(searches.flatMap((r) => (r.body as { ids: number[] }).ids)).size).toBe(420);
			expect(byPath('GET', /^\/people\/\d+$/)).toHaveLength(0);
		});

		it('gives the records the single fetch gives, computed custom field values included', async () => {
			const people = h.sandbox.store.addPeople(5);
			const items = people.map((p) => ({ id: p.id }));
			const query = { queryParameters: { custom_field_computed_values: true } };
			const combined = await h.run(fetchById(query), { items });
			const single = await h.run(fetchById({ ...query, requestOptions: { combineReads: false } }), { items });
			expect(jsonOf(combined)).toEqual(jsonOf(single));
			const searches = byPath('POST', '/people/search');
			expect(searches).toHaveLength(1);
			expect(searches[0].query.custom_field_computed_values).toEqual('true');
		});

		it('gives the same custom fields by name as the single fetch', async () => {
			const items = h.sandbox.store.addPeople(4).map((p) => ({ id: p.id }));
			const byName = { customFieldsOutput: 'byName' };
			const combined = await h.run(fetchById(byName), { items });
			const single = await h.run(fetchById({ ...byName, requestOptions: { combineReads: false } }), { items });
			expect(jsonOf(combined)).toEqual(jsonOf(single));
			expect(jsonOf(combined)[0].custom_fields).toEqual(expect.any(Object));
			expect(Array.isArray(jsonOf(combined)[0].custom_fields)).toBe(false);
		});

		it('gives an unknown ID the single fetch’s 404 for its item only (Continue On Fail pairs it)', async () => {
			const [a, b] = h.sandbox.store.addPeople(2);
			const items = [{ id: a.id }, { id: 999999991 }, { id: b.id }, { id: 999999991 }];
			const result = await h.run(fetchById(), { items, continueOnFail: true });
			const out = jsonOf(result);
			expect(out.map((record) => record.id ?? null)).toEqual([a.id, null, b.id, null]);
			expect(out[1]).toEqual(expect.objectContaining({ error: 'Resource not found', httpCode: '404' }));
			expect(out[3]).toEqual(out[1]);
			expect(pairing(result)).toEqual([0, 1, 2, 3]);
			// One search for all four, and the unknown ID fetched once on its own.
			expect(byPath('POST', '/people/search')).toHaveLength(1);
			expect(byPath('GET', /^\/people\/\d+$/).map((r) => r.path)).toEqual(['/people/999999991']);
		});

		it('fails the node on an unknown ID without Continue On Fail, as the single fetch does', async () => {
			const [a] = h.sandbox.store.addPeople(1);
			const result = await h.run(fetchById(), { items: [{ id: a.id }, { id: 999999992 }] });
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe('Resource not found');
			expect(result.error?.description).toContain('HTTP 404 to GET /people/999999992');
		});

		it('checks every item’s input before any request (a bad ID is that item’s error)', async () => {
			const [a] = h.sandbox.store.addPeople(1);
			const result = await h.run(fetchById(), { items: [{ id: a.id }, { id: 'abc' }], continueOnFail: true });
			const out = jsonOf(result);
			expect(out[0].id).toBe(a.id);
			expect(out[1].error).toEqual(expect.stringContaining('Invalid value for "Person ID"'));
			expect(byPath('POST', '/people/search').map((r) => (r.body as { ids: number[] }).ids)).toEqual([[a.id]]);
		});

		it('sends one GET for a single item, and one GET per item when switched off', async () => {
			const people = h.sandbox.store.addPeople(3);
			await h.run(fetchById(), { items: [{ id: people[0].id }] });
			expect(byPath('GET', /^\/people\/\d+$/)).toHaveLength(1);
			h.sandbox.clearRequests();
			const result = await h.run(fetchById({ requestOptions: { combineReads: false } }), { items: people.map((p) => ({ id: p.id })) });
			expect(jsonOf(result).map((record) => record.id)).toEqual(people.map((p) => p.id));
			expect(byPath('GET', /^\/people\/\d+$/)).toHaveLength(3);
			expect(byPath('POST', '/people/search')).toHaveLength(0);
		});

		it('finds converted leads too (the search asks for them), so no lead needs a single fetch', async () => {
			const leads = h.sandbox.store.addRecords('leads', 3, () => ({ converted_unix_timestamp: 1_700_000_000 }));
			const result = await h.run({ resource: 'leads', operation: 'get', lead_id: '={{ $json.id }}' }, { items: leads.map((l) => ({ id: l.id })) });
			expect(jsonOf(result).map((record) => record.id)).toEqual(leads.map((l) => l.id));
			const searches = byPath('POST', '/leads/search');
			expect(searches).toHaveLength(1);
			expect(searches[0].body).toEqual(expect.objectContaining({ include_converted_leads: true }));
			expect(byPath('GET', /^\/leads\/\d+$/)).toHaveLength(0);
		});

		it.each([
			['companies', 'company_id'],
			['opportunities', 'opportunity_id'],
			['projects', 'project_id'],
			['tasks', 'task_id'],
		] as const)('combines %s fetches too', async (entity, param) => {
			const records = h.sandbox.store.addRecords(entity, 4);
			const result = await h.run({ resource: entity, operation: 'get', [param]: '={{ $json.id }}' }, { items: records.map((r) => ({ id: r.id })) });
			expect(result.error).toBeUndefined();
			expect(jsonOf(result).map((record) => record.id)).toEqual(records.map((r) => r.id));
			expect(byPath('POST', `/${entity}/search`)).toHaveLength(1);
		});
	});

	describe('fetch a person by email, combined into searches by emails', () => {
		it('matches 400 emails back case-insensitively in 2 searches; an unknown email gets the single call’s error', async () => {
			const people = h.sandbox.store.addPeople(400);
			const emails = people.map((p, i) => (i % 2 ? p.emails[0].email.toUpperCase() : p.emails[0].email));
			const items = [...emails.map((email) => ({ email })), { email: 'nobody@nowhere.test' }];
			const result = await h.run(
				{ resource: 'people', operation: 'fetchByEmail', email: '={{ $json.email }}' },
				{ items, continueOnFail: true },
			);
			const out = jsonOf(result);
			expect(out.slice(0, 400).map((record) => record.id)).toEqual(people.map((p) => p.id));
			expect(out[400].error).toEqual(expect.any(String));
			expect(pairing(result)).toEqual(items.map((_item, i) => i));
			expect(byPath('POST', '/people/search')).toHaveLength(3);
			expect(byPath('POST', '/people/fetch_by_email')).toHaveLength(1);
		});
	});

	describe('creates and updates combined into bulk requests', () => {
		const bulk = { ...{ maxRetries: 4, initialDelayMs: 20, maxWaitSeconds: 10, timeoutMs: 2000 }, combineWrites: true, bulkThrottleWindowSeconds: 0.05 };

		it('creates 25 people in 3 bulk requests, each item its own record, paired in order', async () => {
			const before = h.sandbox.store.count('people');
			const items = Array.from({ length: 25 }, (_v, i) => ({ name: `Combined ${i}` }));
			const result = await h.run({ resource: 'people', operation: 'create', name: '={{ $json.name }}', requestOptions: bulk }, { items });
			expect(result.error).toBeUndefined();
			expect(jsonOf(result).map((record) => record.name)).toEqual(items.map((item) => item.name));
			expect(pairing(result)).toEqual(items.map((_item, i) => i));
			expect(byPath('POST', '/people/bulk_create').map((r) => (r.body as { people: unknown[] }).people.length)).toEqual([10, 10, 5]);
			expect(byPath('POST', '/people')).toHaveLength(0);
			expect(h.sandbox.store.count('people')).toBe(before + 25);
		});

		it('updates through bulk_update with each record’s id; a record Copper rejects is that item’s error only', async () => {
			const people = h.sandbox.store.addPeople(12);
			const items = [...people.map((p) => ({ id: p.id, title: `Title ${p.id}` })), { id: 999999993, title: 'ghost' }];
			const result = await h.run(
				{ resource: 'people', operation: 'update', person_id: '={{ $json.id }}', additionalFields: { title: '={{ $json.title }}' }, requestOptions: bulk },
				{ items, continueOnFail: true },
			);
			const out = jsonOf(result);
			expect(out.slice(0, 12).map((record) => record.title)).toEqual(people.map((p) => `Title ${p.id}`));
			expect(out[12].error).toEqual(expect.any(String));
			expect(pairing(result)).toEqual(items.map((_item, i) => i));
			const requests = byPath('POST', '/people/bulk_update');
			expect(requests.map((r) => (r.body as { people: IDataObject[] }).people.length)).toEqual([10, 3]);
			expect((requests[0].body as { people: IDataObject[] }).people[0]).toEqual({ id: people[0].id, title: `Title ${people[0].id}` });
			for (const person of people) expect(h.sandbox.store.get('people', person.id)?.title).toBe(`Title ${person.id}`);
			expect(byPath('PUT', /^\/people\/\d+$/)).toHaveLength(0);
		});

		it('checks every item before the first bulk request without Continue On Fail; with it, a bad item fails alone', async () => {
			const items = Array.from({ length: 25 }, (_v, i) => ({ name: i === 17 ? '' : `Checked ${i}` }));
			const parameters = { resource: 'people', operation: 'create', name: '={{ $json.name }}', requestOptions: bulk };
			const stopped = await h.run(parameters, { items });
			expect(stopped.error?.message).toContain('Invalid value for "Name"');
			expect(byPath('POST', '/people/bulk_create')).toHaveLength(0);
			const result = await h.run(parameters, { items, continueOnFail: true });
			const out = jsonOf(result);
			expect(out[17].error).toContain('Invalid value for "Name"');
			expect(out.filter((record) => record.error === undefined)).toHaveLength(24);
			expect(byPath('POST', '/people/bulk_create').map((r) => (r.body as { people: unknown[] }).people.length)).toEqual([10, 10, 4]);
		});

		it('without the switch, sends single writes and says once how few bulk requests they would take', async () => {
			const items = Array.from({ length: 12 }, (_v, i) => ({ name: `Single ${i}` }));
			const result = await h.run({ resource: 'people', operation: 'create', name: '={{ $json.name }}' }, { items });
			expect(byPath('POST', '/people')).toHaveLength(12);
			expect(hintsOf(result)).toEqual([
				'Sent 12 single requests; with Request Options › "Combine Writes Into Bulk Requests" on, these 12 items would take 2 bulk requests ("Bulk Create People").',
			]);
		});
	});
});
