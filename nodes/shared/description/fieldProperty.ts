/**
 * One catalog field → one n8n property: the n8n type for each field type, dropdowns loaded from the
 * account, record pickers (From List / By ID / By URL), nested objects and lists.
 */
import type { INodeProperties, INodePropertyOptions, IDisplayOptions } from 'n8n-workflow';

import type { FieldSpec, RecordKind } from '../catalog';
import type { CustomFieldShape } from '../service';
import { DYNAMIC_DESCRIPTION, type BaseProperty } from './basics';
import { ACCOUNT_ID_HINT, RECORD_ID_HINT } from './builderHints';
import { customFieldFiltersByNameProperty, customFieldsByIdProperty, customFieldsByNameProperty } from './customFieldProperties';

/** How a node offers one kind of record in a record picker (resourceLocator). */
export interface LocatorSpec {
	/** `listSearch` method of the node for "From List". */
	searchListMethod: string;
	/** Regex (one capture group: the ID) matching the vendor's web-app links to such a record, for "By URL". */
	urlRegex: string;
	urlPlaceholder: string;
	/** The product named in the "By URL" error, e.g. "Copper". */
	product: string;
}

/** What a node supplies so that catalog markers become dropdowns, record pickers and custom fields by name. */
export interface SmartFieldOptions {
	/** Record pickers by kind; a `locator` without an entry here stays a plain ID field. */
	locators?: Partial<Record<RecordKind, LocatorSpec>>;
	/** The node's `loadOptions` methods; `loadOptionsMethod` on id, list and string fields is honoured only when listed. */
	loadOptionsMethods?: string[];
	/** `loadOptions` method listing the custom fields of the operation's entity by name. */
	customFieldsMethod?: string;
	/** The service's custom-field keys (custom fields by ID are entered under its ID key). */
	customFieldShape?: CustomFieldShape;
}

/** "Assignee ID" → "Assignee Name or ID", as n8n names dynamic dropdowns. */
const nameOrId = (label: string): string =>
	/ IDs$/.test(label) ? label.replace(/ IDs$/, ' Names or IDs') : / ID$/.test(label) ? label.replace(/ ID$/, ' Name or ID') : label;

const DYNAMIC_TYPES = ['id', 'string', 'stringId', 'idList', 'stringList'];

function locatorProperty(field: FieldSpec, locator: LocatorSpec, base: BaseProperty): INodeProperties {
	return {
		...base,
		...RECORD_ID_HINT,
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
				validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: `${base.displayName}: not a valid ID (digits only)` } }],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: locator.urlPlaceholder,
				validation: [
					{
						type: 'regex',
						properties: { regex: locator.urlRegex, errorMessage: `${base.displayName}: not a link to a ${locator.product} ${field.locator} record` },
					},
				],
				extractValue: { type: 'regex', regex: locator.urlRegex },
			},
		],
	} as INodeProperties;
}

/** An ID or list field filled from the account (a `loadOptions` method of the node). */
function dynamicProperty(field: FieldSpec, base: BaseProperty): INodeProperties {
	const multi = field.type === 'idList' || field.type === 'stringList';
	return {
		...base,
		...ACCOUNT_ID_HINT,
		displayName: nameOrId(field.label),
		description: field.description ? `${field.description}. ${DYNAMIC_DESCRIPTION}.` : `${DYNAMIC_DESCRIPTION}.`,
		type: multi ? 'multiOptions' : 'options',
		typeOptions: { loadOptionsMethod: field.loadOptionsMethod, loadOptionsDependsOn: field.loadOptionsDependsOn },
		default: multi ? [] : '',
	} as INodeProperties;
}

function optionsProperty(field: FieldSpec, base: BaseProperty): INodeProperties {
	const multi = field.type === 'multiOptions';
	const options: INodePropertyOptions[] = (field.options ?? []).map((option) => ({
		name: option.name,
		value: option.value as string,
		...(option.description ? { description: option.description } : {}),
	}));
	return {
		...base,
		...(field.loadOptionsMethod ? ACCOUNT_ID_HINT : {}),
		type: multi ? 'multiOptions' : 'options',
		options: field.loadOptionsMethod ? undefined : options,
		typeOptions: field.loadOptionsMethod
			? { loadOptionsMethod: field.loadOptionsMethod, loadOptionsDependsOn: field.loadOptionsDependsOn }
			: undefined,
		default: field.default ?? (multi ? [] : (options[0]?.value ?? '')),
	} as INodeProperties;
}

function nestedProperty(field: FieldSpec, base: BaseProperty, smart?: SmartFieldOptions): INodeProperties {
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
}

export function fieldToProperty(field: FieldSpec, displayOptions?: IDisplayOptions, smart?: SmartFieldOptions): INodeProperties {
	const base: BaseProperty = {
		displayName: field.label,
		name: field.name,
		description: field.description,
		placeholder: field.placeholder,
		required: field.required || undefined,
		...(displayOptions ? { displayOptions } : {}),
	};
	const locator = field.locator && field.type === 'id' ? smart?.locators?.[field.locator] : undefined;
	if (locator) return locatorProperty(field, locator, base);
	const hasMethod = !!field.loadOptionsMethod && !!smart?.loadOptionsMethods?.includes(field.loadOptionsMethod);
	if (hasMethod && DYNAMIC_TYPES.includes(field.type)) return dynamicProperty(field, base);
	switch (field.type) {
		case 'number': {
			const bounds = { ...(field.min !== undefined ? { minValue: field.min } : {}), ...(field.max !== undefined ? { maxValue: field.max } : {}) };
			return { ...base, type: 'number', default: (field.default as number) ?? 0, typeOptions: { ...bounds, numberPrecision: 2 } } as INodeProperties;
		}
		case 'boolean':
			return { ...base, type: 'boolean', default: (field.default as boolean) ?? false } as INodeProperties;
		case 'options':
		case 'multiOptions':
			return optionsProperty(field, base);
		case 'dateTime':
			return { ...base, type: 'dateTime', default: '' } as INodeProperties;
		case 'json':
			return { ...base, type: 'json', default: (field.default as string) ?? '' } as INodeProperties;
		case 'object':
		case 'list':
			return nestedProperty(field, base, smart);
		case 'customFieldsByName':
			return customFieldsByNameProperty(base, smart?.customFieldsMethod);
		case 'customFieldFiltersByName':
			return customFieldFiltersByNameProperty(base, smart?.customFieldsMethod);
		case 'customFields':
			return customFieldsByIdProperty(base, smart?.customFieldShape?.idKey);
		default:
			return {
				...base,
				type: 'string',
				default: (field.default as string) ?? '',
				...(field.multiline ? { typeOptions: { rows: 4 } } : {}),
			} as INodeProperties;
	}
}
