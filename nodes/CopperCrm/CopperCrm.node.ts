import { type IExecuteFunctions, type INodeType, type INodeTypeDescription, NodeConnectionTypes } from 'n8n-workflow';

import { serviceCredentials } from '../shared/authentication';
import { buildProperties } from '../shared/description/nodeProperties';
import { operationSubtitle } from '../shared/description/subtitle';
import { executeService } from '../shared/execution/router';
import { copperListSearch, copperLocators } from './methods/listSearch';
import { COPPER_LOAD_OPTIONS_METHODS, copperLoadOptions } from './methods/loadOptions';
import { copperService } from './service';

export class CopperCrm implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Copper CRM',
		name: 'copperCrm',
		icon: { light: 'file:../../icons/copper.svg', dark: 'file:../../icons/copper.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(copperService),
		description: 'Every documented Copper CRM API operation: records, searches, bulk writes and more',
		defaults: { name: 'Copper CRM' },
		usableAsTool: true,
		builderHint: {
			searchHint:
				'Copper CRM: read, search, create, update and delete people, companies, leads, opportunities, projects, tasks and activities. Each operation says whether it is read-only, a write or destructive. To start a workflow when a Copper record changes, use a Copper CRM trigger instead.',
			relatedNodes: [
				{ nodeType: 'n8n-nodes-copper-ocoya.copperCrmWebhookTrigger', relationHint: 'Starts a workflow the moment a Copper record is created, updated or deleted' },
				{ nodeType: 'n8n-nodes-copper-ocoya.copperCrmPollTrigger', relationHint: 'Starts a workflow on new or changed Copper records by polling, without a public webhook URL' },
				{ nodeType: 'n8n-nodes-copper-ocoya.ocoya', relationHint: 'Posts to social media about Copper deals, for example when an opportunity is won' },
			],
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: serviceCredentials(copperService),
		properties: buildProperties(copperService, {
			locators: copperLocators,
			loadOptionsMethods: COPPER_LOAD_OPTIONS_METHODS,
			customFieldsMethod: 'getCustomFieldsByName',
		}),
	};

	methods = {
		loadOptions: copperLoadOptions,
		listSearch: copperListSearch,
	};

	async execute(this: IExecuteFunctions) {
		return await executeService(this, copperService, () => this.continueOnFail());
	}
}
