/**
 * Turns a service catalog into n8n node properties: resource and operation
 * dropdowns, then per operation its path parameters, query parameters, body
 * fields (with a Body Source choice on writes), pagination and request options.
 */
import type { INodeProperties, INodePropertyOptions, IDisplayOptions } from 'n8n-workflow';

import type { FieldSpec, OperationSpec } from './catalog';
import { customCallProperties, CUSTOM_CALL_RESOURCE } from './customCall';
import type { ServiceSpec } from './service';

/** Operations whose body is written (and so get a Body Source choice). */
export const isWrite = (op: OperationSpec): boolean => op.kind !== 'read';

const hasBody = (op: OperationSpec): boolean => (op.body?.length ?? 0) > 0 || op.bulk !== undefined;

/** The collection holding an operation's optional body fields. */
export const optionalBodyCollection = (op: OperationSpec): string => (isWrite(op) ? 'additionalFields' : 'filters');

export function fieldToProperty(field: FieldSpec, displayOptions?: IDisplayOptions): INodeProperties {
	const base = {
		displayName: field.label,
		name: field.name,
		description: field.description,
		placeholder: field.placeholder,
		required: field.required || undefined,
		...(displayOptions ? { displayOptions } : {}),
	};
	switch (field.type) {
		case 'number':
			return {
				...base,
				type: 'number',
				default: (field.default as number) ?? 0,
				typeOptions: {
					...(field.min !== undefined ? { minValue: field.min } : {}),
					...(field.max !== undefined ? { maxValue: field.max } : {}),
					numberPrecision: 2,
				},
			} as INodeProperties;
		case 'boolean':
			return { ...base, type: 'boolean', default: (field.default as boolean) ?? false };
		case 'options':
		case 'multiOptions': {
			const multi = field.type === 'multiOptions';
			const options: INodePropertyOptions[] = (field.options ?? []).map((option) => ({
				name: option.name,
				value: option.value as string,
				...(option.description ? { description: option.description } : {}),
			}));
			return {
				...base,
				type: multi ? 'multiOptions' : 'options',
				options: field.loadOptionsMethod ? undefined : options,
				typeOptions: field.loadOptionsMethod
					? { loadOptionsMethod: field.loadOptionsMethod, loadOptionsDependsOn: field.loadOptionsDependsOn }
					: undefined,
				default: field.default ?? (multi ? [] : (options[0]?.value ?? '')),
			} as INodeProperties;
		}
		case 'dateTime':
			return { ...base, type: 'dateTime', default: '' };
		case 'json':
			return { ...base, type: 'json', default: (field.default as string) ?? '' };
		case 'object':
		case 'list':
			return {
				...base,
				type: 'fixedCollection',
				default: {},
				typeOptions: { multipleValues: field.type === 'list' },
				options: [
					{
						name: field.type === 'list' ? 'values' : 'value',
						displayName: field.label,
						values: (field.fields ?? []).map((sub) => fieldToProperty({ ...sub, required: false })),
					},
				],
			} as INodeProperties;
		case 'customFields':
			return {
				...base,
				type: 'fixedCollection',
				default: {},
				typeOptions: { multipleValues: true },
				options: [
					{
						name: 'field',
						displayName: 'Field',
						values: [
							{
								displayName: 'Field Definition ID',
								name: 'custom_field_definition_id',
								type: 'string',
								default: '',
							},
							{
								displayName: 'Value',
								name: 'value',
								type: 'string',
								default: '',
								description:
									'Text, number, true/false, an option ID, or a JSON array of option IDs for multi-select fields',
							},
						],
					},
				],
			} as INodeProperties;
		case 'id':
		case 'idList':
		case 'stringList':
		case 'urlList':
		case 'stringId':
		case 'string':
		default:
			return {
				...base,
				type: 'string',
				default: (field.default as string) ?? '',
				...(field.multiline ? { typeOptions: { rows: 4 } } : {}),
			} as INodeProperties;
	}
}

const show = (op: OperationSpec, extra: Record<string, Array<string | boolean>> = {}): IDisplayOptions => ({
	show: { resource: [op.resource], operation: [op.value], ...extra },
});

function operationProperties(op: OperationSpec): INodeProperties[] {
	const props: INodeProperties[] = [];
	for (const field of op.pathParams ?? []) props.push(fieldToProperty({ ...field, required: true }, show(op)));
	for (const field of op.query?.filter((q) => q.required || q.primary) ?? []) props.push(fieldToProperty(field, show(op)));

	const onTop = (field: FieldSpec) => field.required || field.primary;
	const required = op.body?.filter(onTop) ?? [];
	const optional = op.body?.filter((field) => !onTop(field)) ?? [];
	if (isWrite(op) && hasBody(op)) {
		props.push({
			displayName: 'Body Source',
			name: 'bodySource',
			type: 'options',
			default: 'fields',
			description: 'Where the request body comes from',
			options: [
				{ name: 'Fields', value: 'fields', description: 'Fill in the documented fields below' },
				{
					name: 'Input Item',
					value: 'inputItem',
					description: "Send the incoming item's JSON as the body",
				},
				{ name: 'JSON', value: 'json', description: 'Write the body as raw JSON' },
			],
			displayOptions: show(op),
		});
		props.push({
			displayName: 'Body (JSON)',
			name: 'bodyJson',
			type: 'json',
			default: '{}',
			required: true,
			displayOptions: show(op, { bodySource: ['json'] }),
		});
		const fieldsOnly = show(op, { bodySource: ['fields'] });
		for (const field of required) props.push(fieldToProperty(field, fieldsOnly));
		if (optional.length) {
			props.push({
				displayName: op.kind === 'update' && !op.bulk ? 'Update Fields' : 'Additional Fields',
				name: 'additionalFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				displayOptions: fieldsOnly,
				options: sortByName(optional.map((field) => fieldToProperty({ ...field, required: false }))),
			});
		}
	} else if (hasBody(op)) {
		for (const field of required) props.push(fieldToProperty(field, show(op)));
		props.push({
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: show(op),
			options: sortByName([
				...optional.map((field) => fieldToProperty({ ...field, required: false })),
				{
					displayName: 'Raw JSON Filter',
					name: 'rawFilter',
					type: 'json',
					default: '{}',
					description: 'Extra body keys as JSON, merged over the fields above (for parameters not listed here)',
				} as INodeProperties,
			]),
		});
	}

	if (op.paginated) props.push(...paginationProperties(show(op)));

	const optionalQuery = op.query?.filter((q) => !q.required && !q.primary) ?? [];
	if (optionalQuery.length) {
		props.push({
			displayName: 'Query Parameters',
			name: 'queryParameters',
			type: 'collection',
			placeholder: 'Add Parameter',
			default: {},
			displayOptions: show(op),
			options: sortByName(optionalQuery.map((field) => fieldToProperty({ ...field, required: false }))),
		});
	}
	return props;
}

