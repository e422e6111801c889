/**
 * Turns a service catalog into n8n node properties: resource and operation
 * dropdowns, then per operation its path parameters, query parameters, body
 * fields (with a Body Source choice on writes), pagination and request options.
 */
import type { INodeProperties, INodePropertyOptions, IDisplayOptions } from 'n8n-workflow';

import { authenticationProperty } from './authentication';
import type { FieldSpec, OperationSpec, RecordKind } from './catalog';
import { customCallProperties, CUSTOM_CALL_RESOURCE } from './customCall';
import type { ServiceSpec, Throttle } from './service';

/** Operations whose body is written (and so get a Body Source choice). */
export const isWrite = (op: OperationSpec): boolean => op.kind !== 'read';

const hasBody = (op: OperationSpec): boolean => (op.body?.length ?? 0) > 0 || op.bulk !== undefined;

/** The collection holding an operation's optional body fields. */
export const optionalBodyCollection = (op: OperationSpec): string => (isWrite(op) ? 'additionalFields' : 'filters');

/** How a node offers one kind of record in a record picker (resourceLocator). */
export interface LocatorSpec {
	/** `listSearch` method of the node for "From List". */
	searchListMethod: string;
	/** Regex (one capture group: the ID) matching the vendor's web-app links to such a record, for "By URL". */
	urlRegex: string;
	urlPlaceholder: string;
}

/** What a node supplies so that catalog markers become dropdowns, record pickers and custom fields by name. */
export interface SmartFieldOptions {
	/** Record pickers by kind; a `locator` without an entry here stays a plain ID field. */
	locators?: Partial<Record<RecordKind, LocatorSpec>>;
	/** The node's `loadOptions` methods; `loadOptionsMethod` on id, list and string fields is honoured only when listed. */
	loadOptionsMethods?: string[];
	/** `loadOptions` method listing the custom fields of the operation's entity by name. */
	customFieldsMethod?: string;
}

const DYNAMIC_DESCRIPTION =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

/** "Assignee ID" → "Assignee Name or ID", as n8n names dynamic dropdowns. */
const nameOrId = (label: string): string =>
	/ IDs$/.test(label) ? label.replace(/ IDs$/, ' Names or IDs') : / ID$/.test(label) ? label.replace(/ ID$/, ' Name or ID') : label;

function hasMethod(field: FieldSpec, smart?: SmartFieldOptions): boolean {
	return !!field.loadOptionsMethod && !!smart?.loadOptionsMethods?.includes(field.loadOptionsMethod);
}

