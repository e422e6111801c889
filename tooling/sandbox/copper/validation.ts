/**
 * Input normalisation and validation for the six record entities. Unknown and read-only keys are
 * dropped; known keys are type-checked (422 `Validation Error: ...` on failure) and references are
 * checked against the store. `null` clears a field (except `name`).
 */

import { SINGULAR, joinName, splitName, toSingular } from './entities';
import { ValidationError } from './errors';
import type { CopperStore } from './store';
import type {
	Address,
	AnyRecord,
	CustomFieldDefinition,
	CustomFieldValue,
	EntityPlural,
	EntitySingular,
	ResourceRef,
} from './types';

export type Obj = Record<string, unknown>;

export function isObject(v: unknown): v is Obj {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function human(field: string): string {
	const s = field.replace(/_ids?$/, '').replace(/_/g, ' ');
	return s.charAt(0).toUpperCase() + s.slice(1);
}

function invalid(field: string, code = 'invalid'): ValidationError {
	return new ValidationError(field, `${human(field)} is invalid`, code);
}

// ---------------------------------------------------------------------------------------------
// Scalar coercers
// ---------------------------------------------------------------------------------------------

export function optString(field: string, v: unknown): string | null {
	if (v === null || v === undefined) return null;
	if (typeof v === 'string') return v;
	throw invalid(field);
}

export function optId(field: string, v: unknown): number | null {
	if (v === null || v === undefined) return null;
	if (typeof v === 'number' && Number.isInteger(v)) return v;
	throw invalid(field);
}

export function optNumber(field: string, v: unknown): number | null {
	if (v === null || v === undefined) return null;
	if (typeof v === 'number' && Number.isFinite(v)) return v;
	if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
	throw invalid(field);
}

/** Unix seconds; numeric strings and date strings are accepted leniently (spec §2.6). */
export function optUnix(field: string, v: unknown): number | null {
	if (v === null || v === undefined || v === '') return null;
	if (typeof v === 'number' && Number.isFinite(v)) return Math.floor(v);
	if (typeof v === 'string') {
		if (/^\d+$/.test(v.trim())) return Number(v.trim());
		const ms = Date.parse(v);
		if (!Number.isNaN(ms)) return Math.floor(ms / 1000);
	}
	throw invalid(field);
}

export function optBool(field: string, v: unknown): boolean | null {
	if (v === null || v === undefined) return null;
	if (typeof v === 'boolean') return v;
	throw invalid(field);
}

function enumValue(field: string, v: unknown, allowed: readonly string[]): string {
	if (typeof v === 'string') {
		const hit = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
		if (hit) return hit;
	}
	throw invalid(field);
}

export function tagList(v: unknown): string[] {
	if (v === null || v === undefined) return [];
	if (!Array.isArray(v)) throw invalid('tags');
	const out: string[] = [];
	const seen = new Set<string>();
	for (const t of v) {
		if (typeof t !== 'string') throw invalid('tags');
		const tag = t.trim();
		if (tag === '' || seen.has(tag.toLowerCase())) continue;
		seen.add(tag.toLowerCase());
		out.push(tag);
	}
	return out;
}

function address(v: unknown): Address | null {
	if (v === null || v === undefined) return null;
	if (!isObject(v)) throw invalid('address');
	const a: Address = { street: null, city: null, state: null, postal_code: null, country: null };
	for (const k of Object.keys(a) as Array<keyof Address>) a[k] = optString('address', v[k]);
	return a;
}

export const EMAIL_CATEGORIES = ['work', 'personal', 'other'];
export const PHONE_CATEGORIES = ['mobile', 'work', 'home', 'other'];
export const SOCIAL_CATEGORIES = ['linkedin', 'twitter', 'googleplus', 'facebook', 'youtube', 'quora', 'foursquare', 'klout', 'gravatar', 'other'];
export const WEBSITE_CATEGORIES = ['work', 'personal', 'other'];

function entryList<K extends string>(field: string, v: unknown, key: K, categories: string[], defaultCategory: string): Array<Record<K, string> & { category: string }> {
	if (v === null || v === undefined) return [];
	if (!Array.isArray(v)) throw invalid(field);
	return v.map((item) => {
		if (!isObject(item) || typeof item[key] !== 'string' || (item[key] as string).trim() === '') throw invalid(field);
		if (key === 'email' && !/^[^@\s]+@[^@\s]+$/.test((item[key] as string).trim())) throw invalid(field);
		const category = item.category === undefined || item.category === null ? defaultCategory : enumValue(field, item.category, categories);
		return { [key]: (item[key] as string).trim(), category } as Record<K, string> & { category: string };
	});
}

function leadEmail(v: unknown): { email: string; category: string } | null {
	if (v === null || v === undefined) return null;
	return entryList('email', [v], 'email', EMAIL_CATEGORIES, 'work')[0];
}

export function resourceRef(field: string, v: unknown, store: CopperStore, allowed: readonly EntitySingular[]): ResourceRef | null {
	if (v === null || v === undefined) return null;
	if (!isObject(v)) throw invalid(field);
	const type = toSingular(v.type);
	const id = v.id;
	if (!type || !allowed.includes(type) || typeof id !== 'number' || !Number.isInteger(id)) throw invalid(field);
	if (!store.exists({ type, id })) throw invalid(field);
	return { id, type };
}

/** "M/D/YYYY" or "D/M/YYYY" (Copper opportunities). */
function closeDate(v: unknown): string | null {
	if (v === null || v === undefined || v === '') return null;
	if (typeof v === 'string' && /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(v.trim())) return v.trim();
	throw invalid('close_date');
}

/** Parses "M/D/YYYY" to Unix seconds (UTC), for range filters. */
export function closeDateToUnix(v: unknown): number | null {
	if (typeof v !== 'string') return null;
	const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v.trim());
	if (!m) return null;
	return Math.floor(Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2])) / 1000);
}

