/**
 * The Copper CRM catalog: every documented operation of §3 of the Copper API
 * catalog, one entry each, grouped by resource in the files of this folder.
 */
import type { OperationSpec, ResourceSpec } from '../../shared/catalog';
import { accountOperations } from './account';
import { activityOperations } from './activities';
import { companyOperations } from './companies';
import { customActivityTypeOperations } from './customActivityTypes';
import { customFieldDefinitionOperations } from './customFieldDefinitions';
import { fieldLayoutOperations } from './fieldLayouts';
import { fileOperations } from './files';
import { fileUploadOperations } from './fileUploads';
import { leadOperations } from './leads';
import { lookupOperations } from './lookups';
import { opportunityOperations } from './opportunities';
import { peopleOperations } from './people';
import { projectOperations } from './projects';
import { connectionOperations, relatedItemOperations } from './relations';
import { tagOperations } from './tags';
import { taskOperations } from './tasks';
import { webhookOperations } from './webhooks';

export const copperResources: ResourceSpec[] = [
	{ name: 'Account & User', value: 'accountAndUsers', description: 'Account details and users' },
	{ name: 'Lead', value: 'leads' },
	{ name: 'Person', value: 'people' },
	{ name: 'Company', value: 'companies' },
	{ name: 'Opportunity', value: 'opportunities' },
	{ name: 'Pipeline', value: 'pipelines' },
	{ name: 'Pipeline Stage', value: 'pipelineStages' },
	{ name: 'Customer Source', value: 'customerSources' },
	{ name: 'Loss Reason', value: 'lossReasons' },
	{ name: 'Contact Type', value: 'contactTypes' },
	{ name: 'Project', value: 'projects' },
	{ name: 'Task', value: 'tasks' },
	{ name: 'Activity', value: 'activities' },
	{ name: 'Custom Field Definition', value: 'customFieldDefinitions' },
	{ name: 'Custom Activity Type', value: 'customActivityTypes' },
	{ name: 'Connection', value: 'connections', description: 'Connect-field links between records' },
	{ name: 'Related Item', value: 'relatedItems' },
	{ name: 'Field Layout', value: 'fieldLayouts' },
	{ name: 'Tag', value: 'tags' },
	{ name: 'File', value: 'files', description: 'Files attached to records' },
	{ name: 'Webhook', value: 'webhooks', description: 'Webhook subscriptions' },
];

export const copperOperations: OperationSpec[] = [
	...accountOperations,
	...leadOperations,
	...peopleOperations,
	...companyOperations,
	...opportunityOperations,
	...lookupOperations,
	...projectOperations,
	...taskOperations,
	...activityOperations,
	...customFieldDefinitionOperations,
	...customActivityTypeOperations,
	...connectionOperations,
	...relatedItemOperations,
	...fieldLayoutOperations,
	...tagOperations,
	...fileOperations,
	...fileUploadOperations,
	...webhookOperations,
];
