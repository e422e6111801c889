/** §3.13 Activities (including Activity Types). */
import type { FieldSpec, OperationSpec } from '../../shared/catalog';
import { singularEntities } from './entities';
import { activityTypesFilter, dateRangeFilters, idListFilter, idParam, activitySlice } from './fields';

const resource = 'activities';
const activityId = idParam('activity_id', 'Activity ID');

const details: FieldSpec = { name: 'details', label: 'Details', type: 'string', multiline: true };
const activityDate: FieldSpec = {
	name: 'activity_date',
	label: 'Activity Date',
	type: 'dateTime',
	dateFormat: 'unixSeconds',
};

/** Fields of one new activity, shared by create and bulk create. */
const activityCreateFields: FieldSpec[] = [
	{
		name: 'parent_type',
		label: 'Parent Type',
		type: 'options',
		bodyPath: 'parent.type',
		required: true,
		options: singularEntities,
		default: 'person',
		description: 'Type of the record the activity is logged on',
	},
	{
		name: 'parent_id',
		label: 'Parent ID',
		type: 'id',
		bodyPath: 'parent.id',
		required: true,
		description: 'ID of the record the activity is logged on',
	},
	{
		name: 'type_category',
		label: 'Type Category',
		type: 'options',
		bodyPath: 'type.category',
		required: true,
		options: [
			{ name: 'User', value: 'user' },
			{ name: 'System', value: 'system' },
		],
		default: 'user',
		description: 'Only user activities can be created; system activities are read-only',
	},
	{
		name: 'type_id',
		label: 'Type ID',
		type: 'id',
		bodyPath: 'type.id',
		required: true,
		loadOptionsMethod: 'getUserActivityTypes',
		description: 'A user activity type (List Activity Types); Note = 0',
	},
	{ ...details, required: true },
	activityDate,
	{ name: 'user_id', label: 'User ID', type: 'id', loadOptionsMethod: 'getUsers' },
];

export const activityOperations: OperationSpec[] = [
	{
		docId: 'A-1',
		resource,
		value: 'get',
		title: 'Fetch an Activity by ID',
		method: 'GET',
		path: '/activities/{activity_id}',
		kind: 'read',
		description: 'Deleted activities are returned as stubs like the delete response',
		pathParams: [activityId],
	},
	{
		docId: 'A-2',
		resource,
		value: 'create',
		title: 'Create a New Activity',
		method: 'POST',
		path: '/activities',
		kind: 'create',
		bulkVariant: { operation: 'bulkCreate' },
		body: activityCreateFields,
	},
	{
		docId: 'A-3',
		resource,
		value: 'bulkCreate',
		title: 'Bulk Create Activities',
		method: 'POST',
		path: '/activities/bulk_create',
		kind: 'create',
		bulk: { key: 'activities', maxPerRequest: 10 },
		body: activityCreateFields,
	},
	{
		docId: 'A-4',
		resource,
		value: 'update',
		title: 'Update an Activity',
		method: 'PUT',
		path: '/activities/{activity_id}',
		kind: 'update',
		description: 'Partial update; user activities only',
		note: 'Secondary-sourced (☑️): the doc page URL is known and the call was live-tested by an independent implementation, but the page text was not seen; the body is assumed to take details and activity_date.',
		pathParams: [activityId],
		body: [details, activityDate],
	},
	{
		docId: 'A-5',
		resource,
		value: 'delete',
		title: 'Delete an Activity',
		method: 'DELETE',
		path: '/activities/{activity_id}',
		kind: 'delete',
		pathParams: [activityId],
	},
	{
		docId: 'A-6',
		resource,
		value: 'search',
		title: 'List Activities (Search)',
		method: 'POST',
		path: '/activities/search',
		kind: 'read',
		description: 'Results come newest first',
		note: 'No sort_by/sort_direction: Copper’s OpenAPI lists them but Copper rejects sort parameters on activities (PostHog). user_ids comes from the OpenAPI only.',
		paginated: true,
		slice: activitySlice,
		alwaysSendBody: true,
		body: [
			{
				name: 'parent_type',
				label: 'Parent Type',
				type: 'options',
				bodyPath: 'parent.type',
				options: singularEntities,
				default: 'person',
				description: 'Only activities on records of this type (use with Parent ID)',
			},
			{
				name: 'parent_id',
				label: 'Parent ID',
				type: 'id',
				bodyPath: 'parent.id',
				description: 'Only activities on this record (use with Parent Type)',
			},
			activityTypesFilter,
			...dateRangeFilters('activity', 'Activity'),
			{
				name: 'full_result',
				label: 'Full Result',
				type: 'boolean',
				default: false,
				description: 'Whether to use the admin-only full search: faster, but may return duplicates',
			},
			idListFilter('user_ids', 'User IDs', 'The users who logged the activities', 'getUsers'),
		],
	},
	{
		docId: 'A-7',
		resource,
		value: 'listTypes',
		title: 'List Activity Types',
		method: 'GET',
		path: '/activity_types',
		kind: 'read',
		description: 'User and system types are returned together',
		flattenObjectOfArrays: true,
	},
];