// ---------------------------------------------------------------------------------------------
// Custom fields
// ---------------------------------------------------------------------------------------------

function optionIds(def: CustomFieldDefinition): Set<number> {
	return new Set((def.options ?? []).map((o) => o.id));
}

/** Checks one custom field value against its definition; returns the stored form. */
export function customFieldValue(def: CustomFieldDefinition, v: unknown): unknown {
	const bad = () => new ValidationError('custom_fields', `Value for custom field ${def.name} is invalid`);
	switch (def.data_type) {
		case 'String':
		case 'Text':
		case 'URL':
			if (typeof v !== 'string') throw bad();
			return v;
		case 'Float':
		case 'Percentage':
		case 'Currency': {
			const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
			if (typeof n !== 'number' || !Number.isFinite(n)) throw bad();
			return n;
		}
		case 'Dropdown': {
			const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
			if (typeof n !== 'number' || !optionIds(def).has(n)) throw bad();
			return n;
		}
		case 'MultiSelect': {
			if (!Array.isArray(v)) throw bad();
			const ids = optionIds(def);
			const out: number[] = [];
			for (const x of v) {
				const n = typeof x === 'string' && /^\d+$/.test(x) ? Number(x) : x;
				if (typeof n !== 'number' || !ids.has(n)) throw bad();
				if (!out.includes(n)) out.push(n);
			}
			return out;
		}
		case 'Checkbox':
			if (typeof v !== 'boolean') throw bad();
			return v;
		case 'Date':
			try {
				return optUnix('custom_fields', v);
			} catch {
				throw bad();
			}
		case 'Connect':
			throw new ValidationError('custom_fields', `Custom field ${def.name} is a Connect field: use /related_links`);
		default:
			throw bad();
	}
}

