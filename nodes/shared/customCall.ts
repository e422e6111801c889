/**
 * The "Custom API Call": any method, path, query and JSON body, sent with the node's credential and
 * the same retries, optionally paginated; a path the catalog lists as a bulk endpoint gets the bulk
 * throttle too. It is a resource of its own and the last operation of every resource (starting from
 * that resource's endpoints), so every list ends with it and n8n appends no option of its own.
 */
import type { IDataObject, IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { HttpMethod, OperationKind, OperationSpec, ResourceSpec } from './catalog';
import { paginationProperties } from './description/paginationProperties';
import { valueContext, type RunContext } from './execution/runContext';
import { unsafePathReason } from './transport/paths';
import type { ApiRequest } from './transport/transport';
import { fieldError } from './values/context';
import { convertValue } from './values/conversion';

export const CUSTOM_CALL_RESOURCE = 'customApiCall';
export const CUSTOM_CALL_OPERATION = 'customApiCall';
/** The name n8n looks for at the end of a Resource or Operation list before it appends its own option. */
export const CUSTOM_CALL_NAME = 'Custom API Call';
/** The value n8n's own appended option saved in workflows (n8n cannot run it for this package). */
export const N8N_CUSTOM_CALL_VALUE = '__CUSTOM_API_CALL__';

/** Shown whenever the Custom API Call is chosen: as a resource, or as the operation of any resource. */
const show = (extra: Record<string, Array<string | boolean>> = {}) => ({
	show: { operation: [CUSTOM_CALL_OPERATION], ...extra },
});

/** The option that ends every Operation list: the Custom API Call, starting from that resource's endpoints. */
export function customCallOption(resourceName?: string): INodePropertyOptions {
	return {
		name: CUSTOM_CALL_NAME,
		value: CUSTOM_CALL_OPERATION,
		action: resourceName ? `Custom API call for ${resourceName.toLowerCase()}` : 'Custom API call',
		description: resourceName
			? `Send any request with this credential, starting from the ${resourceName} endpoints`
			: 'Send any request to the API with this credential',
	};
}

/** Where a resource's Custom API Call starts: a list or search of it if there is one, else its first endpoint. */
export function customCallStart(operations: OperationSpec[]): { method: HttpMethod; path: string } {
	const open = operations.filter((op) => !op.pathParams?.length);
	const start = open.find((op) => op.paginated) ?? open.find((op) => op.kind === 'read') ?? open[0] ?? operations[0];
	return { method: start.method, path: start.path };
}

function methodAndPath(displayOptions: IDisplayOptions, method: HttpMethod, path: string, placeholder: string): INodeProperties[] {
	return [
		{
			displayName: 'Method',
			name: 'customMethod',
			type: 'options',
			options: ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'].map((value) => ({ name: value, value })),
			default: method,
			displayOptions,
		},
		{
			displayName: 'Path',
			name: 'customPath',
			type: 'string',
			default: path,
			required: true,
			placeholder,
			description: 'Path relative to the base URL of the credential, starting with /',
			displayOptions,
		},
	];
}

/** Method and Path of the Custom API Call: empty for the Custom API Call resource, a resource's endpoint under it. */
function startProperties(resources: ResourceSpec[], operations: OperationSpec[]): INodeProperties[] {
	const own = { show: { resource: [CUSTOM_CALL_RESOURCE] } };
	return [
		...methodAndPath(own, 'GET', '', '/people/search'),
		...resources.flatMap((resource) => {
			const start = customCallStart(operations.filter((op) => op.resource === resource.value));
			const displayOptions = { show: { resource: [resource.value], operation: [CUSTOM_CALL_OPERATION] } };
			return methodAndPath(displayOptions, start.method, start.path, start.path);
		}),
	];
}

export function customCallProperties(resources: ResourceSpec[], operations: OperationSpec[]): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [CUSTOM_CALL_RESOURCE] } },
			options: [customCallOption()],
			default: CUSTOM_CALL_OPERATION,
		},
		...startProperties(resources, operations),
		{ displayName: 'Query Parameters (JSON)', name: 'customQuery', type: 'json', default: '{}', displayOptions: show() },
		{
			displayName: 'Body (JSON)',
			name: 'customBody',
			type: 'json',
			default: '',
			description: 'Leave empty to send no body',
			displayOptions: show({ customMethod: ['POST', 'PUT', 'PATCH', 'DELETE'] }),
		},
		{
			displayName: 'Paginate',
			name: 'customPaginate',
			type: 'boolean',
			default: false,
			description: 'Whether to page through a list response with the API’s page parameters',
			displayOptions: show(),
		},
		...paginationProperties(show({ customPaginate: [true] })),
	];
}

export interface CustomCall {
	request: ApiRequest;
	kind: OperationKind;
	paginated: boolean;
}

export function buildCustomCall(run: RunContext, itemIndex: number): CustomCall {
	const { fn, service } = run;
	const ctx = valueContext(run, itemIndex);
	const method = fn.getNodeParameter('customMethod', itemIndex) as HttpMethod;
	const path = String(fn.getNodeParameter('customPath', itemIndex, '')).trim();
	if (!path.startsWith('/') || path.startsWith('//')) {
		throw fieldError(ctx, 'Path', 'must start with a single "/" and be relative to the base URL');
	}
	if (/[?#\s]/.test(path)) throw fieldError(ctx, 'Path', 'put query parameters in "Query Parameters (JSON)"');
	if (/[{}]/.test(path)) throw fieldError(ctx, 'Path', 'replace each {placeholder} with a value');
	const unsafe = unsafePathReason(path);
	if (unsafe) throw fieldError(ctx, 'Path', `must stay inside the credential's base URL, but ${unsafe}`);
	const json = (name: string, label: string, fallback: string) =>
		convertValue({ name, label, type: 'json' }, fn.getNodeParameter(name, itemIndex, fallback), ctx);
	const qs = json('customQuery', 'Query Parameters (JSON)', '{}') as IDataObject | undefined;
	if (Array.isArray(qs)) throw fieldError(ctx, 'Query Parameters (JSON)', 'expected a JSON object');
	const body = method === 'GET' ? undefined : json('customBody', 'Body (JSON)', '');
	const reads = method === 'GET' || /\/search$/.test(path);
	const kind: OperationKind = reads ? 'read' : method === 'POST' ? 'create' : 'update';
	const bulk = service.operations.some((op) => op.bulk && op.method === method && op.path === path);
	return {
		request: { method, path, qs: qs && Object.keys(qs).length ? qs : undefined, body, ...(bulk ? { bulk } : {}) },
		kind,
		paginated: fn.getNodeParameter('customPaginate', itemIndex, false) as boolean,
	};
}
