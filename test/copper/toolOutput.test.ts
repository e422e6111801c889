/**
 * The tool output of Copper reads, through the real engine against the sandbox: the node's AI tool
 * variant (`copperCrmTool`, as n8n builds it for a usableAsTool node) answers Simplified records by
 * default, Selected Fields or Full on request; the node itself, writes and error items are unchanged.
 * n8n-workflow's own parameter resolution decides what `@tool` shows, on both engines.
 */
import { NodeHelpers, type IDataObject, type INode, type INodeParameters } from 'n8n-workflow';

import { CopperCrm } from '../../nodes/CopperCrm/CopperCrm.node';
import { cleanValue, selectFields, simplifyRecord, valueAt } from '../../nodes/shared/execution/toolOutput';
import { copperToolShape } from '../../nodes/CopperCrm/catalog/toolShape';
import { apiKeyCredentials, jsonOf, useCopperSandbox } from '../helpers/copper';
import { runNode } from '../../tooling/harness/engine';
import { FAST_RETRIES } from '../helpers/sandboxSuite';
import { SEED_IDS } from '../../tooling/sandbox/copper/seed';

const SEARCH_PEOPLE = { resource: 'people', operation: 'search', returnAll: false, limit: 25, filters: { sort_by: 'name' } };
const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const bytes = (records: IDataObject[]) => Buffer.byteLength(JSON.stringify(records));

/** Every value of a record, nested ones included. */
function leaves(value: unknown): unknown[] {
	if (Array.isArray(value)) return value.flatMap(leaves);
	if (value && typeof value === 'object') return Object.values(value).flatMap(leaves);
	return [value];
}

