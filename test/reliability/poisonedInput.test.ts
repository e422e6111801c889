/**
 * Poisoned input (issue 19, item 3): `__proto__`, `constructor` and `prototype` keys from every body
 * path (fields, input items, raw JSON, filters from an item's expression, custom fields, bulk records,
 * the Custom API Call, webhook deliveries and server answers) never reach a prototype, and the user's
 * own data is still sent. Run through the real engine against the sandboxes over HTTP.
 */
import type { IDataObject } from 'n8n-workflow';

import { apiKeyCredentials, jsonOf, useCopperSandbox } from '../helpers/copper';
import { webhookTrigger } from '../../tooling/harness/engine';
import { useOcoyaSandbox, WORKSPACE } from '../helpers/ocoya';
import { countedIt } from './faults';
import { writeReliabilityDoc } from './report';
import { SEED_IDS } from '../../tooling/sandbox/copper/seed';

/** Keys a polluted prototype would show on every object. */
const MARKERS = ['polluted', 'isAdmin', 'pollutedByConstructor'];

function expectPrototypeClean(): void {
	const probe: Record<string, unknown> = {};
	for (const marker of MARKERS) {
		expect(probe[marker]).toBeUndefined();
		expect(Object.prototype.hasOwnProperty.call(Object.prototype, marker)).toBe(false);
	}
}

/** The same attack written three ways: a plain key, through constructor.prototype, and JSON-escaped. */
const ATTACKS: Array<[string, string]> = [
	['__proto__', '"__proto__": {"polluted": true, "isAdmin": true}'],
	['constructor.prototype', '"constructor": {"prototype": {"pollutedByConstructor": true}}'],
	['escaped \\u005f_proto__', '"\\u005f_proto__": {"polluted": true}'],
	['prototype', '"prototype": {"polluted": true}'],
];

/** An object as a webhook or a parsed item carries it: `__proto__` as an own key (JSON.parse does that). */
const parsed = (fields: string, attack: string): IDataObject => JSON.parse(`{${fields}, ${attack}}`) as IDataObject;

afterAll(() => {
	if (process.env.RELIABILITY_DOC) writeReliabilityDoc('poisoned input');
});

