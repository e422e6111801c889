/** §3.18 Field Layouts, §3.19 Tags, §3.20 Files and §3.21 Webhooks. */
import type { FieldOption, FieldSpec, OperationSpec } from '../../shared/catalog';
import { pluralEntities } from './entities';
import { idParam, sortByField } from './fields';

/* -------------------------------------------------------------- Field Layouts */

export const fieldLayoutOperations: OperationSpec[] = [
	{
		docId: 'FL-1',
		resource: 'fieldLayouts',
		value: 'list',
		title: 'List field layout by entity type',
		method: 'GET',
		path: '/field_layouts/by_entity/{entity_type}',
		kind: 'read',
		description: 'Entities the account does not use can return 404',
		pathParams: [
			{
				name: 'entity_type',
				label: 'Entity Type',
				type: 'options',
				required: true,
				options: pluralEntities,
				default: 'people',
			},
		],
		query: [
			{
				name: 'pipeline_id',
				label: 'Pipeline ID',
				type: 'id',
				loadOptionsMethod: 'getPipelines',
				description: 'Required for opportunities; rejected for other entities',
			},
		],
	},
];

/* ----------------------------------------------------------------------- Tags */

export const tagOperations: OperationSpec[] = [
	{
		docId: 'TG-1',
		resource: 'tags',
		value: 'list',
		title: 'List Tags',
		method: 'GET',
		path: '/tags',
		kind: 'read',
		query: [
			sortByField(['name', 'count'], 'name'),
			{
				name: 'tag_names_only',
				label: 'Tag Names Only',
				type: 'boolean',
				default: false,
				description: 'Whether to return only an array of tag names instead of tag rows with counts',
			},
			{
				name: 'last_tag_value',
				label: 'Last Tag Value',
				type: 'string',
				description: 'Cursor: the last tag name already seen (used with Tag Names Only)',
			},
		],
	},
];

/* ---------------------------------------------------------------------- Files */

const files = 'files';

/** Entity types that can hold files (no tasks). */
const fileEntities: FieldOption[] = pluralEntities.filter((option) => option.value !== 'tasks');

const fileRecordParams: FieldSpec[] = [
	{
		name: 'entity_type',
		label: 'Entity Type',
		type: 'options',
		required: true,
		options: fileEntities,
		default: 'people',
	},
	idParam('entity_id', 'Entity ID'),
];

const fileIdParam = idParam('file_id', 'File ID');

export const fileOperations: OperationSpec[] = [
	{
		docId: 'F-1',
		resource: files,
		value: 'list',
		title: 'List attached files of an entity record',
		method: 'GET',
		path: '/{entity_type}/{entity_id}/files',
		kind: 'read',
		pathParams: fileRecordParams,
	},
	{
		docId: 'F-2',
		resource: files,
		value: 'get',
		title: 'Get metadata of a specific attached file',
		method: 'GET',
		path: '/{entity_type}/{entity_id}/files/{file_id}',
		kind: 'read',
		description:
			"Name, size, type, creator and dates. Copper's API has no file download: the metadata carries no link, the content stays in Copper's storage (open it from the record in Copper)",
		pathParams: [...fileRecordParams, fileIdParam],
	},
	{
		docId: 'F-3',
		resource: files,
		value: 'getSignedUrl',
		title: 'Upload 1: Get signed S3 URL',
		method: 'GET',
		path: '/{entity_type}/{entity_id}/files/s3_signed_url',
		kind: 'read',
		description:
			'Returns the S3 form fields and URL to upload a file to; then relate it with "Relate the uploaded file to a specific entity". "Upload a File" on the record\'s resource does all three steps with the item\'s binary data',
		pathParams: fileRecordParams,
	},
	{
		docId: 'F-5',
		resource: files,
		value: 'relate',
		title: 'Relate the uploaded file to a specific entity',
		method: 'POST',
		path: '/{entity_type}/{entity_id}/files',
		kind: 'create',
		pathParams: fileRecordParams,
		body: [
			{ name: 'file_name', label: 'File Name', type: 'string', required: true, placeholder: 'picture.png' },
			{
				name: 'key',
				label: 'Key',
				type: 'string',
				required: true,
				description: 'The S3 key returned by "Upload 1: Get signed S3 URL" (body.key)',
			},
		],
	},
	{
		docId: 'F-6',
		resource: files,
		value: 'delete',
		title: 'Delete a file',
		method: 'DELETE',
		path: '/{entity_type}/{entity_id}/files/{file_id}',
		kind: 'delete',
		pathParams: [...fileRecordParams, fileIdParam],
	},
];

