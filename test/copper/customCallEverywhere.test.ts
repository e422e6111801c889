/**
 * The Custom API Call ends every Resource and Operation list of both action nodes, so n8n appends
 * none of its own (it skips a list whose last option is named "Custom API Call"); chosen from a
 * resource's Operation list it runs through the engine from that resource's endpoints; a workflow
 * saved with n8n's own option fails with an error that names the way out.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { copperOperations, copperResources } from '../../nodes/CopperCrm/catalog';
import { ocoyaOperations, ocoyaResources } from '../../nodes/Ocoya/catalog';
import { CopperCrm } from '../../nodes/CopperCrm/CopperCrm.node';
import { Ocoya } from '../../nodes/Ocoya/Ocoya.node';
import { customCallStart } from '../../nodes/shared/customCall';
import { jsonOf, useCopperSandbox } from '../helpers/copper';
import { useOcoyaSandbox } from '../helpers/ocoya';

const listsOf = (properties: INodeProperties[]) =>
	properties.filter((prop) => ['resource', 'operation'].includes(prop.name) && Array.isArray(prop.options));

describe('Custom API Call in every list', () => {
	it.each([
		['Copper CRM', new CopperCrm().description.properties, 21 + 1],
		['Ocoya', new Ocoya().description.properties, 7 + 1],
	])('%s: every Resource and Operation list ends with "Custom API Call", none carries n8n\'s value', (_name, properties, operationLists) => {
		const lists = listsOf(properties);
		expect(lists.filter((prop) => prop.name === 'operation')).toHaveLength(operationLists);
		for (const list of lists) {
			const options = list.options as INodePropertyOptions[];
			expect(options.at(-1)).toMatchObject({ name: 'Custom API Call', value: 'customApiCall' });
		}
		expect(JSON.stringify(properties)).not.toContain('__CUSTOM_API_CALL__');
	});

	it('starts each resource from one of its own endpoints', () => {
		for (const resource of copperResources) {
			const own = copperOperations.filter((op) => op.resource === resource.value);
			const start = customCallStart(own);
			expect(own.some((op) => op.method === start.method && op.path === start.path)).toBe(true);
		}
		expect(customCallStart(copperOperations.filter((op) => op.resource === 'people'))).toEqual({ method: 'POST', path: '/people/search' });
	});
});

describe('Custom API Call chosen from a resource (Copper)', () => {
	const h = useCopperSandbox();

	it('runs with the resource\'s method and path defaults through the engine, paged', async () => {
		const result = await h.run({ resource: 'people', operation: 'customApiCall', customPaginate: true, returnAll: true });
		expect(result.error).toBeUndefined();
		const people = h.sandbox.store.all('people');
		expect(jsonOf(result).map((person) => person.id).sort()).toEqual(people.map((person) => (person as { id: number }).id).sort());
		expect(h.sandbox.requests.every((request) => request.method === 'POST' && request.path.endsWith('/people/search'))).toBe(true);
	});

	it.each(copperResources.map((resource) => [resource.value] as const))('%s: its Custom API Call reaches the resource\'s starting endpoint', async (resource) => {
		const start = customCallStart(copperOperations.filter((op) => op.resource === resource));
		const parameters = { resource, operation: 'customApiCall', ...(start.path.includes('{') ? { customPath: start.path.replace(/\{\w+\}/g, '1') } : {}) };
		const result = await h.run(parameters);
		// The API may refuse a bare call (a missing body field): then with its own message, never as an unknown operation.
		if (result.error) expect(result.error.name).toBe('NodeApiError');
		const [request] = h.sandbox.requests;
		expect(request.method).toBe(start.method);
		expect(request.path).toBe(start.path.replace(/\{\w+\}/g, '1'));
	});

	it('runs a changed method and path with the node\'s credential', async () => {
		const result = await h.run({ resource: 'companies', operation: 'customApiCall', customMethod: 'GET', customPath: '/account' });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0].name).toBeDefined();
		expect(h.sandbox.requests.at(-1)?.headers['x-pw-accesstoken']).toBe('test-api-key');
	});

	it('names the Path when a {placeholder} was left in it, before any request', async () => {
		const result = await h.run({ resource: 'people', operation: 'customApiCall', customMethod: 'GET', customPath: '/people/{id}' });
		expect(result.error?.message).toContain('Path');
		expect(h.sandbox.requests).toHaveLength(0);
	});

	it.each([
		['operation', { resource: 'people', operation: '__CUSTOM_API_CALL__' }],
		['resource', { resource: '__CUSTOM_API_CALL__' }],
	])('a workflow saved with n8n\'s own option (%s) gets an error naming the way out', async (_where, parameters) => {
		const result = await h.run(parameters);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain('Custom API Call');
		expect(result.error?.description).toContain('last entry of every Operation list');
		expect(h.sandbox.requests).toHaveLength(0);
	});
});

describe('Custom API Call chosen from a resource (Ocoya)', () => {
	const h = useOcoyaSandbox();

	it.each(ocoyaResources.map((resource) => [resource.value] as const))('%s: its Custom API Call reaches the resource\'s starting endpoint', async (resource) => {
		const start = customCallStart(ocoyaOperations.filter((op) => op.resource === resource));
		const path = start.path.replace(/\{\w+\}/g, 'x1');
		const result = await h.run({ resource, operation: 'customApiCall', ...(path !== start.path ? { customPath: path } : {}) });
		if (result.error) expect(result.error.name).toBe('NodeApiError');
		expect(h.sandbox.requests[0]).toMatchObject({ method: start.method });
		expect(h.sandbox.requests[0].path).toBe(path);
	});

	it('runs with the resource\'s defaults', async () => {
		const result = await h.run({ resource: 'user', operation: 'customApiCall' });
		expect(result.error).toBeUndefined();
		expect(h.sandbox.requests.at(-1)).toMatchObject({ method: 'GET' });
		expect(h.sandbox.requests.at(-1)?.path).toMatch(/\/me$/);
	});
});
