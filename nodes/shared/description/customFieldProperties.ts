/**
 * The custom-field screens: custom fields by definition ID, custom fields picked by name (with a
 * value in the field's own type), search filters on custom fields by name, and the output option
 * that shows returned custom fields by name.
 */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { CUSTOM_FIELDS_OUTPUT } from '../parameters';
import { DYNAMIC_DESCRIPTION, type BaseProperty } from './basics';

/** The "Field" picker of one entry: the node's custom-fields dropdown, or plain text without one. */
function fieldPicker(method: string | undefined): INodeProperties {
	return method
		? {
				displayName: 'Field Name or ID',
				name: 'field',
				type: 'options',
				typeOptions: { loadOptionsMethod: method },
				default: '',
				description: DYNAMIC_DESCRIPTION,
			}
		: { displayName: 'Field Name or ID', name: 'field', type: 'string', default: '' };
}

function repeated(base: BaseProperty, placeholder: string, name: string, displayName: string, values: INodeProperties[]): INodeProperties {
	return {
		...base,
		type: 'fixedCollection',
		placeholder,
		default: {},
		typeOptions: { multipleValues: true },
		options: [{ name, displayName, values }],
	} as INodeProperties;
}

export function customFieldsByNameProperty(base: BaseProperty, method: string | undefined): INodeProperties {
	return repeated(base, 'Add Custom Field', 'field', 'Field', [
		fieldPicker(method),
		{
			displayName: 'Value',
			name: 'value',
			type: 'string',
			default: '',
			description:
				"In the field's own type: text; a number; true/false; a date-time; an option name (or ID) for a dropdown; comma-separated option names (or IDs) for a multi-select. Empty clears the field.",
		},
	]);
}

const CONDITION: INodeProperties = {
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
};

const bound = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	displayOptions: { show: { condition: ['range'] } },
	description,
});

export function customFieldFiltersByNameProperty(base: BaseProperty, method: string | undefined): INodeProperties {
	return repeated(base, 'Add Custom Field Filter', 'filter', 'Filter', [
		fieldPicker(method),
		CONDITION,
		{
			displayName: 'Include Empty',
			name: 'includeEmpty',
			type: 'boolean',
			default: false,
			displayOptions: { hide: { condition: ['empty'] } },
			description: 'Whether records without a value also match',
		},
		bound('Maximum', 'maximum', 'A number or a date-time; empty for no upper bound'),
		bound('Minimum', 'minimum', 'A number or a date-time; empty for no lower bound'),
		{
			displayName: 'Value',
			name: 'value',
			type: 'string',
			default: '',
			displayOptions: { show: { condition: ['is', 'any', 'all', 'none'] } },
			description: "In the field's own type; option names (or IDs), comma-separated",
		},
	]);
}

/** Custom fields by definition ID; `idKey` is the service's key of the definition ID. */
export function customFieldsByIdProperty(base: BaseProperty, idKey = 'definitionId'): INodeProperties {
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
					{ displayName: 'Field Definition ID', name: idKey, type: 'string', default: '' },
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'Text, number, true/false, an option ID, or a JSON array of option IDs for multi-select fields',
					},
				],
			},
		],
	} as INodeProperties;
}

export function customFieldsOutputProperty(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Custom Fields Output',
		name: CUSTOM_FIELDS_OUTPUT,
		type: 'options',
		default: 'raw',
		description: 'How the custom fields of the returned records are shown',
		options: [
			{ name: 'By Name', value: 'byName', description: 'An object of field name → readable value (option names, ISO dates)' },
			{ name: 'Raw', value: 'raw', description: 'As the API returns them: a list of {definition ID, value}' },
		],
		displayOptions,
	};
}
