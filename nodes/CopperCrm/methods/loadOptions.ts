/**
 * Copper dropdowns loaded from the account: which endpoint lists what, how pipeline stages are read,
 * and which custom field definitions apply to the entity in use.
 */
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { customFieldEntityOf } from '../../shared/catalog';
import { arrayValuesOf } from '../../shared/execution/router';
import { loadOptionsFrom, recordsFrom, toOptions } from '../../shared/methods/loadOptions';
import { createTransport } from '../../shared/transport/transport';
import { unwrapLocator } from '../../shared/values/parse';
import { copperOperations } from '../catalog';
import { COPPER_ENTITIES, singularEntity } from '../catalog/entities';
import { copperService } from '../service';
import { definitionsFor, DEFINITIONS_PATH, type CopperDefinition } from './customFieldSupport';

type LoadOptionsMethod = (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;

const simple = (path: string): LoadOptionsMethod =>
	async function (this: ILoadOptionsFunctions) {
		return await loadOptionsFrom(this, copperService, { path });
	};

function current(fn: ILoadOptionsFunctions, path: string): unknown {
	try {
		return fn.getCurrentNodeParameter(path);
	} catch {
		return undefined;
	}
}

/** The first numeric ID in a parameter value (plain, resourceLocator, list or comma-separated); none for expressions. */
function firstId(value: unknown): number | undefined {
	const raw = unwrapLocator(Array.isArray(value) ? value[0] : value);
	if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
	if (typeof raw !== 'string' || raw.startsWith('=')) return undefined;
	const match = /^\s*(\d+)/.exec(raw);
	return match ? Number(match[1]) : undefined;
}

/** Where the chosen pipeline can be, depending on the operation. */
const PIPELINE_PARAMS = [
	'pipeline_id',
	'additionalFields.pipeline_id',
	'additionalFields.opportunity_pipeline_id',
	'filters.pipeline_ids',
];

const counting = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * A tag's count as the list shows it: for the entity in use when Copper reports it (`count_people`
 * beside a people search), else across all record types.
 */
function tagCounter(entity: string | undefined): (tag: IDataObject) => string | undefined {
	const kind = singularEntity(entity);
	const known = COPPER_ENTITIES.find((candidate) => candidate.kind === kind);
	return (tag) => {
		const own = known ? tag[`count_${known.plural}`] : undefined;
		if (known && typeof own === 'number') {
			return counting(own, known.label.toLowerCase(), known.pluralLabel.toLowerCase());
		}
		return typeof tag.count === 'number' ? `${counting(tag.count, 'record', 'records')} of all types` : undefined;
	};
}

/** The entity of the operation being edited (its `customFieldEntity`, from a parameter when needed). */
function entityInUse(fn: ILoadOptionsFunctions): string | undefined {
	// The poll trigger names its entity directly.
	const pollEntity = current(fn, 'entity');
	if (typeof pollEntity === 'string' && current(fn, 'resource') === undefined) return pollEntity;
	const resource = current(fn, 'resource');
	const operation = current(fn, 'operation');
	const op = copperOperations.find((entry) => entry.resource === resource && entry.value === operation);
	return customFieldEntityOf(op, (parameter) => current(fn, parameter));
}

async function definitions(fn: ILoadOptionsFunctions): Promise<CopperDefinition[]> {
	const transport = await createTransport(fn, copperService);
	return (await recordsFrom(transport, { path: DEFINITIONS_PATH })) as unknown as CopperDefinition[];
}

export const copperLoadOptions = {
	/** Users (assignees, owners, activity users), from the paginated user search. */
	async getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await loadOptionsFrom(this, copperService, {
			path: '/users/search',
			method: 'POST',
			paginated: true,
			description: (user) => (user.email ? String(user.email) : undefined),
		});
	},
	getPipelines: simple('/pipelines'),
	/** Stages of the chosen pipeline (read from the pipeline's `stages`); all stages as "Pipeline › Stage" without one. */
	async getPipelineStages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const pipelineId = PIPELINE_PARAMS.map((path) => firstId(current(this, path))).find((id) => id !== undefined);
		const transport = await createTransport(this, copperService);
		const pipelines = await recordsFrom(transport, { path: '/pipelines' });
		const chosen = pipelineId === undefined ? undefined : pipelines.find((pipeline) => pipeline.id === pipelineId);
		const stagesOf = (pipeline: IDataObject) => (Array.isArray(pipeline.stages) ? (pipeline.stages as IDataObject[]) : []);
		if (chosen) return toOptions(stagesOf(chosen), { sort: false });
		return toOptions(
			pipelines.flatMap((pipeline) => stagesOf(pipeline).map((stage) => ({ ...stage, pipeline: pipeline.name }))),
			{ name: (stage) => `${String(stage.pipeline)} › ${String(stage.name)}`, sort: false },
		);
	},
	getCustomerSources: simple('/customer_sources'),
	getContactTypes: simple('/contact_types'),
	getLeadStatuses: simple('/lead_statuses'),
	getLossReasons: simple('/loss_reasons'),
	/** User and system activity types (`{user: [...], system: [...]}`). */
	async getActivityTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await loadOptionsFrom(this, copperService, {
			path: '/activity_types',
			records: arrayValuesOf,
			name: (type) => `${String(type.name)} (${type.category === 'system' ? 'System' : 'User'})`,
		});
	},
	/** The activity types a user can log (category user, not disabled). */
	async getUserActivityTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await loadOptionsFrom(this, copperService, {
			path: '/activity_types',
			records: (body) => ((body as { user?: IDataObject[] } | undefined)?.user ?? []),
			filter: (type) => type.is_disabled !== true,
		});
	},
	getCustomActivityTypes: simple('/custom_activity_types'),
	/** Tag names (values are the names Copper filters and writes by), each counted for the entity in use. */
	async getTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const counted = tagCounter(entityInUse(this));
		return await loadOptionsFrom(this, copperService, {
			path: '/tags',
			records: (body) =>
				Array.isArray(body) ? body.map((row) => (typeof row === 'string' ? { name: row } : (row as IDataObject))) : [],
			value: (tag) => String(tag.name),
			description: counted,
		});
	},
	/**
	 * Custom field definitions by ID: those of the entity in use when the operation has one,
	 * only Connect fields for connections, all of them otherwise.
	 */
	async getCustomFieldDefinitions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		let list = definitionsFor(await definitions(this), entityInUse(this));
		if (current(this, 'resource') === 'connections') list = list.filter((definition) => definition.data_type === 'Connect');
		return toOptions(list as unknown as IDataObject[], {
			name: (definition) => `${String(definition.name)} (${String(definition.data_type)})`,
		});
	},
	/** Custom fields of the entity in use, by name (the value is the name; IDs are accepted too). */
	async getCustomFieldsByName(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const list = definitionsFor(await definitions(this), entityInUse(this)).filter((definition) => definition.data_type !== 'Connect');
		return toOptions(list as unknown as IDataObject[], {
			value: (definition) => String(definition.name),
			description: (definition) => {
				const options = (definition.options as Array<{ name: string }> | undefined)?.map((option) => option.name) ?? [];
				return options.length ? `${String(definition.data_type)}: ${options.join(', ')}` : String(definition.data_type);
			},
		});
	},
};

export const COPPER_LOAD_OPTIONS_METHODS = Object.keys(copperLoadOptions);
