/** §3.12 Tasks. */
import type { FieldOption, FieldSpec, OperationSpec } from '../../shared/catalog';
import {
	computedValuesQuery,
	customFieldFilters,
	customFieldFiltersByName,
	customFieldsByNameField,
	customFieldsField,
	dateRangeFilters,
	followedFilter,
	idListFilter,
	idsFilter,
	recordIdParam,
	relatedResourceField,
	sortByField,
	sortDirectionField,
	tagsField,
	tagsFilter,
	userIdField,
} from './fields';

const resource = 'tasks';
const taskId = recordIdParam('task_id', 'Task ID', 'task');
/** Custom fields of tasks: by name on writes and searches, and the by-name output. */
const customFields = { customFieldEntity: 'task', customFieldOutput: true };

const priorityOptions: FieldOption[] = [
	{ name: 'None', value: 'None' },
	{ name: 'High', value: 'High' },
];

const statusOptions: FieldOption[] = [
	{ name: 'Open', value: 'Open' },
	{ name: 'Completed', value: 'Completed' },
];

/** Writable fields shared by the create and update of tasks (besides `name`). */
const taskFields: FieldSpec[] = [
	relatedResourceField,
	userIdField('assignee_id', 'Assignee ID'),
	{ name: 'due_date', label: 'Due Date', type: 'dateTime', dateFormat: 'unixSeconds' },
	{ name: 'reminder_date', label: 'Reminder Date', type: 'dateTime', dateFormat: 'unixSeconds' },
	{ name: 'priority', label: 'Priority', type: 'options', options: priorityOptions, default: 'None' },
	{
		name: 'status',
		label: 'Status',
		type: 'options',
		options: statusOptions,
		default: 'Open',
		description: '`completed_date` is set automatically when a task is completed',
	},
	{ name: 'details', label: 'Details', type: 'string', multiline: true },
	tagsField,
	customFieldsField,
	customFieldsByNameField,
];

export const taskOperations: OperationSpec[] = [
	{
		docId: 'T-1',
		resource,
		value: 'get',
		...customFields,
		title: 'Fetch a Task by ID',
		method: 'GET',
		path: '/tasks/{task_id}',
		kind: 'read',
		pathParams: [taskId],
		query: [computedValuesQuery],
	},
	{
		docId: 'T-2',
		resource,
		value: 'create',
		...customFields,
		title: 'Create a New Task',
		method: 'POST',
		path: '/tasks',
		kind: 'create',
		query: [computedValuesQuery],
		body: [{ name: 'name', label: 'Name', type: 'string', required: true }, ...taskFields],
	},
	{
		docId: 'T-3',
		resource,
		value: 'update',
		...customFields,
		title: 'Update a Task',
		method: 'PUT',
		path: '/tasks/{task_id}',
		kind: 'update',
		description: 'Partial update',
		pathParams: [taskId],
		query: [computedValuesQuery],
		body: [{ name: 'name', label: 'Name', type: 'string' }, ...taskFields],
	},
	{
		docId: 'T-4',
		resource,
		value: 'delete',
		title: 'Delete a Task',
		method: 'DELETE',
		path: '/tasks/{task_id}',
		kind: 'delete',
		pathParams: [taskId],
	},
	{
		docId: 'T-5',
		resource,
		value: 'search',
		...customFields,
		title: 'List Tasks (Search)',
		method: 'POST',
		path: '/tasks/search',
		kind: 'read',
		paginated: true,
		alwaysSendBody: true,
		note: 'name, phrase, related_resource, priorities and the reminder, completed and close date ranges come from Copper’s OpenAPI only (seen through generated clients); priorities are assumed to take the task priority values None/High.',
		query: [computedValuesQuery],
		body: [
			idsFilter,
			sortByField(
				[
					'name',
					'assigned_to',
					'related_to',
					'status',
					'priority',
					'due_date',
					'reminder_date',
					'completed_date',
					'date_created',
					'date_modified',
				],
				'due_date',
			),
			sortDirectionField,
			{ name: 'name', label: 'Name', type: 'string' },
			{ name: 'phrase', label: 'Phrase', type: 'string', description: 'Text to search for' },
			{ ...relatedResourceField, description: 'Only tasks related to this record' },
			idListFilter('assignee_ids', 'Assignee IDs', undefined, 'getUsers'),
			idListFilter('opportunity_ids', 'Opportunity IDs'),
			idListFilter('project_ids', 'Project IDs'),
			{ name: 'statuses', label: 'Statuses', type: 'multiOptions', options: statusOptions, default: [] },
			{ name: 'priorities', label: 'Priorities', type: 'multiOptions', options: priorityOptions, default: [] },
			tagsFilter,
			followedFilter,
			...dateRangeFilters('due', 'Due'),
			...dateRangeFilters('reminder', 'Reminder'),
			...dateRangeFilters('completed', 'Completed'),
			...dateRangeFilters('close', 'Close'),
			...dateRangeFilters('created', 'Created'),
			...dateRangeFilters('modified', 'Modified'),
			customFieldFilters,
			customFieldFiltersByName,
		],
	},
];
