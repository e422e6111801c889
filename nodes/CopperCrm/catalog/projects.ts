/** §3.11 Projects. */
import type { FieldSpec, OperationSpec } from '../../shared/catalog';
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

const resource = 'projects';
const projectId = recordIdParam('project_id', 'Project ID', 'project');
/** Custom fields of projects: by name on writes and searches, and the by-name output. */
const customFields = { customFieldEntity: 'project', customFieldOutput: true };

/** Writable fields shared by the create and update of projects (besides `name`). */
const projectFields: FieldSpec[] = [
	relatedResourceField,
	userIdField('assignee_id', 'Assignee ID'),
	{
		name: 'status',
		label: 'Status',
		type: 'options',
		options: [
			{ name: 'Open', value: 'Open' },
			{ name: 'Completed', value: 'Completed' },
		],
		default: 'Open',
	},
	{ name: 'details', label: 'Details', type: 'string', multiline: true },
	tagsField,
	customFieldsField,
	customFieldsByNameField,
];

export const projectOperations: OperationSpec[] = [
	{
		docId: 'PR-1',
		resource,
		value: 'get',
		...customFields,
		title: 'Fetch a Project by ID',
		method: 'GET',
		path: '/projects/{project_id}',
		kind: 'read',
		pathParams: [projectId],
		query: [computedValuesQuery],
	},
	{
		docId: 'PR-2',
		resource,
		value: 'create',
		...customFields,
		title: 'Create a New Project',
		method: 'POST',
		path: '/projects',
		kind: 'create',
		query: [computedValuesQuery],
		body: [{ name: 'name', label: 'Name', type: 'string', required: true }, ...projectFields],
	},
	{
		docId: 'PR-3',
		resource,
		value: 'update',
		...customFields,
		title: 'Update a Project',
		method: 'PUT',
		path: '/projects/{project_id}',
		kind: 'update',
		description: 'Partial update',
		pathParams: [projectId],
		query: [computedValuesQuery],
		body: [{ name: 'name', label: 'Name', type: 'string' }, ...projectFields],
	},
	{
		docId: 'PR-4',
		resource,
		value: 'delete',
		title: 'Delete a Project',
		method: 'DELETE',
		path: '/projects/{project_id}',
		kind: 'delete',
		pathParams: [projectId],
	},
	{
		docId: 'PR-5',
		resource,
		value: 'search',
		...customFields,
		title: 'List Projects (Search)',
		method: 'POST',
		path: '/projects/search',
		kind: 'read',
		paginated: true,
		alwaysSendBody: true,
		query: [computedValuesQuery],
		body: [
			idsFilter,
			sortByField(['name', 'assigned_to', 'related_to', 'status', 'date_modified', 'date_created'], 'name'),
			sortDirectionField,
			{ name: 'name', label: 'Name', type: 'string' },
			idListFilter('assignee_ids', 'Assignee IDs', undefined, 'getUsers'),
			idListFilter('status_ids', 'Status IDs', 'Comma-separated project status IDs'),
			tagsFilter,
			followedFilter,
			...dateRangeFilters('created', 'Created'),
			...dateRangeFilters('modified', 'Modified'),
			customFieldFilters,
			customFieldFiltersByName,
		],
	},
];
