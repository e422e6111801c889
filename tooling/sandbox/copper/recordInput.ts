/**
 * A request body turned into a record patch (sandbox): the fields each entity accepts (FIELDS in
 * validation.ts), the name and its parts, custom fields, and each entity's rules (lookups that must
 * exist, unique emails and domains, pipelines and stages, statuses, related resources).
 */
import { SINGULAR, joinName, splitName } from './entities';
import { ValidationError } from './errors';
import type { CopperStore } from './store';
import type { AnyRecord, EntityPlural, EntitySingular } from './types';
import {
	coerce,
	enumValue,
	FIELDS,
	invalid,
	isObject,
	mergeCustomFields,
	OPPORTUNITY_PRIORITIES,
	OPPORTUNITY_STATUSES,
	PROJECT_STATUSES,
	resourceRef,
	TASK_PRIORITIES,
	TASK_STATUSES,
	type Obj,
} from './validation';

function requireLookup(field: string, id: number | null, list: Array<{ id: number }>): void {
	if (id !== null && !list.some((x) => x.id === id)) throw invalid(field);
}

function requireRecord(field: string, store: CopperStore, type: EntitySingular, id: number | null): void {
	if (id !== null && !store.exists({ type, id })) throw invalid(field);
}

/** What an entity's rules read and change. */
interface RuleInput {
	store: CopperStore;
	patch: Obj;
	existing?: AnyRecord;
	create: boolean;
	/** A key's value after the patch. */
	cur: (key: string) => unknown;
}

/** `name` required on create and trimmed; for people and leads, the name and its parts kept in step. */
function applyName(entity: EntityPlural, patch: Obj, create: boolean, existing?: AnyRecord): void {
	if (create || 'name' in patch) {
		const name = patch.name;
		if (typeof name !== 'string' || name.trim() === '') throw new ValidationError('name', "Name can't be blank");
		patch.name = name.trim();
	}
	if (entity === 'leads' || entity === 'people') {
		if (typeof patch.name === 'string') {
			const split = splitName(patch.name);
			if (patch.first_name === undefined) patch.first_name = split.first_name;
			if (patch.last_name === undefined) patch.last_name = split.last_name;
		} else if (['first_name', 'middle_name', 'last_name'].some((k) => k in patch)) {
			const cur: Obj = { ...(existing ?? {}), ...patch };
			const joined = joinName([cur.first_name as string | null, cur.middle_name as string | null, cur.last_name as string | null]);
			if (joined !== '') patch.name = joined;
		}
	}
}

function leadRules({ store, patch }: RuleInput): void {
	if ('status_id' in patch) {
		const s = store.leadStatuses.find((x) => x.id === patch.status_id);
		if (!s) throw invalid('status_id');
		patch.status = s.name;
	} else if ('status' in patch) {
		const s = typeof patch.status === 'string' ? store.leadStatuses.find((x) => x.name.toLowerCase() === (patch.status as string).toLowerCase()) : undefined;
		if (!s) throw invalid('status');
		patch.status = s.name;
		patch.status_id = s.id;
	}
	requireLookup('customer_source_id', (patch.customer_source_id as number | null | undefined) ?? null, store.customerSources);
}

function personRules({ store, patch, existing, create }: RuleInput): void {
	if (!create) delete patch.company_id; // changed through Related Items (spec §2.1)
	const emails = patch.emails as Array<{ email: string }> | undefined;
	for (const e of emails ?? []) {
		const owner = store.emailOwner(e.email);
		if (owner !== undefined && owner !== existing?.id) throw new ValidationError('emails', `Email ${e.email} has already been taken`, 'taken');
	}
	requireLookup('contact_type_id', (patch.contact_type_id as number | null | undefined) ?? null, store.contactTypes);
	linkCompany(store, patch, create);
}

function companyRules({ store, patch, existing }: RuleInput): void {
	const domain = patch.email_domain;
	if (typeof domain === 'string' && domain !== '') {
		const owner = store.domainOwner(domain);
		if (owner !== undefined && owner !== existing?.id) throw new ValidationError('email_domain', `Email domain ${domain} has already been taken`, 'taken');
	}
	requireLookup('contact_type_id', (patch.contact_type_id as number | null | undefined) ?? null, store.contactTypes);
	requireRecord('primary_contact_id', store, 'person', (patch.primary_contact_id as number | null | undefined) ?? null);
}

function opportunityRules({ store, patch, existing }: RuleInput): void {
	normalizePipeline(store, patch, existing);
	if ('status' in patch) patch.status = enumValue('status', patch.status, OPPORTUNITY_STATUSES);
	if ('priority' in patch) patch.priority = enumValue('priority', patch.priority, OPPORTUNITY_PRIORITIES);
	requireLookup('loss_reason_id', (patch.loss_reason_id as number | null | undefined) ?? null, store.lossReasons);
	requireLookup('customer_source_id', (patch.customer_source_id as number | null | undefined) ?? null, store.customerSources);
	requireRecord('primary_contact_id', store, 'person', (patch.primary_contact_id as number | null | undefined) ?? null);
	const wp = patch.win_probability;
	if (typeof wp === 'number' && (wp < 0 || wp > 100)) throw invalid('win_probability');
	linkCompany(store, patch, true);
}

