/** §3.18 Field Layouts. */
import type { OperationSpec } from '../../shared/catalog';
import { pluralEntities } from './entities';

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
