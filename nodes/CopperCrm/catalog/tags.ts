/** §3.19 Tags. */
import type { OperationSpec } from '../../shared/catalog';
import { sortByField } from './fields';

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