function projectRules({ store, patch }: RuleInput): void {
	if ('status' in patch) patch.status = enumValue('status', patch.status, PROJECT_STATUSES);
	if ('related_resource' in patch) {
		patch.related_resource = resourceRef('related_resource', patch.related_resource, store, ['lead', 'person', 'company', 'opportunity', 'task']);
	}
}

function taskRules({ store, patch, cur }: RuleInput): void {
	if ('status' in patch) {
		patch.status = enumValue('status', patch.status, TASK_STATUSES);
		if (patch.status === 'Completed' && cur('completed_date') == null) patch.completed_date = store.now();
		if (patch.status === 'Open') patch.completed_date = null;
	}
	if ('priority' in patch) patch.priority = enumValue('priority', patch.priority, TASK_PRIORITIES);
	if ('related_resource' in patch) {
		patch.related_resource = resourceRef('related_resource', patch.related_resource, store, ['lead', 'person', 'company', 'opportunity', 'project']);
	}
	const cat = (patch.custom_activity_type_id as number | null | undefined) ?? null;
	if (cat !== null && !store.customActivityTypes.has(cat)) throw invalid('custom_activity_type_id');
}

const ENTITY_RULES: Record<EntityPlural, (input: RuleInput) => void> = {
	leads: leadRules,
	people: personRules,
	companies: companyRules,
	opportunities: opportunityRules,
	projects: projectRules,
	tasks: taskRules,
};

/**
 * Turns a request body into a patch for `entity`. With `existing` it is an update (only given keys);
 * without, a create (name required). Throws ValidationError.
 */
export function normalizeRecordInput(store: CopperStore, entity: EntityPlural, body: unknown, existing?: AnyRecord): Obj {
	if (!isObject(body)) throw new ValidationError('body', 'Request body must be a JSON object');
	const create = existing === undefined;
	const type = SINGULAR[entity];
	const fields = FIELDS[entity];
	const patch: Obj = {};
	for (const [key, kind] of Object.entries(fields)) {
		if (body[key] === undefined) continue;
		patch[key] = coerce(key, kind, body[key]);
	}
	applyName(entity, patch, create, existing);
	if ('custom_fields' in patch) {
		patch.custom_fields = mergeCustomFields(store, type, patch.custom_fields, existing?.custom_fields ?? []);
	}

	const cur = (key: string): unknown => (key in patch ? patch[key] : existing?.[key]);
	ENTITY_RULES[entity]({ store, patch, existing, create, cur });

	return patch;
}

/** company_id → company_name; a lone company_name is matched to an existing company by name. */
function linkCompany(store: CopperStore, patch: Obj, allowId: boolean): void {
	if (allowId && typeof patch.company_id === 'number') {
		const c = store.companies.get(patch.company_id);
		if (!c) throw invalid('company_id');
		patch.company_name = c.name;
	} else if (allowId && patch.company_id === null) {
		if (!('company_name' in patch)) patch.company_name = null;
	} else if (typeof patch.company_name === 'string' && patch.company_name !== '' && !('company_id' in patch)) {
		const name = patch.company_name.toLowerCase();
		const match = Array.from(store.companies.values()).find((c) => c.name.toLowerCase() === name);
		if (match && allowId) patch.company_id = match.id;
	}
}

function normalizePipeline(store: CopperStore, patch: Obj, existing?: AnyRecord): void {
	const pipelineGiven = typeof patch.pipeline_id === 'number';
	const stageGiven = typeof patch.pipeline_stage_id === 'number';
	if (patch.pipeline_id === null) throw invalid('pipeline_id');
	if (patch.pipeline_stage_id === null) throw invalid('pipeline_stage_id');
	if (!pipelineGiven && !stageGiven) {
		if (existing) return;
		const p = store.pipelines[0];
		if (p) {
			patch.pipeline_id = p.id;
			patch.pipeline_stage_id = p.stages[0]?.id;
		}
	} else {
		let pipelineId = pipelineGiven ? (patch.pipeline_id as number) : (existing?.pipeline_id as number | undefined);
		if (!pipelineGiven && stageGiven) pipelineId = store.findStage(patch.pipeline_stage_id as number)?.pipeline_id;
		const pipeline = store.pipelines.find((p) => p.id === pipelineId);
		if (!pipeline) throw invalid(pipelineGiven ? 'pipeline_id' : 'pipeline_stage_id');
		patch.pipeline_id = pipeline.id;
		let stageId: number | undefined = stageGiven ? (patch.pipeline_stage_id as number) : (existing?.pipeline_stage_id as number | undefined);
		if (!stageGiven && !pipeline.stages.some((s) => s.id === stageId)) stageId = pipeline.stages[0]?.id;
		if (!pipeline.stages.some((s) => s.id === stageId)) throw invalid('pipeline_stage_id');
		patch.pipeline_stage_id = stageId;
	}
	const stageChanged = existing === undefined || patch.pipeline_stage_id !== existing.pipeline_stage_id;
	if (stageChanged && patch.pipeline_stage_id !== undefined) {
		patch.date_stage_changed = store.now();
		if (!('win_probability' in patch)) {
			const stage = store.findStage(patch.pipeline_stage_id as number);
			if (stage) patch.win_probability = stage.win_probability;
		}
	}
}