function locatorProperty(field: FieldSpec, locator: LocatorSpec, base: Record<string, unknown>): INodeProperties {
	return {
		...base,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${field.locator}...`,
				typeOptions: { searchListMethod: locator.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 12345678',
				validation: [
					{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'Not a valid ID: digits only' } },
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: locator.urlPlaceholder,
				validation: [
					{
						type: 'regex',
						properties: { regex: locator.urlRegex, errorMessage: `Not a link to a Copper ${field.locator} record` },
					},
				],
				extractValue: { type: 'regex', regex: locator.urlRegex },
			},
		],
	} as INodeProperties;
}

function customFieldsByNameProperty(field: FieldSpec, base: Record<string, unknown>, smart?: SmartFieldOptions): INodeProperties {
	const method = smart?.customFieldsMethod;
	const fieldPicker = method
		? {
				displayName: 'Field Name or ID',
				name: 'field',
				type: 'options',
				typeOptions: { loadOptionsMethod: method },
				default: '',
				description: DYNAMIC_DESCRIPTION,
			}
		: { displayName: 'Field Name or ID', name: 'field', type: 'string', default: '' };
	if (field.type === 'customFieldsByName') {
		return {
			...base,
			type: 'fixedCollection',
			placeholder: 'Add Custom Field',
			default: {},
			typeOptions: { multipleValues: true },
			options: [
				{
					name: 'field',
					displayName: 'Field',
					values: [
						fieldPicker,
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							description:
								"In the field's own type: text; a number; true/false; a date-time; an option name (or ID) for a dropdown; comma-separated option names (or IDs) for a multi-select. Empty clears the field.",
						},
					],
				},
			],
		} as INodeProperties;
	}
	return {
		...base,
		type: 'fixedCollection',
		placeholder: 'Add Custom Field Filter',
		default: {},
		typeOptions: { multipleValues: true },
		options: [
			{
				name: 'filter',
				displayName: 'Filter',
				values: [
					fieldPicker,
					{
						displayName: 'Condition',
						name: 'condition',
						type: 'options',
						default: 'is',
						options: [
							{ name: 'All Of (Multi-Select)', value: 'all', description: 'Has every one of the given options' },
							{ name: 'Any Of (Dropdown, Multi-Select)', value: 'any', description: 'Has one of the given options' },
							{ name: 'Is', value: 'is', description: 'Equals the value (for options: one of them)' },
							{ name: 'Is Empty', value: 'empty', description: 'Has no value' },
							{ name: 'None Of (Multi-Select)', value: 'none', description: 'Has none of the given options' },
							{ name: 'Range (Number, Currency, Percentage, Date)', value: 'range', description: 'Between a minimum and a maximum' },
						],
					},
					{
						displayName: 'Include Empty',
						name: 'includeEmpty',
						type: 'boolean',
						default: false,
						displayOptions: { hide: { condition: ['empty'] } },
						description: 'Whether records without a value also match',
					},
					{
						displayName: 'Maximum',
						name: 'maximum',
						type: 'string',
						default: '',
						displayOptions: { show: { condition: ['range'] } },
						description: 'A number or a date-time; empty for no upper bound',
					},
					{
						displayName: 'Minimum',
						name: 'minimum',
						type: 'string',
						default: '',
						displayOptions: { show: { condition: ['range'] } },
						description: 'A number or a date-time; empty for no lower bound',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						displayOptions: { show: { condition: ['is', 'any', 'all', 'none'] } },
						description: "In the field's own type; option names (or IDs), comma-separated",
					},
				],
			},
		],
	} as INodeProperties;
}

export function fieldToProperty(field: FieldSpec, displayOptions?: IDisplayOptions, smart?: SmartFieldOptions): INodeProperties {
	const base = {
		displayName: field.label,
		name: field.name,
		description: field.description,
		placeholder: field.placeholder,
		required: field.required || undefined,
		...(displayOptions ? { displayOptions } : {}),
	};
	const locator = field.locator && field.type === 'id' ? smart?.locators?.[field.locator] : undefined;
	if (locator) return locatorProperty(field, locator, base);
	if (hasMethod(field, smart) && ['id', 'string', 'stringId', 'idList', 'stringList'].includes(field.type)) {
		const multi = field.type === 'idList' || field.type === 'stringList';
		return {
			...base,
			displayName: nameOrId(field.label),
			description: field.description ? `${field.description}. ${DYNAMIC_DESCRIPTION}.` : `${DYNAMIC_DESCRIPTION}.`,
			type: multi ? 'multiOptions' : 'options',
			typeOptions: { loadOptionsMethod: field.loadOptionsMethod, loadOptionsDependsOn: field.loadOptionsDependsOn },
			default: multi ? [] : '',
		} as INodeProperties;
	}
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
						values: (field.fields ?? []).map((sub) => fieldToProperty({ ...sub, required: false }, undefined, smart)),
					},
				],
			} as INodeProperties;
		case 'customFieldsByName':
		case 'customFieldFiltersByName':
			return customFieldsByNameProperty(field, base, smart);
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

function operationProperties(op: OperationSpec, smart?: SmartFieldOptions): INodeProperties[] {
	const props: INodeProperties[] = [];
	for (const field of op.pathParams ?? []) props.push(fieldToProperty({ ...field, required: true }, show(op), smart));
	for (const field of op.query?.filter((q) => q.required || q.primary) ?? []) props.push(fieldToProperty(field, show(op), smart));

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
		for (const field of required) props.push(fieldToProperty(field, fieldsOnly, smart));
		if (optional.length) {
			props.push({
				displayName: op.kind === 'update' && !op.bulk ? 'Update Fields' : 'Additional Fields',
				name: 'additionalFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				displayOptions: fieldsOnly,
				options: sortByName(optional.map((field) => fieldToProperty({ ...field, required: false }, undefined, smart))),
			});
		}
	} else if (hasBody(op)) {
		for (const field of required) props.push(fieldToProperty(field, show(op), smart));
		props.push({
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: show(op),
			options: sortByName([
				...optional.map((field) => fieldToProperty({ ...field, required: false }, undefined, smart)),
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
	if (op.customFieldOutput) props.push(customFieldsOutputProperty(show(op)));

	const optionalQuery = op.query?.filter((q) => !q.required && !q.primary) ?? [];
	if (optionalQuery.length) {
		props.push({
			displayName: 'Query Parameters',
			name: 'queryParameters',
			type: 'collection',
			placeholder: 'Add Parameter',
			default: {},
			displayOptions: show(op),
			options: sortByName(optionalQuery.map((field) => fieldToProperty({ ...field, required: false }, undefined, smart))),
		});
	}
	return props;
}

/** Parameter name of the output option that maps `custom_fields` by field name. */
export const CUSTOM_FIELDS_OUTPUT = 'customFieldsOutput';

export function customFieldsOutputProperty(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Custom Fields Output',
		name: CUSTOM_FIELDS_OUTPUT,
		type: 'options',
		default: 'raw',
		description: 'How the custom fields of the returned records are shown',
		options: [
			{
				name: 'By Name',
				value: 'byName',
				description: 'An object of field name → readable value (option names, ISO dates)',
			},
			{ name: 'Raw', value: 'raw', description: 'As the API returns them: a list of {definition ID, value}' },
		],
		displayOptions,
	};
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

/** Request Options names of the client-side throttles (read back by execute.retrySettings). */
export const THROTTLE_OPTION_NAMES = {
	all: { max: 'throttleMax', window: 'throttleWindowSeconds' },
	bulk: { max: 'bulkThrottleMax', window: 'bulkThrottleWindowSeconds' },
} as const;

/** The two Request Options fields of one client-side throttle: requests per window, and the window. */
function throttleOptions(
	limit: Throttle,
	names: { max: string; window: string },
	labels: { max: string; window: string },
	description: string,
): INodeProperties[] {
	const max = limit.max;
	const windowSeconds = limit.windowMs / 1000;
	return [
		{
			displayName: `Throttle: ${labels.max}`,
			name: names.max,
			type: 'number',
			default: max,
			typeOptions: { minValue: 0 },
			description,
		},
		{
			displayName: `Throttle: ${labels.window}`,
			name: names.window,
			type: 'number',
			default: windowSeconds,
			typeOptions: { minValue: 0, numberPrecision: 3 },
		},
	];
}

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
		options.push(
			...throttleOptions(
				service.throttle,
				THROTTLE_OPTION_NAMES.all,
				{ max: 'Max Requests', window: 'Window (Seconds)' },
				'Requests allowed per throttle window, counted client-side (across all executions in this n8n instance that use the same credential) so runs use the API budget without being refused (0 turns it off). Defaults to the documented limit.',
			),
		);
	}
	if (service.bulkThrottle) {
		options.push(
			...throttleOptions(
				service.bulkThrottle,
				THROTTLE_OPTION_NAMES.bulk,
				{ max: 'Max Bulk Requests', window: 'Bulk Window (Seconds)' },
				'Bulk requests allowed per bulk window (the documented bulk limit by default)',
			),
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
export function buildProperties(service: ServiceSpec, smart?: SmartFieldOptions): INodeProperties[] {
	const resources = [...service.resources].sort((a, b) => a.name.localeCompare(b.name));
	const resourceOptions: INodePropertyOptions[] = resources.map((resource) => ({
		name: resource.name,
		value: resource.value,
		...(resource.description ? { description: resource.description } : {}),
	}));
	const firstResource = resources[0].value;
	resourceOptions.push({ name: 'Custom API Call', value: CUSTOM_CALL_RESOURCE, description: 'Any method and path' });
	const props: INodeProperties[] = [
		authenticationProperty,
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
	for (const op of service.operations) props.push(...operationProperties(op, smart));
	props.push(requestOptionsProperty(service));
	return props;
}