describe('Poisoned input never reaches a prototype', () => {
	const it = countedIt('poisoned input');
	const h = useCopperSandbox();
	const lastBody = () => h.sandbox.requests.at(-1)?.body as IDataObject;
	const lastRaw = () => h.sandbox.requests.at(-1)?.rawBody ?? '';

	afterEach(() => expectPrototypeClean());

	describe.each(ATTACKS)('%s', (_name, attack) => {
		it('Raw JSON Filter built from an item ({{ $json.filter }}): the user’s filter is still sent', async () => {
			const result = await h.run(
				{ resource: 'people', operation: 'search', returnAll: false, limit: 5, filters: { rawFilter: '={{ $json.filter }}' } },
				{ items: [{ filter: parsed('"name": "Peter Gibbons", "followed": 2', attack) }] },
			);
			expect(result.error).toBeUndefined();
			expect(lastBody()).toMatchObject({ name: 'Peter Gibbons', followed: 2, page_size: 5 });
			expect(lastRaw()).not.toMatch(/__proto__|constructor|prototype/);
		});

		it('Raw JSON Filter typed as text', async () => {
			const result = await h.run({
				resource: 'people',
				operation: 'search',
				returnAll: false,
				limit: 5,
				filters: { name: 'Peter', rawFilter: `{"followed": 2, ${attack}}` },
			});
			expect(result.error).toBeUndefined();
			expect(lastBody()).toMatchObject({ name: 'Peter', followed: 2 });
			expect(lastRaw()).not.toMatch(/__proto__|constructor|prototype/);
		});

		it('Body Source "Input Item": the item’s own fields are created', async () => {
			const result = await h.run(
				{ resource: 'people', operation: 'create', bodySource: 'inputItem' },
				{ items: [parsed('"name": "Item Person", "title": "CTO"', attack)] },
			);
			expect(result.error).toBeUndefined();
			expect(lastBody()).toEqual({ name: 'Item Person', title: 'CTO' });
			expect(jsonOf(result)[0]).toMatchObject({ name: 'Item Person', title: 'CTO' });
		});

		it('Body Source "JSON" (raw JSON body), also nested', async () => {
			const result = await h.run({
				resource: 'people',
				operation: 'create',
				bodySource: 'json',
				bodyJson: `{"name": "Json Person", "address": {"city": "Austin", ${attack}}, ${attack}}`,
			});
			expect(result.error).toBeUndefined();
			expect(lastBody()).toEqual({ name: 'Json Person', address: { city: 'Austin' } });
		});

		it('custom field values by ID (a JSON list value)', async () => {
			const result = await h.run({
				resource: 'people',
				operation: 'create',
				name: 'Custom Person',
				additionalFields: {
					custom_fields: { field: [{ custom_field_definition_id: String(SEED_IDS.customFields.externalRef), value: `[{${attack}, "ref": "EXT-9"}]` }] },
				},
			});
			expect(h.sandbox.requests.at(-1)?.method).toBe('POST');
			expect((lastBody().custom_fields as IDataObject[])[0]).toEqual({ custom_field_definition_id: SEED_IDS.customFields.externalRef, value: [{ ref: 'EXT-9' }] });
			expect(lastRaw()).not.toMatch(/__proto__|constructor|prototype/);
			expect(result.error?.message ?? '').not.toMatch(/__proto__|polluted/);
		});

		it('bulk records from input items: each record sent with its own fields', async () => {
			const result = await h.run(
				{ resource: 'people', operation: 'bulkCreate', bodySource: 'inputItem' },
				{ items: [parsed('"name": "Bulk One"', attack), parsed('"name": "Bulk Two"', attack)] },
			);
			expect(result.error).toBeUndefined();
			expect(lastBody()).toEqual({ people: [{ name: 'Bulk One' }, { name: 'Bulk Two' }] });
			expect(jsonOf(result).map((person) => person.name)).toEqual(['Bulk One', 'Bulk Two']);
		});

		it('Custom API Call body and query', async () => {
			const result = await h.run({
				resource: 'customApiCall',
				operation: 'customApiCall',
				customMethod: 'POST',
				customPath: '/people/search',
				customQuery: `{${attack}}`,
				customBody: `{"name": "Peter", ${attack}}`,
			});
			expect(result.error).toBeUndefined();
			expect(lastBody()).toEqual({ name: 'Peter' });
			expect(h.sandbox.requests.at(-1)?.query).toEqual({});
		});

		it('a server answer carrying the key: the record comes out without it', async () => {
			const person = h.sandbox.store.all('people')[0] as { id: number };
			h.sandbox.injectFault({ method: 'GET', path: `/people/${person.id}`, status: 200, body: `{"id": ${person.id}, "name": "Served", ${attack}}` });
			const result = await h.run({ resource: 'people', operation: 'get', person_id: String(person.id) });
			expect(result.error).toBeUndefined();
			const [record] = jsonOf(result);
			expect(record).toEqual({ id: person.id, name: 'Served' });
			expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
		});
	});

	it('a custom field by name called "__proto__" is an unknown field, named in the error', async () => {
		const result = await h.run({
			resource: 'people',
			operation: 'create',
			name: 'Named',
			additionalFields: { custom_fields_by_name: { field: [{ field: '__proto__', value: 'x' }] } },
		});
		expect(result.error?.message).toContain('no custom field named "__proto__"');
		expect(h.sandbox.requests.filter((request) => request.method === 'POST')).toHaveLength(0);
	});

	it('custom field definitions named "__proto__" / "constructor" map to custom_field_<id> in readable output', async () => {
		const person = h.sandbox.store.all('people')[0] as { id: number };
		h.sandbox.injectFault({
			method: 'GET',
			path: '/custom_field_definitions',
			status: 200,
			body: [
				{ id: 1, name: '__proto__', data_type: 'String', available_on: ['person'] },
				{ id: 2, name: 'constructor', data_type: 'String', available_on: ['person'] },
				{ id: 3, name: 'Plain', data_type: 'String', available_on: ['person'] },
			],
		});
		h.sandbox.injectFault({
			method: 'GET',
			path: `/people/${person.id}`,
			status: 200,
			body: {
				id: person.id,
				custom_fields: [
					{ custom_field_definition_id: 1, value: '{"polluted": true}' },
					{ custom_field_definition_id: 2, value: 'c' },
					{ custom_field_definition_id: 3, value: 'p' },
				],
			},
		});
		const result = await h.run({ resource: 'people', operation: 'get', person_id: String(person.id), customFieldsOutput: 'byName' });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0].custom_fields).toEqual({ custom_field_1: '{"polluted": true}', custom_field_2: 'c', Plain: 'p' });
	});

	it('JSON nested deeper than 64 levels fails cleanly, naming the field, before any request', async () => {
		const deep = `${'{"a":'.repeat(200)}1${'}'.repeat(200)}`;
		const result = await h.run({ resource: 'people', operation: 'create', bodySource: 'json', bodyJson: deep });
		expect(result.error?.message).toContain('Body (JSON)');
		expect(result.error?.message).toContain('nested more than 64 levels deep');
		expect(h.sandbox.requests).toHaveLength(0);
		const fromItem = await h.run({ resource: 'people', operation: 'create', bodySource: 'inputItem' }, { items: [JSON.parse(deep) as IDataObject] });
		expect(fromItem.error?.message).toContain('nested more than 64 levels deep');
	});
});

