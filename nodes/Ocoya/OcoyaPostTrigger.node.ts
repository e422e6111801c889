import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { authenticationProperty, serviceCredentials } from '../shared/authentication';
import { fieldToProperty } from '../shared/description/fieldProperty';
import { optionSubtitle } from '../shared/description/subtitle';
import { createTransport } from '../shared/transport/transport';
import { postStatuses, workspaceIdQuery } from './catalog/fields';
import { loadOptions } from './methods/loadOptions';
import { newestPost, pollNewPosts, pollStatusChanges, type PostState } from './trigger/poll';
import { ocoyaService } from './service';

const OCOYA_EVENTS = [
	{ name: 'New Post', value: 'newPost', description: 'A post group was created' },
	{ name: 'Post Status Changed', value: 'statusChanged', description: 'A post changed status' },
];

export class OcoyaPostTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ocoya Post Trigger',
		name: 'ocoyaPostTrigger',
		icon: { light: 'file:../../icons/ocoya.svg', dark: 'file:../../icons/ocoya.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: optionSubtitle('event', OCOYA_EVENTS),
		description: 'Starts the workflow when an Ocoya post is created or changes status (polling)',
		defaults: { name: 'Ocoya Post Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: serviceCredentials(ocoyaService),
		properties: [
			authenticationProperty,
			fieldToProperty(workspaceIdQuery),
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: OCOYA_EVENTS,
				default: 'newPost',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: postStatuses,
				default: [],
				description:
					'New Post: only posts in these statuses. Post Status Changed: only changes to these statuses (e.g. Posted or Error). Empty means any.',
			},
		],
	};

	methods = { loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const workspaceId = this.getNodeParameter('workspaceId') as string;
		const event = this.getNodeParameter('event') as string;
		const statuses = this.getNodeParameter('statuses', []) as string[];
		const transport = await createTransport(this, ocoyaService);

		if (this.getMode() === 'manual') {
			// The test event has the shape of a real one: a status change carries the previous status
			// (null, as for a post first seen in a watched status; the watermark is not read or touched).
			let posts = await newestPost(transport, workspaceId, statuses);
			if (event === 'statusChanged') posts = posts.map((post) => ({ ...post, previousStatus: null }));
			return posts.length ? [this.helpers.returnJsonArray(posts)] : null;
		}

		const staticData = this.getWorkflowStaticData('node');
		const key = `${workspaceId}:${event}:${[...statuses].sort().join(',')}`;
		const state = ((staticData[key] as IDataObject | undefined) ?? {}) as PostState;
		const posts =
			event === 'statusChanged'
				? await pollStatusChanges(transport, state, workspaceId, statuses)
				: await pollNewPosts(transport, state, workspaceId, statuses);
		staticData[key] = state as IDataObject;
		return posts.length ? [this.helpers.returnJsonArray(posts)] : null;
	}
}
