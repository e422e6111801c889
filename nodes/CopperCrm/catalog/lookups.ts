/** §3.6–3.10 Pipelines, Pipeline Stages, Customer Sources, Loss Reasons and Contact Types. */
import type { OperationSpec } from '../../shared/catalog';
import { lookupIdParam } from './fields';

export const pipelineOperations: OperationSpec[] = [
	{
		docId: 'PL-1',
		resource: 'pipelines',
		value: 'list',
		title: 'List Pipelines',
		method: 'GET',
		path: '/pipelines',
		kind: 'read',
	},
];

export const pipelineStageOperations: OperationSpec[] = [
	{
		docId: 'PS-1',
		resource: 'pipelineStages',
		value: 'list',
		title: 'List Pipeline Stages',
		method: 'GET',
		path: '/pipeline_stages',
		kind: 'read',
	},
	{
		docId: 'PS-2',
		resource: 'pipelineStages',
		value: 'listByPipeline',
		title: 'List Stages in a Pipeline',
		method: 'GET',
		path: '/pipeline_stages/pipeline/{pipeline_id}',
		kind: 'read',
		pathParams: [lookupIdParam('pipeline_id', 'Pipeline ID', 'getPipelines')],
	},
];

export const customerSourceOperations: OperationSpec[] = [
	{
		docId: 'CS-1',
		resource: 'customerSources',
		value: 'list',
		title: 'List Customer Sources',
		method: 'GET',
		path: '/customer_sources',
		kind: 'read',
	},
];

export const lossReasonOperations: OperationSpec[] = [
	{
		docId: 'LR-1',
		resource: 'lossReasons',
		value: 'list',
		title: 'List Loss Reasons',
		method: 'GET',
		path: '/loss_reasons',
		kind: 'read',
	},
];

export const contactTypeOperations: OperationSpec[] = [
	{
		docId: 'CT-1',
		resource: 'contactTypes',
		value: 'list',
		title: 'List Contact Types',
		method: 'GET',
		path: '/contact_types',
		kind: 'read',
	},
];

/** All lookup operations, in document order. */
export const lookupOperations: OperationSpec[] = [
	...pipelineOperations,
	...pipelineStageOperations,
	...customerSourceOperations,
	...lossReasonOperations,
	...contactTypeOperations,
];
