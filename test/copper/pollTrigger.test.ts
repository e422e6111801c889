/** Copper CRM Poll Trigger through n8n's PollContext: watermark, same-second records, paging, no duplicates. */
import { loadOptionsOf, pollTrigger } from '../../tooling/harness/engine';
import { apiKeyCredentials, useCopperSandbox } from '../helpers/copper';
import { SEED_IDS } from '../../tooling/sandbox/copper/seed';

const CF = SEED_IDS.customFields;
const OPT = SEED_IDS.options;

describe('Copper CRM Poll Trigger', () => {
	const h = useCopperSandbox();
	const trigger = (parameters: Record<string, unknown>) =>
		pollTrigger('copperCrmPollTrigger', { authentication: 'apiKey', ...parameters }, apiKeyCredentials(h.sandbox) as never);
	const now = () => Math.floor(Date.now() / 1000);

	it('emits nothing on the first poll, then each new person once', async () => {
		const { poll } = await trigger({ entity: 'people', event: 'new' });
		expect(await poll()).toEqual([]);
		const added = h.sandbox.store.addPeople(3, () => ({ date_created: now() + 5, date_modified: now() + 5 }));
		expect((await poll()).map((person) => person.id)).toEqual(added.map((person) => person.id));
		expect(await poll()).toEqual([]);
	});

	it('does not emit records sharing the watermark second twice, but emits late arrivals in that second', async () => {
		const second = now() + 100;
		const { poll } = await trigger({ entity: 'companies', event: 'new' });
		await poll();
		const first = h.sandbox.store.addRecords('companies', 2).map((company) => company.id);
		for (const id of first) Object.assign(h.sandbox.store.get('companies', id)!, { date_created: second });
		expect((await poll()).map((company) => company.id)).toEqual(first);
		const late = h.sandbox.store.addRecords('companies', 1)[0].id;
		Object.assign(h.sandbox.store.get('companies', late)!, { date_created: second });
		expect((await poll()).map((company) => company.id)).toEqual([late]);
		expect(await poll()).toEqual([]);
	});

	it('emits updated records for "new or updated", sorted by modification date', async () => {
		const { poll } = await trigger({ entity: 'opportunities', event: 'newOrUpdated' });
		await poll();
		const deal = h.sandbox.store.all('opportunities')[0] as { id: number };
		Object.assign(h.sandbox.store.get('opportunities', deal.id)!, { name: 'Renamed', date_modified: now() + 200 });
		const emitted = await poll();
		expect(emitted.map((record) => [record.id, record.name])).toEqual([[deal.id, 'Renamed']]);
		const request = h.sandbox.requests.at(-1)!;
		expect(request.body).toMatchObject({ sort_by: 'date_modified', sort_direction: 'asc', minimum_modified_date: expect.any(Number) });
		expect(await poll()).toEqual([]);
	});

	it('pages through a backlog of 450 new records without repeats', async () => {
		const { poll } = await trigger({ entity: 'people', event: 'new' });
		await poll();
		const added = h.sandbox.store.addPeople(450, (i) => ({ date_created: now() + 300 + Math.floor(i / 100) }));
		h.sandbox.clearRequests();
		const emitted = (await poll()).map((person) => person.id);
		expect(emitted).toHaveLength(450);
		expect(new Set(emitted)).toEqual(new Set(added.map((person) => person.id)));
		expect(h.sandbox.requests.map((r) => (r.body as { page_number: number }).page_number)).toEqual([1, 2, 3]);
		expect(await poll()).toEqual([]);
	});

	it('applies the search filters of the node', async () => {
		const { poll } = await trigger({ entity: 'people', event: 'new', filters: { tags: 'vip' } });
		await poll();
		const stamp = now() + 400;
		h.sandbox.store.addPeople(1, () => ({ date_created: stamp, tags: [] }));
		const vip = h.sandbox.store.addPeople(1, () => ({ date_created: stamp, tags: ['vip'] }))[0];
		expect((await poll()).map((person) => person.id)).toEqual([vip.id]);
		expect(h.sandbox.requests.at(-1)!.body).toMatchObject({ tags: ['vip'] });
	});

	it('filters by custom fields picked by name (one definitions request per poll), with the entity\'s fields in the dropdown', async () => {
		const options = await loadOptionsOf('copperCrmPollTrigger', 'getCustomFieldsByName', { authentication: 'apiKey', entity: 'people' }, apiKeyCredentials(h.sandbox) as never);
		expect(options.map((option) => option.value)).toContain('Industry');
		expect(options.map((option) => option.value)).not.toContain('Annual Revenue'); // a field of companies only

		const { poll } = await trigger({
			entity: 'people',
			event: 'new',
			filters: { custom_field_filters: { filter: [{ field: 'industry', condition: 'is', value: 'Retail' }] } },
		});
		await poll();
		const stamp = now() + 450;
		h.sandbox.store.addPeople(1, () => ({ date_created: stamp, custom_fields: [{ custom_field_definition_id: CF.industry, value: OPT.technology }] }));
		const retail = h.sandbox.store.addPeople(1, () => ({
			date_created: stamp,
			custom_fields: [{ custom_field_definition_id: CF.industry, value: OPT.retail }],
		}))[0];
		h.sandbox.clearRequests();
		expect((await poll()).map((person) => person.id)).toEqual([retail.id]);
		expect(h.sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /custom_field_definitions', 'POST /people/search']);
		expect(h.sandbox.requests.at(-1)!.body).toMatchObject({ custom_fields: [{ custom_field_definition_id: CF.industry, value: [OPT.retail] }] });
		expect(await poll()).toEqual([]);
	});

	it('names the field when a custom field filter does not exist', async () => {
		const { poll } = await trigger({
			entity: 'people',
			event: 'new',
			filters: { custom_field_filters: { filter: [{ field: 'No Such Field', condition: 'is', value: 'x' }] } },
		});
		await expect(poll()).rejects.toThrow(/No Such Field/);
		expect(h.sandbox.requests.filter((r) => r.path === '/people/search')).toHaveLength(0);
	});

	it('emits new activities by activity date, optionally only given types', async () => {
		const { poll } = await trigger({ entity: 'activities', filters: { activity_types: { values: [{ id: '0', category: 'user' }] } } });
		await poll();
		const person = h.sandbox.store.all('people')[0] as { id: number };
		const base = { parent: { id: person.id, type: 'person' as const }, user_id: null, old_value: null, new_value: null, date_created: now(), date_modified: now() };
		h.sandbox.store.activities.set(777001, { ...base, id: 777001, type: { id: 0, category: 'user' }, details: 'Note', activity_date: now() + 500 });
		h.sandbox.store.activities.set(777002, { ...base, id: 777002, type: { id: 190711, category: 'user' }, details: 'Call', activity_date: now() + 501 });
		expect((await poll()).map((activity) => activity.id)).toEqual([777001]);
		expect(h.sandbox.requests.at(-1)!.body).toMatchObject({ activity_types: [{ id: 0, category: 'user' }] });
		expect(h.sandbox.requests.at(-1)!.body).not.toHaveProperty('sort_by');
		expect(await poll()).toEqual([]);
	});

	it('returns the newest record in manual test mode without storing a watermark', async () => {
		const newest = h.sandbox.store.addPeople(1, () => ({ date_created: now() + 10_000 }))[0];
		const { poll, staticData } = await trigger({ entity: 'people', event: 'new' });
		expect((await poll('manual')).map((person) => person.id)).toEqual([newest.id]);
		expect(JSON.stringify(staticData())).toBe('{}');
	});
});
