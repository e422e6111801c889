/** §3.16 Connections (Connect Fields) and §3.17 Related Items. */
import type { FieldOption, FieldSpec, OperationSpec } from '../../shared/catalog';
import { pluralEntities, singularEntities } from './entities';
import { idParam } from './fields';

/* ---------------------------------------------------------------- Connections */

const connections = 'connections';

/** `source_type` values of `GET /related_links` (the doc’s mix of plural and singular names). */
const connectionSourceTypes: FieldOption[] = [
	{ name: 'People', value: 'people' },
	{ name: 'Opportunity', value: 'opportunity' },
	{ name: 'Lead', value: 'lead' },
	{ name: 'Company', value: 'company' },
	{ name: 'Project', value: 'project' },
	{ name: 'User', value: 'user' },
];

const sourceTypeQuery: FieldSpec = {
	name: 'source_type',
	label: 'Source Type',
	type: 'options',
	required: true,
	options: connectionSourceTypes,
	default: 'people',
	description: 'Type of the record whose connections are listed',
};

const sourceIdQuery: FieldSpec = {
	name: 'source_id',
	label: 'Source ID',
	type: 'id',
	required: true,
	description: 'ID of the record whose connections are listed',
};

/** The Connect custom field a connection belongs to (its dropdown lists only Connect fields). */
const connectFieldId: FieldSpec = {
	name: 'custom_field_definition_id',
	label: 'Custom Field Definition ID',
	type: 'id',
	required: true,
	loadOptionsMethod: 'getCustomFieldDefinitions',
	description: 'The Connect custom field',
};

/** `{id, entity_type}` endpoint of a connection, as two flat fields. */
const connectionEnd = (end: 'source' | 'target', label: string): FieldSpec[] => [
	{
		name: `${end}_id`,
		label: `${label} ID`,
		type: 'id',
		required: true,
		bodyPath: `${end}.id`,
	},
	{
		name: `${end}_entity_type`,
		label: `${label} Entity Type`,
		type: 'options',
		required: true,
		bodyPath: `${end}.entity_type`,
		options: singularEntities,
		default: 'lead',
	},
];

export const connectionOperations: OperationSpec[] = [
	{
		docId: 'CN-1',
		resource: connections,
		value: 'list',
		title: 'List all connections on specified entity',
		method: 'GET',
		path: '/related_links',
		kind: 'read',
		query: [sourceTypeQuery, sourceIdQuery],
	},
	{
		docId: 'CN-2',
		resource: connections,
		value: 'listByField',
		title: 'List the connections on specified entity for a specific custom-field-definition-id',
		method: 'GET',
		path: '/related_links',
		kind: 'read',
		query: [
			connectFieldId,
			sourceTypeQuery,
			sourceIdQuery,
		],
	},
	{
		docId: 'CN-3',
		resource: connections,
		value: 'create',
		title: 'Create a connection',
		method: 'POST',
		path: '/related_links',
		kind: 'create',
		note: 'The body entity_type values are assumed to be the singular entity names; the only example shows "lead".',
		body: [
			connectFieldId,
			...connectionEnd('source', 'Source'),
			...connectionEnd('target', 'Target'),
		],
	},
	{
		docId: 'CN-4',
		resource: connections,
		value: 'delete',
		title: 'Delete a connection',
		method: 'DELETE',
		path: '/related_links/{connection_id}',
		kind: 'delete',
		pathParams: [idParam('connection_id', 'Connection ID')],
	},
];

/* -------------------------------------------------------------- Related Items */

const relatedItems = 'relatedItems';

const entityParams: FieldSpec[] = [
	{
		name: 'entity',
		label: 'Entity',
		type: 'options',
		required: true,
		options: pluralEntities,
		default: 'people',
		description: 'Type of the record whose relations are read or changed',
	},
	idParam('entity_id', 'Entity ID'),
];

const relatedResourceBody: FieldSpec[] = [
	{
		name: 'resource_id',
		label: 'Related Record ID',
		type: 'id',
		required: true,
		bodyPath: 'resource.id',
	},
	{
		name: 'resource_type',
		label: 'Related Record Type',
		type: 'options',
		required: true,
		bodyPath: 'resource.type',
		options: singularEntities,
		default: 'company',
	},
];

export const relatedItemOperations: OperationSpec[] = [
	{
		docId: 'R-1',
		resource: relatedItems,
		value: 'list',
		title: 'View all records related to an Entity',
		method: 'GET',
		path: '/{entity}/{entity_id}/related',
		kind: 'read',
		pathParams: entityParams,
	},
	{
		docId: 'R-2',
		resource: relatedItems,
		value: 'listByType',
		title: 'View all records of a given Entity Type related to an Entity',
		method: 'GET',
		path: '/{entity}/{entity_id}/related/{related_entity}',
		kind: 'read',
		pathParams: [
			...entityParams,
			{
				name: 'related_entity',
				label: 'Related Entity',
				type: 'options',
				required: true,
				options: pluralEntities,
				default: 'opportunities',
				description: 'Type of the related records to list',
			},
		],
	},
	{
		docId: 'R-3',
		resource: relatedItems,
		value: 'relate',
		title: 'Relate an existing record to an Entity',
		method: 'POST',
		path: '/{entity}/{entity_id}/related',
		kind: 'create',
		pathParams: entityParams,
		body: relatedResourceBody,
	},
	{
		docId: 'R-4',
		resource: relatedItems,
		value: 'unrelate',
		title: 'Remove relationship between record and Entity',
		method: 'DELETE',
		path: '/{entity}/{entity_id}/related',
		kind: 'delete',
		description: 'Sends the related record in a JSON body',
		alwaysSendBody: true,
		pathParams: entityParams,
		body: relatedResourceBody,
	},
];
