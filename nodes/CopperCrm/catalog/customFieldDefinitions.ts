/** §3.14 Custom Fields (definitions and search). */
import type { FieldOption, FieldSpec, OperationSpec, RecordKind } from '../../shared/catalog';
import {
	computedValuesQuery,
	customFieldFilters,
	customFieldFiltersByName,
	lookupIdParam,
	sortDirectionField,
	createdSlice,
} from './fields';
import { pluralEntities, singularEntities } from './entities';

const resource = 'customFieldDefinitions';
const definitionId = lookupIdParam('custom_field_definition_id', 'Custom Field Definition ID', 'getCustomFieldDefinitions');

const dataTypes: FieldOption[] = [
	'Checkbox',
	'Currency',
	'Date',
	'Dropdown',
	'Float',
	'MultiSelect',
	'Percentage',
	'String',
	'Text',
	'URL',
].map((value) => ({ name: value, value }));

/** The entities a definition can be available on, labelled from entities.ts (in the order of Copper's `available_on` docs). */
const availableOn: FieldOption[] = (['lead', 'person', 'opportunity', 'company', 'project', 'task'] as RecordKind[]).map(
	(kind) => singularEntities.find((entity) => entity.value === kind)!,
);

const dataTypeField: FieldSpec = {
	name: 'data_type',
	label: 'Data Type',
	type: 'options',
	options: dataTypes,
	default: 'String',
};

/** Writable fields of a definition shared by create and update (besides name, data_type, canonical_name). */
const definitionFields: FieldSpec[] = [
	{
		name: 'available_on',
		label: 'Available On',
		type: 'multiOptions',
		options: availableOn,
		default: [],
		description: 'Record types the field appears on',
	},
	{
		name: 'is_filterable',
		label: 'Is Filterable',
		type: 'boolean',
		default: false,
		description: 'Whether the field can be used in search filters',
	},
	{
		name: 'options',
		label: 'Options',
		type: 'list',
		description: 'Choices of a Dropdown (at least 1) or MultiSelect (at least 2)',
		fields: [{ name: 'name', label: 'Name', type: 'string' }],
	},
	{
		name: 'currency',
		label: 'Currency',
		type: 'string',
		maxLength: 3,
		placeholder: 'USD',
		description: 'Three-letter currency code, for Currency fields',
	},
];

export const customFieldDefinitionOperations: OperationSpec[] = [
	{
		docId: 'CF-1',
		resource,
		value: 'list',
		title: 'List Custom Field Definitions',
		method: 'GET',
		path: '/custom_field_definitions',
		kind: 'read',
	},
	{
		docId: 'CF-2',
		resource,
		value: 'get',
		title: 'Fetch a Custom Field Definition',
		method: 'GET',
		path: '/custom_field_definitions/{custom_field_definition_id}',
		kind: 'read',
		pathParams: [definitionId],
	},
	{
		docId: 'CF-3',
		resource,
		value: 'create',
		title: 'Create a new custom field definition',
		method: 'POST',
		path: '/custom_field_definitions',
		kind: 'create',
		body: [
			{ name: 'name', label: 'Name', type: 'string', required: true },
			{ ...dataTypeField, required: true },
			{
				name: 'canonical_name',
				label: 'Canonical Name',
				type: 'string',
				description: 'The "Field Key"; Copper downcases it',
			},
			...definitionFields,
		],
	},
	{
		docId: 'CF-4',
		resource,
		value: 'update',
		title: 'Update an existing custom field definition',
		method: 'PUT',
		path: '/custom_field_definitions/{custom_field_definition_id}',
		kind: 'update',
		description: 'Partial update',
		pathParams: [definitionId],
		body: [{ name: 'name', label: 'Name', type: 'string' }, dataTypeField, ...definitionFields],
	},
	{
		docId: 'CF-5',
		resource,
		value: 'delete',
		title: 'Delete a Custom Field Definition',
		method: 'DELETE',
		path: '/custom_field_definitions/{custom_field_definition_id}',
		kind: 'delete',
		pathParams: [definitionId],
	},
	{
		docId: 'CF-6',
		resource,
		value: 'searchEntity',
		title: 'Search Entity (Leads, People, etc) by Custom Field',
		method: 'POST',
		path: '/{entity_name_in_plural}/search',
		kind: 'read',
		description: 'The entity’s own search, filtered by custom field values',
		customFieldEntity: '{entity_name_in_plural}',
		customFieldOutput: true,
		requireAnyOf: ['custom_fields', 'custom_field_filters'],
		paginated: true,
		slice: createdSlice,
		alwaysSendBody: true,
		pathParams: [
			{
				name: 'entity_name_in_plural',
				label: 'Entity',
				type: 'options',
				required: true,
				options: pluralEntities,
				default: 'people',
			},
		],
		query: [computedValuesQuery],
		body: [
			{ ...customFieldFilters, primary: true },
			customFieldFiltersByName,
			{
				name: 'sort_by',
				label: 'Sort By',
				type: 'string',
				description: 'A sort field allowed by the entity’s List (Search) operation, e.g. date_modified',
			},
			sortDirectionField,
		],
	},
];
