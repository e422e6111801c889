/** How typed fields become request bodies: dates, nested collections, custom fields, body sources, custom calls. */
import { runNode } from '../../tooling/harness/engine';
import { apiKeyCredentials, jsonOf, useCopperSandbox } from '../helpers/copper';
import { SEED_IDS } from '../../tooling/sandbox/copper/seed';

describe('Copper field mapping', () => {
	const h = useCopperSandbox();
	const lastBody = () => h.sandbox.requests.at(-1)?.body as Record<string, unknown>;

	it('builds nested shapes and custom fields from fixed collections', async () => {
		const result = await h.run({
			resource: 'people',
			operation: 'create',
			name: 'Grace Hopper',
			additionalFields: {
				emails: { values: [{ email: 'grace@example.com', category: 'work' }] },
				phone_numbers: { values: [{ number: '415-555-0100', category: 'mobile' }] },
				address: { value: { street: '1 Main St', city: 'Arlington', country: 'US' } },
				websites: { values: [{ url: 'https://example.com', category: 'work' }] },
				tags: 'vip, navy',
				custom_fields: {
					field: [
						{ custom_field_definition_id: String(SEED_IDS.customFields.industry), value: String(SEED_IDS.options.retail) },
						{ custom_field_definition_id: String(SEED_IDS.customFields.interests), value: `[${SEED_IDS.options.productA}]` },
						{ custom_field_definition_id: String(SEED_IDS.customFields.vip), value: 'true' },
						{ custom_field_definition_id: String(SEED_IDS.customFields.externalRef), value: 'EXT-1' },
					],
				},
			},
		});
		expect(result.error).toBeUndefined();
		expect(lastBody()).toEqual({
			name: 'Grace Hopper',
			emails: [{ email: 'grace@example.com', category: 'work' }],
			phone_numbers: [{ number: '415-555-0100', category: 'mobile' }],
			address: { street: '1 Main St', city: 'Arlington', country: 'US' },
			websites: [{ url: 'https://example.com', category: 'work' }],
			tags: ['vip', 'navy'],
			custom_fields: [
				{ custom_field_definition_id: SEED_IDS.customFields.industry, value: SEED_IDS.options.retail },
				{ custom_field_definition_id: SEED_IDS.customFields.interests, value: [SEED_IDS.options.productA] },
				{ custom_field_definition_id: SEED_IDS.customFields.vip, value: true },
				{ custom_field_definition_id: SEED_IDS.customFields.externalRef, value: 'EXT-1' },
			],
		});
		expect(jsonOf(result)[0].id).toBeDefined();
	});

	it('sends dates as Unix seconds in the workflow time zone, and close_date as M/D/YYYY', async () => {
		const run = async (parameters: Record<string, unknown>, timezone: string) =>
			await runNode({
				type: 'copperCrm',
				parameters: { authentication: 'apiKey', ...parameters },
				credentials: apiKeyCredentials(h.sandbox) as never,
				timezone,
			});
		await run({ resource: 'tasks', operation: 'create', name: 'Due', additionalFields: { due_date: '2024-01-02T03:04:05Z' } }, 'UTC');
		expect(lastBody().due_date).toBe(1704164645);
		await run({ resource: 'tasks', operation: 'create', name: 'Local', additionalFields: { due_date: '2024-01-02T03:04:05' } }, 'America/New_York');
		expect(lastBody().due_date).toBe(1704164645 + 5 * 3600);
		await run({ resource: 'opportunities', operation: 'create', name: 'Deal', additionalFields: { close_date: '2024-01-23T10:00:00Z' } }, 'UTC');
		expect(lastBody().close_date).toBe('1/23/2024');
	});

	it('sends the incoming item as the body with Body Source "Input Item"', async () => {
		const person = h.sandbox.store.all('people')[0] as { id: number };
		const result = await h.run(
			{ resource: 'people', operation: 'update', person_id: String(person.id), bodySource: 'inputItem' },
			{ items: [{ title: 'CTO', details: 'From the item' }] },
		);
		expect(result.error).toBeUndefined();
		expect(lastBody()).toEqual({ title: 'CTO', details: 'From the item' });
		expect(jsonOf(result)[0].title).toBe('CTO');
	});

	it('sends raw JSON with Body Source "JSON"', async () => {
		const result = await h.run({
			resource: 'companies',
			operation: 'create',
			bodySource: 'json',
			bodyJson: '{"name": "Raw Co", "email_domain": "raw.example"}',
		});
		expect(result.error).toBeUndefined();
		expect(lastBody()).toEqual({ name: 'Raw Co', email_domain: 'raw.example' });
	});

	it('builds nested bodies from dotted body paths (convert a lead)', async () => {
		const lead = [...h.sandbox.store.leads.keys()].at(-1)!;
		const result = await h.run({
			resource: 'leads',
			operation: 'convert',
			lead_id: String(lead),
			additionalFields: {
				person_name: 'Converted Person',
				opportunity_name: 'New Deal',
				opportunity_pipeline_id: String(SEED_IDS.pipelines.sales),
			},
		});
		expect(result.error).toBeUndefined();
		expect(lastBody()).toEqual({
			details: {
				person: { name: 'Converted Person' },
				opportunity: { name: 'New Deal', pipeline_id: SEED_IDS.pipelines.sales },
			},
		});
		expect(Object.keys(jsonOf(result)[0])).toEqual(expect.arrayContaining(['person', 'opportunity']));
	});

	it('sends a JSON body on DELETE (remove a relationship)', async () => {
		const person = h.sandbox.store.all('people')[1] as { id: number };
		const opportunity = h.sandbox.store.all('opportunities')[0] as { id: number };
		await h.run({
			resource: 'relatedItems',
			operation: 'relate',
			entity: 'people',
			entity_id: String(person.id),
			resource_id: String(opportunity.id),
			resource_type: 'opportunity',
		});
		const result = await h.run({
			resource: 'relatedItems',
			operation: 'unrelate',
			entity: 'people',
			entity_id: String(person.id),
			resource_id: String(opportunity.id),
			resource_type: 'opportunity',
		});
		expect(result.error).toBeUndefined();
		const request = h.sandbox.requests.at(-1)!;
		expect(request.method).toBe('DELETE');
		expect(request.body).toEqual({ resource: { id: opportunity.id, type: 'opportunity' } });
		expect(jsonOf(result)[0]).toMatchObject({ removed: true });
	});

	it('runs a Custom API Call with the credential, query, body and pagination', async () => {
		const account = await h.run({ resource: 'customApiCall', operation: 'customApiCall', customMethod: 'GET', customPath: '/account' });
		expect(jsonOf(account)[0].id).toBe(SEED_IDS.account);
		h.sandbox.store.addPeople(450);
		h.sandbox.clearRequests();
		const people = await h.run({
			resource: 'customApiCall',
			operation: 'customApiCall',
			customMethod: 'POST',
			customPath: '/people/search',
			customBody: '{"sort_by": "name"}',
			customPaginate: true,
			returnAll: true,
		});
		expect(people.error).toBeUndefined();
		const ids = jsonOf(people).map((person) => person.id);
		expect(new Set(ids).size).toBe(h.sandbox.store.count('people'));
		expect(h.sandbox.requests.map((r) => (r.body as { page_number: number }).page_number)).toEqual([1, 2, 3]);
		expect(h.sandbox.requests[0].body).toMatchObject({ sort_by: 'name', page_size: 200 });
	});
});
