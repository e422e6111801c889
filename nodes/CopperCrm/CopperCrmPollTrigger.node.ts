import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { authenticationProperty, serviceCredentials } from '../shared/authentication';
import { sortByName } from '../shared/description/basics';
import { fieldToProperty } from '../shared/description/fieldProperty';
import { pairSubtitle } from '../shared/description/subtitle';
import { customFieldsOf } from '../shared/execution/customFieldDefinitions';
import { placeField } from '../shared/values/bodyPaths';
import { isEmpty, type ValueContext } from '../shared/values/context';
import { copperOperations } from './catalog';
import { COPPER_ENTITIES } from './catalog/entities';
import { copperLoadOptions } from './methods/loadOptions';
import { copperService } from './service';
import { copperTransport } from './trigger/subscriptions';
import { newest, pollRecords, queryFor, type PollState } from './trigger/poll';

/** The record entities, and activities. */
const ENTITIES = sortByName([
	{ displayName: 'Activity', value: 'activities' },
	...COPPER_ENTITIES.map((entity) => ({ displayName: entity.label, value: entity.plural })),
]).map(({ displayName, value }) => ({ name: displayName, value }));

const CUSTOM_FIELDS_METHOD = 'getCustomFieldsByName';

/** Search filters the trigger sets itself. */
const CONTROLLED = /^(sort_by|sort_direction|(minimum|maximum)_(created|modified|activity)_date|ids)$/;

/** The entity's "List … (Search)" catalog entry, whose filters the trigger offers. */
const searchOf = (entity: string) =>
	copperOperations.find((op) => op.method === 'POST' && op.path === `/${entity}/search` && op.paginated && op.resource === entity) ??
	copperOperations.find((op) => op.path === `/${entity}/search`);

function filterProperties(): INodeProperties[] {
	return ENTITIES.map(({ value }) => {
		const fields = (searchOf(value)?.body ?? []).filter((field) => !field.required && !CONTROLLED.test(field.name));
		return {
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: { show: { entity: [value] } },
			options: sortByName(
				fields.map((field) =>
					fieldToProperty({ ...field, required: false }, undefined, {
						customFieldsMethod: CUSTOM_FIELDS_METHOD,
						customFieldShape: copperService.customFields?.shape,
					}),
				),
			),
		} as INodeProperties;
	});
}

const POLL_EVENTS = [
	{ name: 'New', value: 'new', description: 'Records created since the last poll' },
	{ name: 'New or Updated', value: 'newOrUpdated', description: 'Records created or changed since the last poll' },
];

export class CopperCrmPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Copper CRM Poll Trigger',
		name: 'copperCrmPollTrigger',
		icon: { light: 'file:../../icons/copper.svg', dark: 'file:../../icons/copper.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: pairSubtitle('entity', ENTITIES, 'event', POLL_EVENTS),
		description: 'Starts the workflow on new (or updated) Copper records and new activities, by polling',
		defaults: { name: 'Copper CRM Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: serviceCredentials(copperService),
		properties: [
			authenticationProperty,
			{
				displayName: 'Entity',
				name: 'entity',
				type: 'options',
				options: ENTITIES,
				default: 'people',
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: POLL_EVENTS,
				default: 'new',
				displayOptions: { hide: { entity: ['activities'] } },
			},
			...filterProperties(),
		],
	};

	methods = {
		loadOptions: { [CUSTOM_FIELDS_METHOD]: copperLoadOptions[CUSTOM_FIELDS_METHOD] },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const entity = this.getNodeParameter('entity') as string;
		const event = entity === 'activities' ? 'new' : (this.getNodeParameter('event', 'new') as string);
		const values = this.getNodeParameter('filters', {}) as IDataObject;
		const fields = searchOf(entity)?.body ?? [];
		const ctx: ValueContext = {
			node: this.getNode(),
			itemIndex: 0,
			timezone: this.getTimezone(),
			customFieldShape: copperService.customFields?.shape,
		};
		const transport = await copperTransport(this);
		const byName = fields.filter((field) => field.type === 'customFieldFiltersByName' && !isEmpty(values[field.name]));
		if (byName.length) {
			// Custom field filters by name: this poll's definitions, one request.
			ctx.customFields = await customFieldsOf(transport, entity);
		}
		const filters: Record<string, unknown> = {};
		for (const [name, raw] of Object.entries(values)) {
			const spec = fields.find((field) => field.name === name);
			if (!spec) continue;
			placeField(filters, spec, raw, ctx);
		}
		const query = queryFor(entity, event, filters);

		if (this.getMode() === 'manual') {
			const records = await newest(transport, query);
			return records.length ? [this.helpers.returnJsonArray(records)] : null;
		}
		const staticData = this.getWorkflowStaticData('node');
		const key = `${entity}:${event}:${JSON.stringify(filters)}`;
		const state = ((staticData[key] as IDataObject | undefined) ?? {}) as PollState;
		const records = await pollRecords(transport, query, state);
		staticData[key] = state as IDataObject;
		return records.length ? [this.helpers.returnJsonArray(records)] : null;
	}
}