/** Merges `v` (an array of {custom_field_definition_id, value}) into existing values; null/empty values clear. */
export function mergeCustomFields(store: CopperStore, type: EntitySingular, v: unknown, existing: CustomFieldValue[]): CustomFieldValue[] {
	if (v === null) return [];
	if (!Array.isArray(v)) throw invalid('custom_fields');
	const values = new Map<number, unknown>(existing.map((c) => [c.custom_field_definition_id, c.value]));
	for (const item of v) {
		if (!isObject(item) || typeof item.custom_field_definition_id !== 'number') throw invalid('custom_fields');
		const def = store.customFieldDefinitions.get(item.custom_field_definition_id);
		if (!def) throw new ValidationError('custom_fields', `Custom field definition ${item.custom_field_definition_id} not found`);
		if (!def.available_on.includes(type)) throw new ValidationError('custom_fields', `Custom field ${def.name} is not available on ${type}`);
		const value = item.value;
		if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
			values.delete(def.id);
		} else {
			values.set(def.id, customFieldValue(def, value));
		}
	}
	return Array.from(values, ([custom_field_definition_id, value]) => ({ custom_field_definition_id, value })).sort(
		(a, b) => a.custom_field_definition_id - b.custom_field_definition_id,
	);
}

// ---------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------

type Kind = 'string' | 'id' | 'number' | 'unix' | 'tags' | 'address' | 'leadEmail' | 'emails' | 'phones' | 'socials' | 'websites' | 'closeDate' | 'raw';

const COMMON: Record<string, Kind> = { name: 'raw', assignee_id: 'id', details: 'string', tags: 'tags', custom_fields: 'raw' };
const PERSON_LIKE: Record<string, Kind> = {
	prefix: 'string',
	first_name: 'string',
	middle_name: 'string',
	last_name: 'string',
	suffix: 'string',
	address: 'address',
	title: 'string',
	phone_numbers: 'phones',
	socials: 'socials',
	websites: 'websites',
};

const FIELDS: Record<EntityPlural, Record<string, Kind>> = {
	leads: {
		...COMMON,
		...PERSON_LIKE,
		company_name: 'string',
		customer_source_id: 'id',
		email: 'leadEmail',
		monetary_unit: 'string',
		monetary_value: 'number',
		status: 'raw',
		status_id: 'raw',
	},
	people: { ...COMMON, ...PERSON_LIKE, company_id: 'id', company_name: 'string', contact_type_id: 'id', emails: 'emails' },
	companies: {
		...COMMON,
		address: 'address',
		contact_type_id: 'id',
		email_domain: 'string',
		phone_numbers: 'phones',
		socials: 'socials',
		websites: 'websites',
		primary_contact_id: 'id',
	},
	opportunities: {
		...COMMON,
		close_date: 'closeDate',
		company_id: 'id',
		company_name: 'string',
		customer_source_id: 'id',
		loss_reason_id: 'id',
		monetary_unit: 'string',
		monetary_value: 'number',
		pipeline_id: 'id',
		pipeline_stage_id: 'id',
		primary_contact_id: 'id',
		priority: 'raw',
		status: 'raw',
		win_probability: 'number',
	},
	projects: { ...COMMON, related_resource: 'raw', status: 'raw' },
	tasks: {
		...COMMON,
		related_resource: 'raw',
		due_date: 'unix',
		reminder_date: 'unix',
		priority: 'raw',
		status: 'raw',
		custom_activity_type_id: 'id',
	},
};

function coerce(field: string, kind: Kind, v: unknown): unknown {
	switch (kind) {
		case 'string':
			return optString(field, v);
		case 'id':
			return optId(field, v);
		case 'number':
			return optNumber(field, v);
		case 'unix':
			return optUnix(field, v);
		case 'tags':
			return tagList(v);
		case 'address':
			return address(v);
		case 'leadEmail':
			return leadEmail(v);
		case 'emails':
			return entryList(field, v, 'email', EMAIL_CATEGORIES, 'work');
		case 'phones':
			return entryList(field, v, 'number', PHONE_CATEGORIES, 'work');
		case 'socials':
			return entryList(field, v, 'url', SOCIAL_CATEGORIES, 'other');
		case 'websites':
			return entryList(field, v, 'url', WEBSITE_CATEGORIES, 'work');
		case 'closeDate':
			return closeDate(v);
		default:
			return v;
	}
}