describe('Copper tool output', () => {
	const h = useCopperSandbox({ seed: 'demo' });
	const run = async (type: 'copperCrm' | 'copperCrmTool', parameters: IDataObject, continueOnFail = false) =>
		await runNode({
			type,
			parameters: { authentication: 'apiKey', requestOptions: FAST_RETRIES, ...parameters },
			credentials: apiKeyCredentials(h.sandbox) as never,
			continueOnFail,
		});
	const definitionRequests = () => h.sandbox.requests.filter((r) => r.method === 'GET' && r.path === '/custom_field_definitions');

	describe('what n8n-workflow shows', () => {
		const description = new CopperCrm().description;
		const node = (parameters: INodeParameters): INode => ({ id: '1', name: 'n', type: 'copperCrm', typeVersion: 1, position: [0, 0], parameters });
		const resolved = (parameters: INodeParameters, tool: boolean) =>
			NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node(parameters), {
				...description,
				name: tool ? 'copperCrmTool' : 'copperCrm',
			});

		it('offers Tool Output only on the tool variant, only for reads, with Simplified as the default', () => {
			const read = { authentication: 'apiKey', resource: 'people', operation: 'search' };
			expect(resolved(read, false)).not.toHaveProperty('toolOutput');
			expect(resolved(read, true)).toMatchObject({ toolOutput: 'simplified' });
			expect(resolved({ ...read, toolOutput: 'selected' }, true)).toMatchObject({ toolOutput: 'selected', toolFields: '' });
			expect(resolved({ authentication: 'apiKey', resource: 'people', operation: 'create' }, true)).not.toHaveProperty('toolOutput');
			expect(resolved({ authentication: 'apiKey', resource: 'pipelineStages', operation: 'list' }, true)).toMatchObject({ toolOutput: 'simplified' });
		});
	});

	describe('the node outside tool mode', () => {
		it('answers as before, whatever a tool-only parameter says', async () => {
			const before = jsonOf(await run('copperCrm', SEARCH_PEOPLE));
			const withParameter = jsonOf(await run('copperCrm', { ...SEARCH_PEOPLE, toolOutput: 'simplified' }));
			expect(withParameter).toEqual(before);
			expect(before).toHaveLength(25);
			expect(Array.isArray(before[0].custom_fields)).toBe(true);
			expect(typeof before[0].date_created).toBe('number');
		});
	});

	describe('the tool variant', () => {
		it('answers Simplified by default (a tool saved before the option existed): the person list, no empty values, ISO dates, custom fields by name', async () => {
			const full = jsonOf(await run('copperCrm', SEARCH_PEOPLE));
			h.sandbox.clearRequests();
			const simplified = jsonOf(await run('copperCrmTool', SEARCH_PEOPLE));
			expect(definitionRequests()).toHaveLength(1);
			expect(simplified.map((p) => p.id)).toEqual(full.map((p) => p.id));
			for (const person of simplified) {
				expect(Object.keys(person).every((key) => (copperToolShape.entities.person as string[]).includes(key))).toBe(true);
				expect(leaves(person)).not.toContain(null);
				expect(leaves(person)).not.toContain('');
				for (const email of (person.emails as unknown[]) ?? []) expect(typeof email).toBe('string');
				if (person.date_last_contacted !== undefined) expect(person.date_last_contacted).toMatch(ISO_SECONDS);
				expect(Array.isArray(person.custom_fields)).toBe(false);
			}
			const ratio = bytes(simplified) / bytes(full);
			console.log(`25 people: full ${bytes(full)} B, simplified ${bytes(simplified)} B (${(ratio * 100).toFixed(0)} %)`);
			expect(ratio).toBeLessThan(0.5);
		});

		it('gives a person its IDs, contacts, company and owner', async () => {
			const [michael] = jsonOf(await run('copperCrmTool', { resource: 'people', operation: 'get', person_id: 1000003 }));
			expect(michael).toMatchObject({
				id: 1000003,
				title: 'Regional Manager',
				company_name: 'Dunder Mifflin (sample)',
				emails: ['michael.scott@dundermifflin.com'],
				phone_numbers: ['415-123-45678'],
				assignee_id: SEED_IDS.users.owner,
			});
			expect(michael.custom_fields).toEqual(expect.objectContaining({ Industry: expect.any(String) }));
			console.log(JSON.stringify(michael));
		});

		it('gives an opportunity its stage, status, value, ISO close date and owner', async () => {
			const [opportunity] = jsonOf(await run('copperCrmTool', { resource: 'opportunities', operation: 'get', opportunity_id: 1000007 }));
			expect(opportunity).toMatchObject({
				id: 1000007,
				status: 'Open',
				pipeline_stage_id: SEED_IDS.stages.qualified,
				monetary_value: 250000,
				close_date: '2027-01-23',
				company_name: 'Dunder Mifflin (sample)',
				primary_contact_id: 1000003,
			});
			expect(opportunity.date_stage_changed).toMatch(ISO_SECONDS);
			expect(opportunity).not.toHaveProperty('details');
		});

		it('answers Full as the node does, and Selected Fields with only those fields', async () => {
			const node = jsonOf(await run('copperCrm', { ...SEARCH_PEOPLE, limit: 5 }));
			expect(jsonOf(await run('copperCrmTool', { ...SEARCH_PEOPLE, limit: 5, toolOutput: 'full' }))).toEqual(node);
			const selected = jsonOf(await run('copperCrmTool', { ...SEARCH_PEOPLE, limit: 5, toolOutput: 'selected', toolFields: 'id, name ,emails.email,nope' }));
			expect(selected).toEqual(node.map((p) => ({ id: p.id, name: p.name, 'emails.email': (p.emails as IDataObject[]).map((e) => e.email) })));
		});

		it('still answers when the custom field definitions cannot be loaded, with custom fields by definition ID', async () => {
			h.sandbox.injectFault({ method: 'GET', path: '/custom_field_definitions', status: 500, times: Infinity });
			const result = await run('copperCrmTool', { resource: 'people', operation: 'get', person_id: 1000003 });
			expect(result.error).toBeUndefined();
			const [michael] = jsonOf(result);
			expect(michael).toMatchObject({ id: 1000003, name: 'Michael Scott' });
			expect(michael.custom_fields).toEqual(expect.arrayContaining([{ custom_field_definition_id: SEED_IDS.customFields.industry, value: expect.any(Number) }]));
		});

		it('leaves writes and error items as they are', async () => {
			const [created] = jsonOf(
				await run('copperCrmTool', { resource: 'people', operation: 'create', bodySource: 'fields', name: 'Tool Written', additionalFields: {} }),
			);
			expect(created).toMatchObject({ name: 'Tool Written', prefix: null });
			expect(typeof created.date_created).toBe('number');
			const [failed] = jsonOf(await run('copperCrmTool', { resource: 'people', operation: 'get', person_id: 987654321 }, true));
			expect(failed.error).toMatch(/not found/i);
			expect(failed.httpCode).toBe('404');
		});
	});
});

describe('tool output shaping (pure)', () => {
	it('never copies a prototype key, and reads no path through one', () => {
		const hostile = JSON.parse('{"id":1,"__proto__":{"polluted":true},"nested":{"constructor":{"x":1},"ok":2}}') as IDataObject;
		const cleaned = cleanValue(hostile, copperToolShape) as IDataObject;
		expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype);
		expect(cleaned).toEqual({ id: 1, nested: { ok: 2 } });
		expect(({} as IDataObject).polluted).toBeUndefined();
		expect(valueAt(hostile, '__proto__.polluted')).toBeUndefined();
		expect(selectFields(hostile, ['__proto__', 'id'])).toEqual({ id: 1 });
	});

	it('collects values through lists once, and falls back to the cleaned record when no field matches', () => {
		expect(valueAt({ a: [{ b: 'x' }, { b: 'x' }, { b: 'y' }] }, 'a.b')).toEqual(['x', 'y']);
		expect(valueAt({ a: [{ b: 'x' }, { b: 'y' }] }, 'a.b', true)).toBe('x');
		expect(simplifyRecord({ other: 1, empty: [], none: null }, copperToolShape, ['id'])).toEqual({ other: 1 });
		expect(simplifyRecord({ id: 2, date_created: 0, close_date: 'soon' }, copperToolShape, undefined)).toEqual({
			id: 2,
			date_created: '1970-01-01T00:00:00Z',
			close_date: 'soon',
		});
	});
});
