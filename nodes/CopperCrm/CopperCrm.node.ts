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
