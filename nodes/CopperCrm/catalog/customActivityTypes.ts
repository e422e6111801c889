/** §3.15 Custom Activity Types. */
import type { FieldOption, FieldSpec, OperationSpec } from '../../shared/catalog';
import { lookupIdParam } from './fields';

const resource = 'customActivityTypes';
const customActivityTypeId = lookupIdParam('custom_activity_type_id', 'Custom Activity Type ID', 'getCustomActivityTypes');

const iconTypes: FieldOption[] = [
	'Message',
	'Phone',
	'Event',
	'Assignment',
	'Assessment',
	'Group',
	'Description',
	'Speaker Notes',
	'Forum',
	'Web',
	'Loyalty',
	'Content Paste',
	'Headset',
	'Share',
	'Navigation',
	'Notification',
	'Voicemail',
	'Room',
	'Edit',
	'Send',
	'Videocam',
	'Play Arrow',
	'Grocery Store',
	'Mic',
	'Camera Mic',
	'Todo',
].map((value) => ({ name: value, value }));

const iconTypeField: FieldSpec = {
	name: 'icon_type',
	label: 'Icon Type',
	type: 'options',
	options: iconTypes,
	default: 'Message',
};

export const customActivityTypeOperations: OperationSpec[] = [
	{
		docId: 'CAT-1',
		resource,
		value: 'list',
		title: 'List All Custom Activity Types',
		method: 'GET',
		path: '/custom_activity_types',
		kind: 'read',
	},
	{
		docId: 'CAT-2',
		resource,
		value: 'get',
		title: 'Get Custom Activity Type',
		method: 'GET',
		path: '/custom_activity_types/{custom_activity_type_id}',
		kind: 'read',
		pathParams: [customActivityTypeId],
	},
	{
		docId: 'CAT-3',
		resource,
		value: 'create',
		title: 'Create a New Custom Activity Type',
		method: 'POST',
		path: '/custom_activity_types',
		kind: 'create',
		body: [
			{ name: 'name', label: 'Name', type: 'string', required: true },
			{ ...iconTypeField, required: true },
		],
	},
	{
		docId: 'CAT-4',
		resource,
		value: 'update',
		title: 'Update an Existing Custom Activity Type',
		method: 'PUT',
		path: '/custom_activity_types/{custom_activity_type_id}',
		kind: 'update',
		pathParams: [customActivityTypeId],
		body: [{ name: 'name', label: 'Name', type: 'string' }, iconTypeField],
	},
];
