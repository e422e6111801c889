import { type IExecuteFunctions, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { executeService } from '../shared/execute';
import { buildProperties } from '../shared/properties';
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
		inputs: ['main'],
		outputs: ['main'],
		credentials: [
			{ name: 'copperCrmApi', required: true, displayOptions: { show: { authentication: ['apiKey'] } } },
			{ name: 'copperCrmOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
		],
		properties: buildProperties(copperService),
	};

	async execute(this: IExecuteFunctions) {
		return await executeService(this, copperService);
	}
}