export const OPPORTUNITY_STATUSES = ['Open', 'Won', 'Lost', 'Abandoned'];
export const OPPORTUNITY_PRIORITIES = ['None', 'Low', 'Medium', 'High'];
export const PROJECT_STATUSES = ['Open', 'Completed'];
export const TASK_STATUSES = ['Open', 'Completed'];
export const TASK_PRIORITIES = ['None', 'High'];

function requireLookup(field: string, id: number | null, list: Array<{ id: number }>): void {
	if (id !== null && !list.some((x) => x.id === id)) throw invalid(field);
}

function requireRecord(field: string, store: CopperStore, type: EntitySingular, id: number | null): void {
	if (id !== null && !store.exists({ type, id })) throw invalid(field);
}

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

	// name
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

	if ('custom_fields' in patch) {
		patch.custom_fields = mergeCustomFields(store, type, patch.custom_fields, existing?.custom_fields ?? []);
	}

	const cur = (key: string): unknown => (key in patch ? patch[key] : existing?.[key]);

	switch (entity) {
		case 'leads': {
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
			break;
		}
		case 'people': {
			if (!create) delete patch.company_id; // changed through Related Items (spec §2.1)
			const emails = patch.emails as Array<{ email: string }> | undefined;
			for (const e of emails ?? []) {
				const owner = store.emailOwner(e.email);
				if (owner !== undefined && owner !== existing?.id) throw new ValidationError('emails', `Email ${e.email} has already been taken`, 'taken');
			}
			requireLookup('contact_type_id', (patch.contact_type_id as number | null | undefined) ?? null, store.contactTypes);
			linkCompany(store, patch, create);
			break;
		}
		case 'companies': {
			const domain = patch.email_domain;
			if (typeof domain === 'string' && domain !== '') {
				const owner = store.domainOwner(domain);
				if (owner !== undefined && owner !== existing?.id) throw new ValidationError('email_domain', `Email domain ${domain} has already been taken`, 'taken');
			}
			requireLookup('contact_type_id', (patch.contact_type_id as number | null | undefined) ?? null, store.contactTypes);
			requireRecord('primary_contact_id', store, 'person', (patch.primary_contact_id as number | null | undefined) ?? null);
			break;
		}
		case 'opportunities': {
			normalizePipeline(store, patch, existing);
			if ('status' in patch) patch.status = enumValue('status', patch.status, OPPORTUNITY_STATUSES);
			if ('priority' in patch) patch.priority = enumValue('priority', patch.priority, OPPORTUNITY_PRIORITIES);
			requireLookup('loss_reason_id', (patch.loss_reason_id as number | null | undefined) ?? null, store.lossReasons);
			requireLookup('customer_source_id', (patch.customer_source_id as number | null | undefined) ?? null, store.customerSources);
			requireRecord('primary_contact_id', store, 'person', (patch.primary_contact_id as number | null | undefined) ?? null);
			const wp = patch.win_probability;
			if (typeof wp === 'number' && (wp < 0 || wp > 100)) throw invalid('win_probability');
			linkCompany(store, patch, true);
			break;
		}
		case 'projects': {
			if ('status' in patch) patch.status = enumValue('status', patch.status, PROJECT_STATUSES);
			if ('related_resource' in patch) {
				patch.related_resource = resourceRef('related_resource', patch.related_resource, store, ['lead', 'person', 'company', 'opportunity', 'task']);
			}
			break;
		}
		case 'tasks': {
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
			break;
		}
	}
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

/** Singular entity names allowed as Related Items of each entity (spec §3.17). */
export const RELATABLE: Record<EntitySingular, readonly EntitySingular[]> = {
	lead: ['task'],
	person: ['company', 'opportunity', 'task', 'project'],
	company: ['opportunity', 'person', 'task', 'project'],
	opportunity: ['company', 'person', 'task', 'project'],
	project: ['company', 'person', 'opportunity', 'task'],
	task: ['company', 'person', 'opportunity', 'lead', 'project'],
};
