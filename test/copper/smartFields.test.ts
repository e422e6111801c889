/**
 * Smart fields of the Copper node, through the real engine against the sandbox: dropdowns loaded
 * from the account (n8n-core's LoadOptionsContext), record pickers (listSearch with paging, By ID,
 * By URL), custom fields by name on writes and searches, and the by-name output map with one
 * definitions request per execution.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { CopperCrm } from '../../nodes/CopperCrm/CopperCrm.node';
import { apiKeyCredentials, jsonOf, useCopperSandbox } from '../helpers/copper';
import { ENGINE_MAJOR, listSearchOf, loadOptionsOf, parameterIssues } from '../../tooling/harness/engine';
import { SEED_IDS } from '../../tooling/sandbox/copper/seed';

const CF = SEED_IDS.customFields;
const OPT = SEED_IDS.options;


describe('Copper smart fields', () => {
	const h = useCopperSandbox();
	const credentials = () => apiKeyCredentials(h.sandbox) as never;
	const definitionRequests = () => h.sandbox.requests.filter((r) => r.method === 'GET' && r.path === '/custom_field_definitions');
	const lastWrite = (path: string) => h.sandbox.requests.filter((r) => r.path === path && r.method !== 'GET').at(-1);
	const load = async (method: string, parameters: IDataObject = {}) =>
		await loadOptionsOf('copperCrm', method, { authentication: 'apiKey', ...parameters }, credentials());
	const values = (options: Array<{ value: unknown }>) => options.map((option) => option.value);
	const names = (options: Array<{ name: string }>) => options.map((option) => option.name);

	describe('node properties', () => {
		const properties = new CopperCrm().description.properties;
		const find = (resource: string, operation: string, name: string): INodeProperties | undefined =>
			properties.find(
				(prop) =>
					prop.name === name &&
					prop.displayOptions?.show?.resource?.includes(resource) &&
					prop.displayOptions?.show?.operation?.includes(operation),
			);
		const inCollection = (resource: string, operation: string, collection: string, name: string) =>
			(find(resource, operation, collection)?.options as INodeProperties[] | undefined)?.find((prop) => prop.name === name);

		it('turns record-ID path parameters into record pickers with list, ID and URL modes', () => {
			for (const [resource, name, method] of [
				['people', 'person_id', 'searchPeople'],
				['companies', 'company_id', 'searchCompanies'],
				['leads', 'lead_id', 'searchLeads'],
				['opportunities', 'opportunity_id', 'searchOpportunities'],
				['projects', 'project_id', 'searchProjects'],
				['tasks', 'task_id', 'searchTasks'],
			]) {
				const prop = find(resource, 'get', name)!;
				expect(prop.type).toBe('resourceLocator');
				expect(prop.modes?.map((mode) => mode.name)).toEqual(['list', 'id', 'url']);
				expect(prop.modes?.[0].typeOptions?.searchListMethod).toBe(method);
				expect(prop.modes?.[2].extractValue).toMatchObject({ type: 'regex' });
			}
			expect(inCollection('opportunities', 'create', 'additionalFields', 'primary_contact_id')?.type).toBe('resourceLocator');
			expect(inCollection('opportunities', 'create', 'additionalFields', 'company_id')?.type).toBe('resourceLocator');
		});

		it('turns lookup IDs into dropdowns loaded from the account', () => {
			const field = (name: string) => inCollection('opportunities', 'create', 'additionalFields', name);
			expect(field('assignee_id')).toMatchObject({ type: 'options', displayName: 'Assignee Name or ID', typeOptions: { loadOptionsMethod: 'getUsers' } });
			expect(field('pipeline_id')?.typeOptions?.loadOptionsMethod).toBe('getPipelines');
			expect(field('pipeline_stage_id')?.typeOptions).toMatchObject({
				loadOptionsMethod: 'getPipelineStages',
				loadOptionsDependsOn: ['additionalFields.pipeline_id'],
			});
			expect(field('customer_source_id')?.typeOptions?.loadOptionsMethod).toBe('getCustomerSources');
			expect(field('loss_reason_id')?.typeOptions?.loadOptionsMethod).toBe('getLossReasons');
			expect(inCollection('leads', 'create', 'additionalFields', 'status_id')?.typeOptions?.loadOptionsMethod).toBe('getLeadStatuses');
			expect(inCollection('people', 'create', 'additionalFields', 'contact_type_id')?.typeOptions?.loadOptionsMethod).toBe('getContactTypes');
			expect(inCollection('people', 'search', 'filters', 'tags')).toMatchObject({ type: 'multiOptions', typeOptions: { loadOptionsMethod: 'getTags' } });
			expect(inCollection('people', 'search', 'filters', 'assignee_ids')?.type).toBe('multiOptions');
			expect(find('activities', 'create', 'type_id')?.typeOptions?.loadOptionsMethod).toBe('getUserActivityTypes');
			expect(find('customActivityTypes', 'get', 'custom_activity_type_id')?.typeOptions?.loadOptionsMethod).toBe('getCustomActivityTypes');
			expect(find('customFieldDefinitions', 'get', 'custom_field_definition_id')?.typeOptions?.loadOptionsMethod).toBe('getCustomFieldDefinitions');
			expect(find('accountAndUsers', 'getUser', 'user_id')?.typeOptions?.loadOptionsMethod).toBe('getUsers');
			const byName = inCollection('people', 'create', 'additionalFields', 'custom_fields_by_name');
			expect(byName?.type).toBe('fixedCollection');
			expect(find('people', 'get', 'customFieldsOutput')?.type).toBe('options');
		});
	});

	describe('dropdowns (loadOptions)', () => {
		it('loads users, pipelines, sources, contact types, lead statuses and loss reasons', async () => {
			expect(values(await load('getUsers')).sort()).toEqual(Object.values(SEED_IDS.users).sort());
			expect(h.sandbox.requests.at(-1)).toMatchObject({ method: 'POST', path: '/users/search' });
			expect(await load('getPipelines')).toEqual(
				expect.arrayContaining([expect.objectContaining({ name: 'Sales', value: SEED_IDS.pipelines.sales })]),
			);
			expect(values(await load('getCustomerSources')).sort()).toEqual(Object.values(SEED_IDS.customerSources).sort());
			expect(values(await load('getContactTypes')).sort()).toEqual(Object.values(SEED_IDS.contactTypes).sort());
			expect(values(await load('getLeadStatuses')).sort()).toEqual(Object.values(SEED_IDS.leadStatuses).sort());
			expect(values(await load('getLossReasons')).sort()).toEqual(Object.values(SEED_IDS.lossReasons).sort());
		});

		it('loads the stages of the chosen pipeline, or every stage with its pipeline', async () => {
			const S = SEED_IDS.stages;
			const chosen = await load('getPipelineStages', {
				resource: 'opportunities',
				operation: 'create',
				additionalFields: { pipeline_id: SEED_IDS.pipelines.partnerships },
			});
			expect(chosen).toEqual([
				expect.objectContaining({ name: 'Intro', value: S.intro }),
				expect.objectContaining({ name: 'Evaluation', value: S.evaluation }),
				expect.objectContaining({ name: 'Signed', value: S.signed }),
			]);
			const convert = await load('getPipelineStages', {
				resource: 'leads',
				operation: 'convert',
				additionalFields: { opportunity_pipeline_id: String(SEED_IDS.pipelines.sales) },
			});
			expect(values(convert)).toEqual([S.qualified, S.followUp, S.presentation, S.contractSent, S.negotiation]);
			const all = await load('getPipelineStages', { resource: 'opportunities', operation: 'create' });
			expect(all).toHaveLength(8);
			expect(names(all)).toContain('Partnerships › Signed');
		});

		it('loads user and system activity types, custom activity types and tags', async () => {
			const A = SEED_IDS.activityTypes;
			const all = await load('getActivityTypes');
			expect(values(all)).toEqual(expect.arrayContaining(Object.values(A)));
			expect(names(all)).toEqual(expect.arrayContaining(['Phone Call (User)', 'Pipeline Stage Changed (System)']));
			const userTypes = values(await load('getUserActivityTypes'));
			expect(userTypes).toEqual(expect.arrayContaining([A.note, A.phoneCall, A.meeting, A.email]));
			expect(userTypes).not.toContain(A.stageChanged);
			expect(await load('getCustomActivityTypes')).toEqual([
				expect.objectContaining({ name: 'Custom Meeting', value: SEED_IDS.customActivityTypes.customMeeting }),
			]);
			expect(values(await load('getTags'))).toEqual(expect.arrayContaining(['vip', 'customer', 'prospect']));
		});

		it('loads custom field definitions filtered by the entity in use', async () => {
			const people = await load('getCustomFieldsByName', { resource: 'people', operation: 'create' });
			expect(values(people).sort()).toEqual(['External Ref', 'Industry', 'Interests', 'VIP']);
			expect(people.find((option) => option.value === 'Industry')?.description).toBe(
				'Dropdown: Technology, Retail, Finance, Healthcare',
			);
			const opportunities = await load('getCustomFieldsByName', { resource: 'opportunities', operation: 'search' });
			expect(values(opportunities).sort()).toEqual(['Annual Revenue', 'Contract Date', 'Discount', 'External Ref', 'Industry']);
			const projects = await load('getCustomFieldsByName', {
				resource: 'customFieldDefinitions',
				operation: 'searchEntity',
				entity_name_in_plural: 'projects',
			});
			expect(values(projects).sort()).toEqual(['Contract Date', 'External Ref']);
			const byId = await load('getCustomFieldDefinitions', { resource: 'customFieldDefinitions', operation: 'get' });
			expect(values(byId).sort()).toEqual(Object.values(CF).sort());
			const connect = await load('getCustomFieldDefinitions', { resource: 'connections', operation: 'create' });
			expect(values(connect)).toEqual([CF.referredBy]);
			const upsert = await load('getCustomFieldDefinitions', { resource: 'leads', operation: 'upsertByCustomField' });
			expect(values(upsert).sort()).toEqual([CF.industry, CF.interests, CF.externalRef, CF.vip, CF.referredBy].sort());
		});

		it('sends an ID picked from a dropdown as a number, and still takes raw IDs and expressions', async () => {
			const result = await h.run(
				{
					resource: 'opportunities',
					operation: 'create',
					name: 'Dropdown Deal',
					additionalFields: {
						assignee_id: SEED_IDS.users.seller,
						pipeline_id: String(SEED_IDS.pipelines.partnerships),
						pipeline_stage_id: '={{ $json.stage }}',
						customer_source_id: SEED_IDS.customerSources.email,
					},
				},
				{ items: [{ stage: SEED_IDS.stages.signed }] },
			);
			expect(result.error).toBeUndefined();
			expect(lastWrite('/opportunities')?.body).toEqual({
				name: 'Dropdown Deal',
				assignee_id: SEED_IDS.users.seller,
				pipeline_id: SEED_IDS.pipelines.partnerships,
				pipeline_stage_id: SEED_IDS.stages.signed,
				customer_source_id: SEED_IDS.customerSources.email,
			});
		});
	});

	describe('record pickers (listSearch, By ID, By URL)', () => {
		beforeAll(() => {
			h.sandbox.store.addPeople(120, (i) => ({ name: `Pager ${String(i).padStart(3, '0')}` }));
		});

		it('searches people by name through /people/search, page by page with the pagination token', async () => {
			const parameters = { authentication: 'apiKey', resource: 'people', operation: 'get' };
			const seen: string[] = [];
			let token: string | undefined;
			const tokens: Array<string | undefined> = [];
			do {
				const page = await listSearchOf('copperCrm', 'searchPeople', parameters, credentials(), 'pager', token);
				seen.push(...page.results.map((result) => String(result.value)));
				token = page.paginationToken as string | undefined;
				tokens.push(token);
				expect(page.results.every((result) => /^Pager \d{3}$/.test(result.name))).toBe(true);
			} while (token);
			expect(tokens).toEqual([expect.stringMatching(/^2:\d+$/), expect.stringMatching(/^3:\d+$/), undefined]);
			expect(seen).toHaveLength(120);
			expect(new Set(seen).size).toBe(120);
			const searches = h.sandbox.requests.filter((r) => r.path === '/people/search');
			expect(searches.map((r) => r.body)).toEqual(
				[1, 2, 3].map((page) => expect.objectContaining({ name: 'pager', page_number: page, page_size: 50, sort_by: 'name' })),
			);
		});

		it.each([
			['searchCompanies', 'companies', 'Initech'],
			['searchLeads', 'leads', 'Jane Prospect'],
			['searchOpportunities', 'opportunities', 'TPS Report Automation'],
			['searchProjects', 'projects', 'Onboarding Initech'],
			['searchTasks', 'tasks', 'Follow up with Peter'],
		])('%s finds records by name', async (method, entity, name) => {
			const page = await listSearchOf('copperCrm', method, { authentication: 'apiKey' }, credentials(), name.slice(0, 8));
			const record = h.sandbox.store.all(entity as 'companies').find((candidate) => (candidate as { name: string }).name === name) as { id: number };
			expect(page.results).toContainEqual(expect.objectContaining({ name, value: String(record.id) }));
			expect(page.paginationToken).toBeUndefined();
		});

		it('takes a record from the list, by ID, by URL or as a plain ID', async () => {
			const person = h.sandbox.store.all('people')[0] as { id: number };
			const urls = [
				`https://app.copper.com/companies/${SEED_IDS.account}/app#/browse/list/people/default?fullProfile=people-${person.id}`,
				`https://app.copper.com/companies/${SEED_IDS.account}/app#/contact/${person.id}`,
				`https://app.prosperworks.com/companies/${SEED_IDS.account}/app#/person/${person.id}`,
				`https://app.copper.com/companies/${SEED_IDS.account}/app#/browse/list/people/default?context=people-${person.id}&preview=people-${person.id}&tab=activity`,
			];
			const values = [
				{ __rl: true, mode: 'list', value: String(person.id), cachedResultName: 'Someone' },
				{ __rl: true, mode: 'id', value: ` ${person.id} ` },
				...urls.map((url) => ({ __rl: true, mode: 'url', value: url })),
				String(person.id),
				person.id,
			];
			for (const value of values) {
				h.sandbox.clearRequests();
				const result = await h.run({ resource: 'people', operation: 'get', person_id: value });
				expect(result.error).toBeUndefined();
				expect(h.sandbox.requests.map((r) => r.path)).toEqual([`/people/${person.id}`]);
				expect(jsonOf(result)[0].id).toBe(person.id);
			}
		});

		it('unwraps record pickers inside Additional Fields and sends the IDs as numbers', async () => {
			const person = h.sandbox.store.all('people')[0] as { id: number };
			const company = h.sandbox.store.all('companies')[0] as { id: number };
			const result = await h.run({
				resource: 'opportunities',
				operation: 'create',
				name: 'Picked Deal',
				additionalFields: {
					primary_contact_id: { __rl: true, mode: 'url', value: `https://app.copper.com/companies/1/app#/person/${person.id}` },
					company_id: { __rl: true, mode: 'list', value: String(company.id) },
				},
			});
			expect(result.error).toBeUndefined();
			expect(lastWrite('/opportunities')?.body).toEqual({ name: 'Picked Deal', primary_contact_id: person.id, company_id: company.id });
		});

		it('rejects a link to another kind of record and a non-numeric ID before sending', async () => {
			const company = h.sandbox.store.all('companies')[0] as { id: number };
			const companyUrl = `https://app.copper.com/companies/1/app#/organization/${company.id}`;
			// Typed values are validated by the mode (the editor shows the issue; the run does not start).
			// n8n 2.x names the issue in the error; 1.x only says the workflow has issues, so there the
			// issue itself is read from the check the editor runs.
			const typed = [
				[{ __rl: true, mode: 'url', value: companyUrl }, /Person ID: not a link to a Copper person record/],
				[{ __rl: true, mode: 'id', value: 'abc' }, /Person ID: not a valid ID/],
			] as const;
			for (const [value, issue] of typed) {
				const parameters = { resource: 'people', operation: 'get', person_id: value };
				await expect(h.run(parameters)).rejects.toThrow(ENGINE_MAJOR >= 2 ? issue : /workflow has issues/);
				expect((await parameterIssues('copperCrm', parameters)).join('\n')).toMatch(issue);
			}
			// Expressions are resolved at run time and checked by the engine, naming the field.
			const wrongKind = await h.run({
				resource: 'people',
				operation: 'get',
				person_id: { __rl: true, mode: 'url', value: `={{ "${companyUrl}" }}` },
			});
			expect(wrongKind.error?.message).toMatch(/Person ID.*not a link to a person record/);
			const badId = await h.run({ resource: 'people', operation: 'get', person_id: { __rl: true, mode: 'id', value: '={{ "abc" }}' } });
			expect(badId.error?.message).toMatch(/Person ID.*expected a numeric ID/);
			const urlAsId = await h.run({ resource: 'people', operation: 'get', person_id: companyUrl });
			expect(urlAsId.error?.message).toMatch(/Person ID.*is not a link to a person record/);
			expect(h.sandbox.requests).toHaveLength(0);
		});
	});

	describe('custom fields by name', () => {
		it('writes custom fields by name and option names, loading the definitions once for all items', async () => {
			const items = [1, 2, 3].map((n) => ({ name: `By Name ${n}`, industry: n === 2 ? 'technology' : 'Retail' }));
			const result = await h.run(
				{
					resource: 'people',
					operation: 'create',
					name: '={{ $json.name }}',
					additionalFields: {
						custom_fields_by_name: {
							field: [
								{ field: 'Industry', value: '={{ $json.industry }}' },
								{ field: 'interests', value: 'Product A, Product C' },
								{ field: 'VIP', value: 'true' },
								{ field: 'External Ref', value: '={{ "REF-" + $json.name.slice(-1) }}' },
							],
						},
					},
				},
				{ items },
			);
			expect(result.error).toBeUndefined();
			expect(definitionRequests()).toHaveLength(1);
			const creates = h.sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/people');
			expect(creates).toHaveLength(3);
			expect(creates[1].body).toEqual({
				name: 'By Name 2',
				custom_fields: [
					{ custom_field_definition_id: CF.industry, value: OPT.technology },
					{ custom_field_definition_id: CF.interests, value: [OPT.productA, OPT.productC] },
					{ custom_field_definition_id: CF.vip, value: true },
					{ custom_field_definition_id: CF.externalRef, value: 'REF-2' },
				],
			});
			expect((creates[0].body as IDataObject).custom_fields).toContainEqual({ custom_field_definition_id: CF.industry, value: OPT.retail });
		});

		it('converts dates, numbers and IDs by the field type, alongside custom fields by ID', async () => {
			const result = await h.run({
				resource: 'companies',
				operation: 'create',
				name: 'Typed Values Inc',
				additionalFields: {
					custom_fields: { field: [{ custom_field_definition_id: String(CF.externalRef), value: 'BY-ID' }] },
					custom_fields_by_name: {
						field: [
							{ field: 'Contract Date', value: '2024-01-02T00:00:00Z' },
							{ field: 'annual_revenue', value: '1500000.5' },
							{ field: String(CF.industry), value: String(OPT.finance) },
							{ field: 'VIP', value: '' },
						],
					},
				},
			});
			expect(result.error).toBeUndefined();
			expect((lastWrite('/companies')?.body as IDataObject).custom_fields).toEqual([
				{ custom_field_definition_id: CF.externalRef, value: 'BY-ID' },
				{ custom_field_definition_id: CF.contractDate, value: 1704153600 },
				{ custom_field_definition_id: CF.annualRevenue, value: 1500000.5 },
				{ custom_field_definition_id: CF.industry, value: OPT.finance },
				{ custom_field_definition_id: CF.vip, value: null },
			]);
		});

		it('writes custom fields by name in bulk and in an upsert (one definitions request each)', async () => {
			const bulk = await h.run(
				{
					resource: 'people',
					operation: 'bulkCreate',
					name: '={{ $json.name }}',
					additionalFields: { custom_fields_by_name: { field: [{ field: 'Industry', value: '={{ $json.industry }}' }] } },
				},
				{ items: [{ name: 'Bulk A', industry: 'Finance' }, { name: 'Bulk B', industry: 'Healthcare' }] },
			);
			expect(bulk.error).toBeUndefined();
			expect(lastWrite('/people/bulk_create')?.body).toEqual({
				people: [
					{ name: 'Bulk A', custom_fields: [{ custom_field_definition_id: CF.industry, value: OPT.finance }] },
					{ name: 'Bulk B', custom_fields: [{ custom_field_definition_id: CF.industry, value: OPT.healthcare }] },
				],
			});
			expect(definitionRequests()).toHaveLength(1);
			h.sandbox.clearRequests();
			const upsert = await h.run({
				resource: 'leads',
				operation: 'upsert',
				match_field_name: 'name',
				match_field_value: 'Upsert By Name',
				additionalFields: { name: 'Upsert By Name', custom_fields_by_name: { field: [{ field: 'External Ref', value: 'UP-1' }] } },
			});
			expect(upsert.error).toBeUndefined();
			expect(lastWrite('/leads/upsert')?.body).toMatchObject({
				properties: { name: 'Upsert By Name', custom_fields: [{ custom_field_definition_id: CF.externalRef, value: 'UP-1' }] },
			});
			expect(definitionRequests()).toHaveLength(1);
		});

		it('names the valid fields or options when a name is unknown, before any write', async () => {
			const unknownField = await h.run({
				resource: 'people',
				operation: 'create',
				name: 'Nope',
				additionalFields: { custom_fields_by_name: { field: [{ field: 'Shoe Size', value: '42' }] } },
			});
			expect(unknownField.error?.message).toContain('no custom field named "Shoe Size"');
			expect(unknownField.error?.message).toContain('valid fields: "Industry", "Interests", "External Ref", "VIP"');
			const unknownOption = await h.run({
				resource: 'people',
				operation: 'create',
				name: 'Nope',
				additionalFields: { custom_fields_by_name: { field: [{ field: 'Interests', value: 'Product A, Product Z' }] } },
			});
			expect(unknownOption.error?.message).toContain('"Product Z" is not an option of "Interests"');
			expect(unknownOption.error?.message).toContain('valid options: "Product A", "Product B", "Product C"');
			const notOnEntity = await h.run({
				resource: 'tasks',
				operation: 'create',
				name: 'Nope',
				additionalFields: { custom_fields_by_name: { field: [{ field: 'Industry', value: 'Retail' }] } },
			});
			expect(notOnEntity.error?.message).toContain('valid fields: "External Ref"');
			const badNumber = await h.run({
				resource: 'opportunities',
				operation: 'create',
				name: 'Nope',
				additionalFields: { custom_fields_by_name: { field: [{ field: 'Discount', value: 'ten' }] } },
			});
			expect(badNumber.error?.message).toMatch(/Discount.*expected a number/);
			expect(h.sandbox.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
		});

		it('filters a search by custom fields picked by name (value, options, range, empty)', async () => {
			const search = async (resource: string, filters: IDataObject[], extra: IDataObject = {}) => {
				const result = await h.run({
					resource,
					operation: 'search',
					returnAll: true,
					filters: { custom_field_filters: { filter: filters }, ...extra },
				});
				expect(result.error).toBeUndefined();
				return {
					names: jsonOf(result).map((record) => record.name),
					body: h.sandbox.requests.filter((r) => r.path === `/${resource}/search`).at(-1)?.body as IDataObject,
				};
			};
			const retail = await search('people', [{ field: 'Industry', condition: 'is', value: 'Retail' }]);
			expect(retail.body.custom_fields).toEqual([{ custom_field_definition_id: CF.industry, value: [OPT.retail] }]);
			expect(retail.names).toContain('Michael Scott');
			expect(retail.names).not.toContain('Peter Gibbons');

			const all = await search('people', [{ field: 'Interests', condition: 'all', value: 'Product A, Product B' }]);
			expect(all.body.custom_fields).toEqual([
				{ custom_field_definition_id: CF.interests, value: [OPT.productA, OPT.productB], option: 'ALL' },
			]);
			expect(all.names).toContain('Michael Scott');

			const none = await search('people', [{ field: 'Interests', condition: 'none', value: 'Product A' }]);
			expect(none.body.custom_fields).toEqual([{ custom_field_definition_id: CF.interests, value: [OPT.productA], option: 'NONE' }]);
			expect(none.names).not.toContain('Michael Scott');

			const vip = await search('people', [{ field: 'VIP', condition: 'is', value: 'true' }]);
			expect(vip.body.custom_fields).toEqual([{ custom_field_definition_id: CF.vip, value: true }]);
			expect(vip.names).toContain('Michael Scott');

			const empty = await search('people', [{ field: 'Industry', condition: 'empty' }]);
			expect(empty.body.custom_fields).toEqual([{ custom_field_definition_id: CF.industry, allow_empty: true }]);
			expect(empty.names).toContain('Peter Gibbons');
			expect(empty.names).not.toContain('Michael Scott');

			const revenue = await search('companies', [{ field: 'Annual Revenue', condition: 'range', minimum: '1000000', maximum: '' }]);
			expect(revenue.body.custom_fields).toEqual([{ custom_field_definition_id: CF.annualRevenue, minimum_value: 1000000 }]);
			expect(revenue.names).toContain('Dunder Mifflin (sample)');
			expect(revenue.names).not.toContain('Initech');

			const dates = await search(
				'companies',
				[
					{ field: 'Contract Date', condition: 'range', minimum: '2024-01-01T00:00:00Z', maximum: '2024-12-31T00:00:00Z', includeEmpty: true },
					{ field: 'Industry', condition: 'any', value: 'Retail, Technology' },
				],
				{ custom_fields: JSON.stringify([{ custom_field_definition_id: CF.vip, value: false }]) },
			);
			expect(dates.body.custom_fields).toEqual([
				{ custom_field_definition_id: CF.vip, value: false },
				{ custom_field_definition_id: CF.contractDate, minimum_value: 1704067200, maximum_value: 1735603200, allow_empty: true },
				{ custom_field_definition_id: CF.industry, value: [OPT.retail, OPT.technology] },
			]);
			expect(definitionRequests()).toHaveLength(7);
		});

		it('filters the generic "Search Entity by Custom Field" by name for the chosen entity', async () => {
			const result = await h.run({
				resource: 'customFieldDefinitions',
				operation: 'searchEntity',
				entity_name_in_plural: 'leads',
				returnAll: true,
				filters: { custom_field_filters: { filter: [{ field: 'External Ref', condition: 'is', value: 'EXT-1001' }] } },
			});
			expect(result.error).toBeUndefined();
			expect(jsonOf(result).map((record) => record.name)).toEqual(['Jane Prospect']);
			expect(lastWrite('/leads/search')?.body).toMatchObject({
				custom_fields: [{ custom_field_definition_id: CF.externalRef, value: 'EXT-1001' }],
			});
			const invalid = await h.run({
				resource: 'customFieldDefinitions',
				operation: 'searchEntity',
				entity_name_in_plural: 'tasks',
				filters: { custom_field_filters: { filter: [{ field: 'VIP', condition: 'range', minimum: '1' }] } },
			});
			expect(invalid.error?.message).toContain('no custom field named "VIP"');
		});

		it('rejects conditions that do not fit the field type', async () => {
			const result = await h.run({
				resource: 'people',
				operation: 'search',
				filters: { custom_field_filters: { filter: [{ field: 'Industry', condition: 'all', value: 'Retail' }] } },
			});
			expect(result.error?.message).toMatch(/"all" needs a multi-select field; "Industry" is Dropdown/);
			const range = await h.run({
				resource: 'people',
				operation: 'search',
				filters: { custom_field_filters: { filter: [{ field: 'External Ref', condition: 'range', minimum: '1' }] } },
			});
			expect(range.error?.message).toMatch(/a range needs a number, currency, percentage or date field/);
		});
	});

	describe('custom fields output by name', () => {
		it('maps custom_fields to {name: readable value} with one definitions request for all items', async () => {
			const michael = h.sandbox.store.all('people').find((p) => (p as { name: string }).name === 'Michael Scott') as { id: number };
			const peter = h.sandbox.store.all('people').find((p) => (p as { name: string }).name === 'Peter Gibbons') as { id: number };
			const result = await h.run(
				{ resource: 'people', operation: 'get', person_id: '={{ $json.id }}', customFieldsOutput: 'byName' },
				{ items: [{ id: michael.id }, { id: peter.id }, { id: michael.id }] },
			);
			expect(result.error).toBeUndefined();
			expect(definitionRequests()).toHaveLength(1);
			// The definitions, and one search by ids for the three items (two distinct people).
			expect(h.sandbox.requests).toHaveLength(2);
			const [first, second] = jsonOf(result);
			expect(first.custom_fields).toEqual({
				Industry: 'Retail',
				Interests: ['Product A', 'Product B'],
				'External Ref': null,
				VIP: true,
				'Referred By': null,
			});
			expect((second.custom_fields as IDataObject).Industry).toBeNull();
		});

		it('uses computed values when asked for them, and ISO dates for Date fields', async () => {
			const created = await h.run({
				resource: 'companies',
				operation: 'create',
				name: 'Output Dates Ltd',
				customFieldsOutput: 'byName',
				queryParameters: { custom_field_computed_values: true },
				additionalFields: {
					custom_fields_by_name: {
						field: [
							{ field: 'Contract Date', value: '2024-03-04T05:06:07Z' },
							{ field: 'Industry', value: 'Healthcare' },
						],
					},
				},
			});
			expect(created.error).toBeUndefined();
			expect(definitionRequests()).toHaveLength(1);
			expect(jsonOf(created)[0].custom_fields).toMatchObject({
				'Contract Date': '2024-03-04T05:06:07.000Z',
				Industry: 'Healthcare',
				'Annual Revenue': null,
			});
		});

		it('maps search results and leaves the raw output (and the definitions) alone otherwise', async () => {
			const mapped = await h.run({ resource: 'companies', operation: 'search', returnAll: true, customFieldsOutput: 'byName' });
			expect(mapped.error).toBeUndefined();
			const dunder = jsonOf(mapped).find((record) => record.name === 'Dunder Mifflin (sample)')!;
			expect(dunder.custom_fields).toMatchObject({ Industry: 'Retail', 'Annual Revenue': 1200000 });
			expect(definitionRequests()).toHaveLength(1);
			h.sandbox.clearRequests();
			const raw = await h.run({ resource: 'companies', operation: 'search', returnAll: true });
			expect(Array.isArray(jsonOf(raw)[0].custom_fields)).toBe(true);
			expect(definitionRequests()).toHaveLength(0);
		});
	});
});
