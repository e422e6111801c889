/** §3.21 Webhooks (subscriptions). */
import type { FieldSpec, OperationSpec } from '../../shared/catalog';
import { idParam } from './fields';

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
