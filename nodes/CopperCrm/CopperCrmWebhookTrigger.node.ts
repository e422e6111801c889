import {
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { authenticationProperty, serviceCredentials } from '../shared/authentication';
import { multiOptionSubtitle } from '../shared/description/subtitle';
import { copperService } from './service';
import { isAuthentic, loadRecords, parseDelivery, passesFilters, refusalOf, toItems, type UpdateFilter } from './trigger/deliveries';
import { eventOptions } from './trigger/events';
import { judgeDelivery } from './trigger/replay';
import {
	copperTransport,
	createSubscriptions,
	deleteSubscriptions,
	stateOf,
	subscriptionsExist,
} from './trigger/subscriptions';

export class CopperCrmWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Copper CRM Webhook Trigger',
		name: 'copperCrmWebhookTrigger',
		icon: { light: 'file:../../icons/copper.svg', dark: 'file:../../icons/copper.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: multiOptionSubtitle('events', eventOptions),
		description: 'Starts the workflow when Copper records are created, updated or deleted (webhooks)',
		defaults: { name: 'Copper CRM Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: serviceCredentials(copperService),
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName: 'Copper only delivers to https:// URLs: run n8n behind https and set its WEBHOOK_URL.',
				name: 'httpsNotice',
				type: 'notice',
				default: '',
			},
			authenticationProperty,
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: eventOptions,
				default: [],
				required: true,
				description: 'One Copper subscription is created per event',
			},
			{
				displayName: 'Fetch Full Records',
				name: 'fetchRecords',
				type: 'boolean',
				default: true,
				description:
					'Whether to load the records of each delivery (one search per delivery); deleted records keep only their ID',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Custom Field Computed Values',
						name: 'computedValues',
						type: 'boolean',
						default: false,
						description: 'Whether fetched records include computed custom field values (option names)',
					},
					{
						displayName: 'Only When Changed',
						name: 'updateFilters',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true },
						default: {},
						description:
							'For update events: emit only when one of these fields changed (optionally to a given value), e.g. pipeline_stage_id, status, assignee_id',
						options: [
							{
								name: 'filter',
								displayName: 'Filter',
								values: [
									{ displayName: 'Field', name: 'field', type: 'string', default: '', placeholder: 'status' },
									{
										displayName: 'To Value',
										name: 'toValue',
										type: 'string',
										default: '',
										description: 'Only when the new value equals this; leave empty for any change',
									},
								],
							},
						],
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const events = this.getNodeParameter('events') as string[];
				return await subscriptionsExist(this, events, this.getNodeWebhookUrl('default') as string);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const events = this.getNodeParameter('events') as string[];
				const options = this.getNodeParameter('options', {}) as IDataObject;
				await createSubscriptions(this, events, this.getNodeWebhookUrl('default') as string, !!options.computedValues);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				await deleteSubscriptions(this);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const body = this.getBodyData();
		const state = stateOf(this);
		if (!isAuthentic(state.secret, body, this.getHeaderData() as IDataObject)) {
			this.getResponseObject().status(401).json({ message: 'Unauthorized' });
			return { noWebhookResponse: true };
		}
		const refusal = refusalOf(body);
		if (refusal) {
			this.getResponseObject().status(413).json({ message: refusal });
			return { noWebhookResponse: true };
		}
		const delivery = parseDelivery(body);
		if (delivery) {
			const verdict = judgeDelivery(this.getWorkflowStaticData('node'), delivery);
			if (verdict === 'duplicate') {
				this.getResponseObject().status(200).json({ message: 'Duplicate delivery: already processed' });
				return { noWebhookResponse: true };
			}
			if (verdict === 'stale' || verdict === 'future') {
				const message = verdict === 'stale' ? 'Delivery too old: its timestamp is outside the replay window' : 'Delivery timestamp is in the future';
				this.getResponseObject().status(400).json({ message });
				return { noWebhookResponse: true };
			}
		}
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const filters = ((options.updateFilters as IDataObject | undefined)?.filter ?? []) as UpdateFilter[];
		if (!delivery || !passesFilters(delivery, filters)) return {};
		const fetch = this.getNodeParameter('fetchRecords', true) as boolean;
		const records = fetch ? await loadRecords(await copperTransport(this), delivery, !!options.computedValues) : undefined;
		// Answered here, before n8n starts the execution: n8n saves the static data (the delivery's key)
		// when the answer is sent, and the execution loads it from the database when it starts. With n8n's
		// own answer ("onReceived") the execution started first and the key was lost (seen in n8n 2.41.1).
		this.getResponseObject().status(200).json({ message: 'Workflow was started' });
		return { workflowData: [this.helpers.returnJsonArray(toItems(delivery, records))], noWebhookResponse: true };
	}
}
