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
		builderHint: {
			searchHint:
				'Ocoya social media: list workspaces and social profiles, list, create (draft or schedule), update and delete posts, generate AI captions. Every post operation needs a workspace ID from the Workspace list. To start a workflow when a post is published or fails, use the Ocoya Post Trigger instead.',
			relatedNodes: [
				{ nodeType: 'n8n-nodes-copper-ocoya.ocoyaPostTrigger', relationHint: 'Starts a workflow when an Ocoya post changes status (scheduled, posted, failed)' },
				{ nodeType: 'n8n-nodes-copper-ocoya.copperCrm', relationHint: 'The CRM whose won deals and customers the posts are often about' },
			],
		},
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