export function paginationProperties(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: { show: { ...displayOptions.show, returnAll: [false] } },
		},
	];
}

const sortByName = <T extends { displayName: string }>(props: T[]): T[] =>
	[...props].sort((a, b) => a.displayName.localeCompare(b.displayName));

/** Retry, timeout and client-side throttle settings; throttle defaults are the service's documented limits. */
export function requestOptionsProperty(service: ServiceSpec): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			default: 8,
			typeOptions: { minValue: 0, maxValue: 20 },
			description:
				'How often a request is retried after a rate limit (429) or, for requests that create nothing, a server error, reset or timeout',
		},
		{
			displayName: 'Max Total Wait (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			default: 180,
			typeOptions: { minValue: 0 },
			description: 'Upper bound of the time spent waiting between retries for one request',
		},
		{
			displayName: 'Initial Retry Delay (Ms)',
			name: 'initialDelayMs',
			type: 'number',
			default: 1000,
			typeOptions: { minValue: 0 },
			description: 'First backoff delay; it doubles on each retry, with jitter',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeoutMs',
			type: 'number',
			default: 60000,
			typeOptions: { minValue: 1000 },
			description: 'How long to wait for one response',
		},
	];
	if (service.throttle) {
		const max = service.throttle.max;
		const windowSeconds = service.throttle.windowMs / 1000;
		options.push(
			{
				displayName: 'Throttle: Max Requests',
				name: 'throttleMax',
				type: 'number',
				default: max,
				typeOptions: { minValue: 0 },
				description:
					'Requests allowed per throttle window, counted client-side so a run uses the API budget without being refused (0 turns it off). Defaults to the documented limit.',
			},
			{
				displayName: 'Throttle: Window (Seconds)',
				name: 'throttleWindowSeconds',
				type: 'number',
				default: windowSeconds,
				typeOptions: { minValue: 0, numberPrecision: 3 },
			},
		);
	}
	if (service.bulkThrottle) {
		const bulkMax = service.bulkThrottle.max;
		const bulkWindowSeconds = service.bulkThrottle.windowMs / 1000;
		options.push(
			{
				displayName: 'Throttle: Max Bulk Requests',
				name: 'bulkThrottleMax',
				type: 'number',
				default: bulkMax,
				typeOptions: { minValue: 0 },
				description: 'Bulk requests allowed per bulk window (the documented bulk limit by default)',
			},
			{
				displayName: 'Throttle: Bulk Window (Seconds)',
				name: 'bulkThrottleWindowSeconds',
				type: 'number',
				default: bulkWindowSeconds,
				typeOptions: { minValue: 0, numberPrecision: 3 },
			},
		);
	}
	return {
		displayName: 'Request Options',
		name: 'requestOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: sortByName(options),
	};
}

/** All properties of a catalog node: authentication, resource, operations, fields, options. */
export function buildProperties(service: ServiceSpec): INodeProperties[] {
	const resources = [...service.resources].sort((a, b) => a.name.localeCompare(b.name));
	const resourceOptions: INodePropertyOptions[] = resources.map((resource) => ({
		name: resource.name,
		value: resource.value,
		...(resource.description ? { description: resource.description } : {}),
	}));
	const firstResource = resources[0].value;
	resourceOptions.push({ name: 'Custom API Call', value: CUSTOM_CALL_RESOURCE, description: 'Any method and path' });
	const props: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'API Key', value: 'apiKey' },
				{ name: 'OAuth2', value: 'oAuth2' },
			],
			default: 'apiKey',
		},
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resourceOptions,
			default: firstResource,
		},
	];
	for (const resource of resources) {
		const ops = service.operations
			.filter((op) => op.resource === resource.value)
			.sort((a, b) => a.title.localeCompare(b.title));
		const firstOperation = ops[0].value;
		props.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: ops.map((op) => ({
				name: op.title,
				value: op.value,
				action: op.title,
				description: [`${op.method} ${op.path}`, op.description].filter(Boolean).join(' — '),
			})),
			default: firstOperation,
		});
	}
	props.push(...customCallProperties());
	for (const op of service.operations) props.push(...operationProperties(op));
	props.push(requestOptionsProperty(service));
	return props;
}