/* ------------------------------------------------------------------- Webhooks */

const webhooks = 'webhooks';
const subscriptionId = idParam('subscription_id', 'Subscription ID');

const webhookTarget: FieldSpec = {
	name: 'target',
	label: 'Target',
	type: 'string',
	placeholder: 'https://example.com/copper-webhook',
	description: 'The https:// URL that receives the notifications',
};

/** Optional fields shared by create and update. */
const webhookOptionalFields: FieldSpec[] = [
	{
		name: 'secret',
		label: 'Secret',
		type: 'json',
		description: 'JSON object of key/value pairs echoed as top-level fields in every notification body',
	},
	{
		name: 'headers',
		label: 'Headers',
		type: 'json',
		description: 'JSON object of HTTP headers sent with every notification',
	},
	{
		name: 'custom_field_computed_values',
		label: 'Custom Field Computed Values',
		type: 'boolean',
		default: false,
		description: 'Whether notifications carry computed custom field values',
	},
];

export const webhookOperations: OperationSpec[] = [
	{
		docId: 'W-1',
		resource: webhooks,
		value: 'create',
		title: 'Create New Subscription',
		method: 'POST',
		path: '/webhooks',
		kind: 'create',
		description: 'At most 100 active subscriptions per account',
		note: 'activity_log is listed only in the webhooks overview table; a support article says activities support "new" only, so update/delete on activity_log are unconfirmed.',
		body: [
			{ ...webhookTarget, required: true },
			{
				name: 'type',
				label: 'Type',
				type: 'options',
				required: true,
				options: [
					{ name: 'Lead', value: 'lead' },
					{ name: 'Person', value: 'person' },
					{ name: 'Company', value: 'company' },
					{ name: 'Opportunity', value: 'opportunity' },
					{ name: 'Project', value: 'project' },
					{ name: 'Task', value: 'task' },
					{ name: 'Activity Log', value: 'activity_log' },
				],
				default: 'lead',
			},
			{
				name: 'event',
				label: 'Event',
				type: 'options',
				required: true,
				options: [
					{ name: 'New', value: 'new' },
					{ name: 'Update', value: 'update' },
					{ name: 'Delete', value: 'delete' },
				],
				default: 'new',
			},
			...webhookOptionalFields,
		],
	},
	{
		docId: 'W-2',
		resource: webhooks,
		value: 'list',
		title: 'List All Subscriptions',
		method: 'GET',
		path: '/webhooks',
		kind: 'read',
	},
	{
		docId: 'W-3',
		resource: webhooks,
		value: 'get',
		title: 'View Subscription by ID',
		method: 'GET',
		path: '/webhooks/{subscription_id}',
		kind: 'read',
		pathParams: [subscriptionId],
	},
	{
		docId: 'W-4',
		resource: webhooks,
		value: 'update',
		title: 'Update a Subscription',
		method: 'PUT',
		path: '/webhooks/{subscription_id}',
		kind: 'update',
		description: 'Type and event cannot be changed',
		pathParams: [subscriptionId],
		body: [webhookTarget, ...webhookOptionalFields],
	},
	{
		docId: 'W-5',
		resource: webhooks,
		value: 'delete',
		title: 'Delete Subscription (Unsubscribe)',
		method: 'DELETE',
		path: '/webhooks/{subscription_id}',
		kind: 'delete',
		pathParams: [subscriptionId],
	},
];
