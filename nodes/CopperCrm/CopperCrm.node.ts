import { type IExecuteFunctions, type INodeType, type INodeTypeDescription, NodeConnectionTypes } from 'n8n-workflow';

import { executeService, selectedOperation } from '../shared/execute';
import { buildProperties } from '../shared/properties';
import { prepareCustomFields } from './methods/customFields';
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
		subtitle: '={{$parameter["resource"] + ": " + $parameter["operation"]}}',
		description: 'Every documented Copper CRM API operation: records, searches, bulk writes and more',
		defaults: { name: 'Copper CRM' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'copperCrmApi', required: true, displayOptions: { show: { authentication: ['apiKey'] } } },
			{ name: 'copperCrmOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
		],
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
		const op = selectedOperation(this, copperService);
		// Custom field definitions: loaded at most once for this execution, before the per-item loop.
		const mapOutput = await prepareCustomFields(this, copperService, op);
		const result = await executeService(this, copperService);
		return mapOutput ? [mapOutput(result[0]), ...result.slice(1)] : result;
	}
}
