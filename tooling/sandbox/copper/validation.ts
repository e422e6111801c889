/**
 * Input normalisation and validation for the six record entities. Unknown and read-only keys are
 * dropped; known keys are type-checked (422 `Validation Error: ...` on failure) and references are
 * checked against the store. `null` clears a field (except `name`). The rules of each entity's
 * record (names, lookups, pipelines, statuses) are in recordInput.ts.
 */

import { toSingular } from './entities';
import { ValidationError } from './errors';
import type { CopperStore } from './store';
import type {
	Address,
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

export function invalid(field: string, code = 'invalid'): ValidationError {
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

export function enumValue(field: string, v: unknown, allowed: readonly string[]): string {
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

export const FIELDS: Record<EntityPlural, Record<string, Kind>> = {
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

export function coerce(field: string, kind: Kind, v: unknown): unknown {
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

/** Singular entity names allowed as Related Items of each entity (spec §3.17). */
export const RELATABLE: Record<EntitySingular, readonly EntitySingular[]> = {
	lead: ['task'],
	person: ['company', 'opportunity', 'task', 'project'],
	company: ['opportunity', 'person', 'task', 'project'],
	opportunity: ['company', 'person', 'task', 'project'],
	project: ['company', 'person', 'opportunity', 'task'],
	task: ['company', 'person', 'opportunity', 'lead', 'project'],
};
