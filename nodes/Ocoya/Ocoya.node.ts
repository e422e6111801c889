import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { serviceCredentials } from '../shared/authentication';
import { buildProperties } from '../shared/description/nodeProperties';
import { operationSubtitle } from '../shared/description/subtitle';
import { executeService } from '../shared/execution/router';
import { loadOptions } from './methods/loadOptions';
import { ocoyaService } from './service';

export class Ocoya implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ocoya',
		name: 'ocoya',
		icon: { light: 'file:../../icons/ocoya.svg', dark: 'file:../../icons/ocoya.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(ocoyaService),
		description: 'Schedule social posts and generate AI content with Ocoya',
		defaults: { name: 'Ocoya' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: serviceCredentials(ocoyaService),
		properties: buildProperties(ocoyaService),
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions) {
		return await executeService(this, ocoyaService, () => this.continueOnFail());
	}
}