describe('Poisoned webhook deliveries', () => {
	const it = countedIt('poisoned deliveries');
	const h = useCopperSandbox();
	const activate = async () => {
		h.sandbox.store.allowHttpWebhookTargets = true;
		const trigger = await webhookTrigger(
			'copperCrmWebhookTrigger',
			{ authentication: 'apiKey', events: ['person.update'], fetchRecords: true },
			apiKeyCredentials(h.sandbox) as never,
			'http://127.0.0.1:9/webhook',
		);
		h.sandbox.store.webhooks.clear();
		await trigger.create();
		const hook = [...h.sandbox.store.webhooks.values()][0];
		const secret = hook.secret as IDataObject;
		return { trigger, secret };
	};
	let stamp = 0;
	const delivery = (secret: IDataObject, ids: unknown[], extra = '') =>
		JSON.parse(
			`{"ids": ${JSON.stringify(ids)}, "type": "person", "event": "update", "subscription_id": 1, "timestamp": "${new Date(Date.now() - ++stamp).toISOString()}", "n8n_webhook_secret": ${JSON.stringify(secret.n8n_webhook_secret)}${extra}}`,
		) as IDataObject;

	afterEach(() => expectPrototypeClean());

	it('drops __proto__ / constructor keys of a delivery and its changed attributes; the real change is kept', async () => {
		const { trigger, secret } = await activate();
		const person = h.sandbox.store.all('people')[0] as { id: number; name: string };
		const body = delivery(
			secret,
			[person.id],
			', "__proto__": {"polluted": true}, "updated_attributes": {"title": ["a", "b"], "__proto__": ["x", {"isAdmin": true}], "constructor": {"prototype": {"pollutedByConstructor": true}}}',
		);
		const call = await trigger.deliver(body, {});
		expect(call.status).toBe(200);
		expect(call.items).toHaveLength(1);
		expect(call.items![0].updated_attributes).toEqual({ title: { old: 'a', new: 'b' } });
		expect((call.items![0].record as IDataObject).id).toBe(person.id);
		await trigger.delete();
	});

	it('refuses (413) a delivery with more than 100 IDs, before any request and without starting a run', async () => {
		const { trigger, secret } = await activate();
		h.sandbox.clearRequests();
		for (const count of [101, 5000]) {
			const call = await trigger.deliver(delivery(secret, Array.from({ length: count }, (_v, i) => i + 1)), {});
			expect(call.status).toBe(413);
			expect(call.items).toBeUndefined();
		}
		expect(h.sandbox.requests.filter((request) => request.path.endsWith('/search'))).toHaveLength(0);
		await trigger.delete();
	});

	it('loads 100 IDs (the cap) in one search; repeated and non-numeric IDs are dropped', async () => {
		const { trigger, secret } = await activate();
		const people = h.sandbox.store.addPeople(60) as Array<{ id: number }>;
		h.sandbox.clearRequests();
		const ids: unknown[] = [...people.map((person) => person.id), ...people.slice(0, 30).map((person) => person.id), 'x', null, 1.5];
		const call = await trigger.deliver(delivery(secret, ids.slice(0, 100)), {});
		expect(call.status).toBe(200);
		expect(call.items!.map((item) => item.id)).toEqual(people.map((person) => person.id));
		expect(h.sandbox.requests.filter((request) => request.path === '/people/search')).toHaveLength(1);
		await trigger.delete();
	});

	it('refuses (413) a delivery nested deeper than 64 levels', async () => {
		const { trigger, secret } = await activate();
		const deep = `${'{"a":'.repeat(100)}1${'}'.repeat(100)}`;
		const call = await trigger.deliver(delivery(secret, [1], `, "updated_attributes": ${deep}`), {});
		expect(call.status).toBe(413);
		expect(call.items).toBeUndefined();
		await trigger.delete();
	});
});

describe('Poisoned input on Ocoya', () => {
	const it = countedIt('poisoned input');
	const h = useOcoyaSandbox();
	const lastRaw = () => h.sandbox.requests.at(-1)?.rawBody ?? '';
	afterEach(() => expectPrototypeClean());

	describe.each(ATTACKS.slice(0, 2))('%s', (_name, attack) => {
		it('a post from the input item: its caption is created', async () => {
			const result = await h.run(
				{ resource: 'posts', operation: 'create', workspaceId: WORKSPACE, bodySource: 'inputItem' },
				{ items: [parsed('"caption": "Poisoned caption"', attack)] },
			);
			expect(result.error).toBeUndefined();
			expect(h.sandbox.requests.at(-1)?.body).toEqual({ caption: 'Poisoned caption' });
		});

		it('Custom API Call body', async () => {
			const result = await h.run({
				resource: 'customApiCall',
				operation: 'customApiCall',
				customMethod: 'POST',
				customPath: '/post',
				customQuery: `{"workspaceId": "${WORKSPACE}"}`,
				customBody: `{"caption": "Custom caption", ${attack}}`,
			});
			expect(result.error).toBeUndefined();
			expect(lastRaw()).not.toMatch(/__proto__|constructor|prototype/);
			expect(h.sandbox.requests.at(-1)?.body).toEqual({ caption: 'Custom caption' });
		});

		it('a server answer carrying the key', async () => {
			h.sandbox.injectFault({ method: 'GET', path: '/me', status: 200, body: `{"id": "me", ${attack}}` });
			const result = await h.run({ resource: 'user', operation: 'me' });
			expect(result.error).toBeUndefined();
			expect(jsonOf(result)[0]).toEqual({ id: 'me' });
		});
	});
});
