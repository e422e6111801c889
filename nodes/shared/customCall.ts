/**
 * The "Custom API Call" operation: any method, path, query and JSON body, sent with the node's
 * credential and the same retries, optionally paginated; a path the catalog lists as a bulk
 * endpoint gets the bulk throttle too.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { HttpMethod, OperationKind } from './catalog';
import { paginationProperties } from './description/paginationProperties';
import { valueContext, type RunContext } from './execution/runContext';
import { unsafePathReason } from './transport/paths';
import type { ApiRequest } from './transport/transport';
import { fieldError } from './values/context';
import { convertValue } from './values/conversion';

export const CUSTOM_CALL_RESOURCE = 'customApiCall';
export const CUSTOM_CALL_OPERATION = 'customApiCall';

const show = (extra: Record<string, Array<string | boolean>> = {}) => ({
	show: { resource: [CUSTOM_CALL_RESOURCE], ...extra },
});

export function customCallProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: show(),
			options: [
				{
					name: 'Custom API Call',
					value: CUSTOM_CALL_OPERATION,
					action: 'Custom API call',
					description: 'Send any request to the API with this credential',
				},
			],
			default: CUSTOM_CALL_OPERATION,
		},
		{
			displayName: 'Method',
			name: 'customMethod',
			type: 'options',
			options: ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'].map((method) => ({ name: method, value: method })),
			default: 'GET',
			displayOptions: show(),
		},
		{
			displayName: 'Path',
			name: 'customPath',
			type: 'string',
			default: '',
			required: true,
			placeholder: '/people/search',
			description: 'Path relative to the base URL of the credential, starting with /',
			displayOptions: show(),
		},
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
