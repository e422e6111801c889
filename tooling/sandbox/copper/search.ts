/**
 * Search semantics shared by `/{entity}/search`, `/users/search`, `/activities/search` and
 * `/{entity}/{id}/activities`: paging (body first, then query string), filters (ANDed), stable
 * sorting (ties broken by id) and the 100,000-record cap.
 */

import { toSingular } from './entities';
import { invalidInput } from './errors';
import type { CopperStore } from './store';
import type { Activity, AnyRecord, CustomFieldDefinition, EntityPlural, ResourceRef } from './types';
import { OPPORTUNITY_PRIORITIES, OPPORTUNITY_STATUSES, PROJECT_STATUSES, closeDateToUnix, isObject, type Obj } from './validation';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 200;
export const SEARCH_CAP = 100_000;

export interface Paging {
	pageNumber: number;
	pageSize: number;
}

export interface SearchResult<T> {
	total: number;
	page: T[];
}

type Pred<T> = (r: T) => boolean;

/** The search body as an object (empty body = no filters). */
export function searchBody(body: unknown): Obj {
	if (body === undefined || body === null || body === '') return {};
	if (!isObject(body)) throw invalidInput('the search body must be a JSON object');
	return body;
}

function intValue(name: string, v: unknown): number | undefined {
	if (v === undefined || v === null) return undefined;
	const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v;
	if (typeof n !== 'number' || !Number.isInteger(n)) throw invalidInput(`${name} must be an integer`);
	return n;
}

export function parsePaging(body: Obj, query: Record<string, string>): Paging {
	const pageNumber = intValue('page_number', body.page_number ?? query.page_number) ?? 1;
	const pageSize = intValue('page_size', body.page_size ?? query.page_size) ?? DEFAULT_PAGE_SIZE;
	if (pageNumber < 1) throw invalidInput('page_number must be 1 or more');
	if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw invalidInput(`page_size must be between 1 and ${MAX_PAGE_SIZE}`);
	return { pageNumber, pageSize };
}

export function paginate<T>(items: T[], p: Paging): T[] {
	const start = (p.pageNumber - 1) * p.pageSize;
	if (start >= SEARCH_CAP) return [];
	return items.slice(start, Math.min(start + p.pageSize, SEARCH_CAP));
}

// ---------------------------------------------------------------------------------------------
// Filter value parsing
// ---------------------------------------------------------------------------------------------

function idArray(name: string, v: unknown): number[] {
	const arr = Array.isArray(v) ? v : [v];
	return arr.map((x) => {
		const n = typeof x === 'string' && /^-?\d+$/.test(x.trim()) ? Number(x.trim()) : x;
		if (typeof n !== 'number' || !Number.isInteger(n)) throw invalidInput(`${name} must be an array of integers`);
		return n;
	});
}

function strArray(name: string, v: unknown): string[] {
	const arr = Array.isArray(v) ? v : [v];
	return arr.map((x) => {
		if (typeof x !== 'string' && typeof x !== 'number') throw invalidInput(`${name} must be an array of strings`);
		return String(x);
	});
}

function numValue(name: string, v: unknown): number {
	const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
	if (typeof n !== 'number' || !Number.isFinite(n)) throw invalidInput(`${name} must be a number`);
	return n;
}

function field(r: unknown, key: string): unknown {
	return (r as Obj)[key];
}

function numField(r: unknown, key: string): number | null {
	const v = field(r, key);
	return typeof v === 'number' ? v : null;
}

/** `-2` in an id filter means "none" (null). */
function idMatcher(ids: number[]): (v: unknown) => boolean {
	const set = new Set(ids);
	const none = set.has(-2);
	return (v) => (v === null || v === undefined ? none : set.has(v as number));
}

function anyOf(values: string[], wanted: Set<string>): boolean {
	return values.some((v) => wanted.has(v.toLowerCase()));
}

function tagsPredicate(v: unknown): Pred<AnyRecord> {
	let option = 'ANY';
	let list: unknown = v;
	if (isObject(v)) {
		option = typeof v.option === 'string' ? v.option.toUpperCase() : 'ANY';
		list = v.value;
	}
	const wanted = new Set(strArray('tags', list).map((t) => t.toLowerCase()));
	return (r) => {
		const tags = (Array.isArray(r.tags) ? r.tags : []).map((t) => String(t).toLowerCase());
		if (option === 'ALL') return Array.from(wanted).every((w) => tags.includes(w));
		if (option === 'NONE') return !tags.some((t) => wanted.has(t));
		return tags.some((t) => wanted.has(t));
	};
}

function customFieldPredicate(store: CopperStore, f: unknown): Pred<AnyRecord> {
	if (!isObject(f) || typeof f.custom_field_definition_id !== 'number') throw invalidInput('custom_fields filters need custom_field_definition_id');
	const def: CustomFieldDefinition | undefined = store.customFieldDefinitions.get(f.custom_field_definition_id);
	if (!def) throw invalidInput(`custom field definition ${f.custom_field_definition_id} not found`);
	const allowEmpty = f.allow_empty === true;
	const valueOf = (r: AnyRecord): unknown => (r.custom_fields ?? []).find((c) => c.custom_field_definition_id === def.id)?.value ?? null;
	const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

	if (f.minimum_value !== undefined || f.maximum_value !== undefined) {
		const min = f.minimum_value === undefined || f.minimum_value === null ? -Infinity : numValue('minimum_value', f.minimum_value);
		const max = f.maximum_value === undefined || f.maximum_value === null ? Infinity : numValue('maximum_value', f.maximum_value);
		return (r) => {
			const v = valueOf(r);
			if (isEmpty(v)) return allowEmpty;
			return typeof v === 'number' && v >= min && v <= max;
		};
	}
	if (f.value === undefined || f.value === null) return (r) => (allowEmpty ? isEmpty(valueOf(r)) : true);

	const want = f.value;
	switch (def.data_type) {
		case 'Dropdown': {
			const ids = new Set(idArray('value', want));
			return (r) => {
				const v = valueOf(r);
				return isEmpty(v) ? allowEmpty : ids.has(v as number);
			};
		}
		case 'MultiSelect': {
			const ids = idArray('value', want);
			const option = typeof f.option === 'string' ? f.option.toUpperCase() : 'ANY';
			return (r) => {
				const v = valueOf(r);
				if (isEmpty(v)) return allowEmpty || option === 'NONE';
				const have = new Set(Array.isArray(v) ? (v as number[]) : [v as number]);
				if (option === 'ALL') return ids.every((i) => have.has(i));
				if (option === 'NONE') return !ids.some((i) => have.has(i));
				return ids.some((i) => have.has(i));
			};
		}
		case 'Checkbox':
			return (r) => (valueOf(r) === true) === (want === true || want === 'true');
		case 'String':
		case 'Text':
		case 'URL': {
			const w = String(want).toLowerCase();
			return (r) => {
				const v = valueOf(r);
				return isEmpty(v) ? allowEmpty : String(v).toLowerCase() === w;
			};
		}
		default: {
			const w = numValue('value', want);
			return (r) => {
				const v = valueOf(r);
				return isEmpty(v) ? allowEmpty : v === w;
			};
		}
	}
}

/** minimum_X / maximum_X filters → numeric accessor. */
const RANGES: Array<[string, (r: unknown) => number | null]> = [
	['created_date', (r) => numField(r, 'date_created')],
	['modified_date', (r) => numField(r, 'date_modified')],
	['interaction_count', (r) => numField(r, 'interaction_count')],
	['interaction_date', (r) => numField(r, 'date_last_contacted')],
	['monetary_value', (r) => numField(r, 'monetary_value')],
	['close_date', (r) => closeDateToUnix(field(r, 'close_date'))],
	['due_date', (r) => numField(r, 'due_date')],
	['reminder_date', (r) => numField(r, 'reminder_date')],
	['completed_date', (r) => numField(r, 'completed_date')],
	['win_probability', (r) => numField(r, 'win_probability')],
	['stage_change_date', (r) => numField(r, 'date_stage_changed')],
	['date_stage_changed', (r) => numField(r, 'date_stage_changed')],
	['activity_date', (r) => numField(r, 'activity_date')],
];

function rangePredicates<T>(b: Obj): Array<Pred<T>> {
	const preds: Array<Pred<T>> = [];
	for (const [suffix, get] of RANGES) {
		const minRaw = b[`minimum_${suffix}`];
		const maxRaw = b[`maximum_${suffix}`];
		const hasMin = minRaw !== undefined && minRaw !== null;
		const hasMax = maxRaw !== undefined && maxRaw !== null;
		if (!hasMin && !hasMax) continue;
		const min = hasMin ? numValue(`minimum_${suffix}`, minRaw) : -Infinity;
		const max = hasMax ? numValue(`maximum_${suffix}`, maxRaw) : Infinity;
		preds.push((r) => {
			const v = get(r);
			return v !== null && v >= min && v <= max;
		});
	}
	return preds;
}

const ID_FILTERS: Record<string, string> = {
	assignee_ids: 'assignee_id',
	company_ids: 'company_id',
	contact_type_ids: 'contact_type_id',
	customer_source_ids: 'customer_source_id',
	loss_reason_ids: 'loss_reason_id',
	pipeline_ids: 'pipeline_id',
	pipeline_stage_ids: 'pipeline_stage_id',
	primary_contact_ids: 'primary_contact_id',
	custom_activity_type_ids: 'custom_activity_type_id',
};

const TEXT_FILTERS = ['name', 'first_name', 'middle_name', 'last_name', 'company_name', 'title', 'details'];
const ADDRESS_FILTERS: Record<string, string> = { city: 'city', state: 'state', postal_code: 'postal_code', zip: 'postal_code', country: 'country' };

function relatedRefMatcher(type: string, ids: number[]): (r: unknown) => boolean {
	const match = idMatcher(ids);
	return (r) => {
		const ref = field(r, 'related_resource') as ResourceRef | null | undefined;
		return match(ref && ref.type === type ? ref.id : null);
	};
}

/** All filters of a record search, ANDed. Unknown keys are ignored. */
export function recordFilters(store: CopperStore, entity: EntityPlural, b: Obj): Array<Pred<AnyRecord>> {
	const preds: Array<Pred<AnyRecord>> = [];
	const has = (k: string) => b[k] !== undefined && b[k] !== null && b[k] !== '';

	if (has('ids')) {
		const ids = new Set(idArray('ids', b.ids));
		preds.push((r) => ids.has(r.id));
	}
	for (const k of TEXT_FILTERS) {
		if (!has(k)) continue;
		if (typeof b[k] !== 'string') throw invalidInput(`${k} must be a string`);
		const q = (b[k] as string).toLowerCase();
		preds.push((r) => {
			const v = field(r, k);
			return typeof v === 'string' && v.toLowerCase().includes(q);
		});
	}
	if (has('phone_number')) {
		const raw = isObject(b.phone_number) ? b.phone_number.value : b.phone_number;
		const digits = String(raw ?? '').replace(/\D/g, '');
		preds.push((r) => {
			const phones = field(r, 'phone_numbers');
			return Array.isArray(phones) && phones.some((p: { number?: unknown }) => String(p?.number ?? '').replace(/\D/g, '').includes(digits));
		});
	}
	if (has('emails') || has('email')) {
		const wanted = new Set(strArray('emails', b.emails ?? b.email).map((e) => e.trim().toLowerCase()));
		preds.push((r) => {
			if (entity === 'leads') {
				const e = field(r, 'email') as { email?: string } | null;
				return !!e && typeof e.email === 'string' && wanted.has(e.email.toLowerCase());
			}
			const list = field(r, 'emails');
			return Array.isArray(list) && anyOf(list.map((e: { email?: string }) => String(e?.email ?? '')), wanted);
		});
	}
	if (has('email_domains') || has('email_domain')) {
		const wanted = new Set(strArray('email_domains', b.email_domains ?? b.email_domain).map((e) => e.trim().toLowerCase()));
		preds.push((r) => {
			const d = field(r, 'email_domain');
			return typeof d === 'string' && wanted.has(d.toLowerCase());
		});
	}
	for (const [k, f] of Object.entries(ID_FILTERS)) {
		if (!has(k)) continue;
		const match = idMatcher(idArray(k, b[k]));
		preds.push((r) => match(field(r, f)));
	}
	if (has('status_ids')) {
		const ids = idArray('status_ids', b.status_ids);
		if (entity === 'leads') {
			const match = idMatcher(ids);
			preds.push((r) => match(field(r, 'status_id')));
		} else {
			const names = entity === 'opportunities' ? OPPORTUNITY_STATUSES : PROJECT_STATUSES;
			const wanted = new Set(ids.map((i) => (names[i] ?? '').toLowerCase()));
			preds.push((r) => wanted.has(String(field(r, 'status')).toLowerCase()));
		}
	}
	if (has('priority_ids')) {
		const wanted = new Set(idArray('priority_ids', b.priority_ids).map((i) => (OPPORTUNITY_PRIORITIES[i] ?? '').toLowerCase()));
		preds.push((r) => wanted.has(String(field(r, 'priority')).toLowerCase()));
	}
	for (const [k, f] of [['statuses', 'status'], ['priorities', 'priority']] as const) {
		if (!has(k)) continue;
		const wanted = new Set(strArray(k, b[k]).map((s) => s.toLowerCase()));
		preds.push((r) => wanted.has(String(field(r, f)).toLowerCase()));
	}
	if (has('project_ids')) preds.push(relatedRefMatcher('project', idArray('project_ids', b.project_ids)));
	if (has('opportunity_ids')) {
		const ids = idArray('opportunity_ids', b.opportunity_ids);
		if (entity === 'people') {
			const people = new Set<number>();
			for (const id of ids) {
				const o = store.opportunities.get(id);
				if (o?.primary_contact_id != null) people.add(o.primary_contact_id);
				for (const rel of store.relations.values()) {
					if (rel.a.type === 'opportunity' && rel.a.id === id && rel.b.type === 'person') people.add(rel.b.id);
					if (rel.b.type === 'opportunity' && rel.b.id === id && rel.a.type === 'person') people.add(rel.a.id);
				}
			}
			preds.push((r) => people.has(r.id));
		} else {
			preds.push(relatedRefMatcher('opportunity', ids));
		}
	}
	if (has('related_resource') && isObject(b.related_resource)) {
		const type = toSingular(b.related_resource.type);
		const id = b.related_resource.id;
		preds.push((r) => {
			const ref = field(r, 'related_resource') as ResourceRef | null;
			return !!ref && ref.type === type && (id === undefined || ref.id === id);
		});
	}
	if (has('tags')) preds.push(tagsPredicate(b.tags));
	for (const [k, f] of Object.entries(ADDRESS_FILTERS)) {
		if (!has(k)) continue;
		const wanted = new Set(strArray(k, b[k]).map((s) => s.toLowerCase()));
		preds.push((r) => {
			const a = field(r, 'address') as Record<string, unknown> | null;
			return !!a && typeof a[f] === 'string' && wanted.has((a[f] as string).toLowerCase());
		});
	}
	if (has('age')) {
		const since = store.now() - numValue('age', b.age);
		preds.push((r) => r.date_created >= since);
	}
	preds.push(...rangePredicates<AnyRecord>(b));
	if (has('custom_fields')) {
		if (!Array.isArray(b.custom_fields)) throw invalidInput('custom_fields must be an array');
		for (const f of b.custom_fields) preds.push(customFieldPredicate(store, f));
	}
	if (entity === 'leads' && b.include_converted_leads !== true && b.include_converted_leads !== 'true') {
		preds.push((r) => field(r, 'converted_unix_timestamp') == null);
	}
	return preds;
}

// ---------------------------------------------------------------------------------------------
// Sorting
// ---------------------------------------------------------------------------------------------

function first(v: unknown, key: string): unknown {
	return Array.isArray(v) && v.length > 0 ? (v[0] as Obj)?.[key] : null;
}

const SORT_ALIASES: Record<string, (r: Obj) => unknown> = {
	email: (r) => (isObject(r.email) ? r.email.email : first(r.emails, 'email')),
	phone: (r) => first(r.phone_numbers, 'number'),
	city: (r) => (isObject(r.address) ? r.address.city : null),
	state: (r) => (isObject(r.address) ? r.address.state : null),
	country: (r) => (isObject(r.address) ? r.address.country : null),
	zip: (r) => (isObject(r.address) ? r.address.postal_code : null),
	postal_code: (r) => (isObject(r.address) ? r.address.postal_code : null),
	assignee: (r) => r.assignee_id,
	assigned_to: (r) => r.assignee_id,
	value: (r) => r.monetary_value,
	stage: (r) => r.pipeline_stage_id,
	contact: (r) => r.primary_contact_id,
	primary_contact: (r) => r.primary_contact_id,
	last_interaction: (r) => r.date_last_contacted,
	related_to: (r) => (isObject(r.related_resource) ? r.related_resource.id : null),
	source: (r) => r.customer_source_id,
	account: (r) => r.company_name,
	contact_group: (r) => r.contact_type_id,
	primary_website: (r) => first(r.websites, 'url'),
	socials: (r) => first(r.socials, 'url'),
	close_date: (r) => closeDateToUnix(r.close_date),
};

function sortKey(sortBy: string): (r: Obj) => unknown {
	const alias = SORT_ALIASES[sortBy];
	if (alias) return alias;
	return (r) => {
		const v = r[sortBy];
		if (Array.isArray(v)) return v.length > 0 ? (typeof v[0] === 'object' ? JSON.stringify(v[0]) : v[0]) : null;
		if (isObject(v)) return JSON.stringify(v);
		return v;
	};
}

function compareValues(a: unknown, b: unknown): number {
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
	const x = String(a).toLowerCase();
	const y = String(b).toLowerCase();
	return x < y ? -1 : x > y ? 1 : 0;
}

export function parseSortDirection(v: unknown): 1 | -1 {
	if (v === undefined || v === null || v === '') return 1;
	if (typeof v === 'string' && v.toLowerCase() === 'asc') return 1;
	if (typeof v === 'string' && v.toLowerCase() === 'desc') return -1;
	throw invalidInput('sort_direction must be asc or desc');
}

/** Stable sort: by `sortBy` (nulls last) then id ascending. Without sortBy: id ascending. */
export function sortRecords<T extends { id: number }>(items: T[], sortBy: unknown, direction: 1 | -1): T[] {
	if (sortBy === undefined || sortBy === null || sortBy === '' || sortBy === 'id') {
		let sorted = true;
		for (let i = 1; i < items.length && sorted; i++) if (items[i - 1].id > items[i].id) sorted = false;
		if (!sorted || direction === -1) items.sort((a, b) => (a.id - b.id) * direction);
		return items;
	}
	if (typeof sortBy !== 'string') throw invalidInput('sort_by must be a string');
	const key = sortKey(sortBy);
	const decorated = items.map((r) => ({ r, k: key(r as unknown as Obj) }));
	decorated.sort((x, y) => {
		const xn = x.k === null || x.k === undefined || x.k === '';
		const yn = y.k === null || y.k === undefined || y.k === '';
		if (xn !== yn) return xn ? 1 : -1;
		if (!xn) {
			const c = compareValues(x.k, y.k) * direction;
			if (c !== 0) return c;
		}
		return x.r.id - y.r.id;
	});
	return decorated.map((d) => d.r);
}

// ---------------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------------

export function searchRecords(store: CopperStore, entity: EntityPlural, body: unknown, query: Record<string, string>): SearchResult<AnyRecord> {
	const b = searchBody(body);
	const paging = parsePaging(b, query);
	const direction = parseSortDirection(b.sort_direction ?? query.sort_direction);
	const preds = recordFilters(store, entity, b);
	const all = Array.from(store.map(entity).values()) as AnyRecord[];
	const matched = preds.length === 0 ? all : all.filter((r) => preds.every((p) => p(r)));
	const sorted = sortRecords(matched, b.sort_by ?? query.sort_by, direction);
	return { total: sorted.length, page: paginate(sorted, paging) };
}

/** Activities: newest first (activity_date, then id, descending). */
export function searchActivities(
	store: CopperStore,
	body: unknown,
	query: Record<string, string>,
	opts: { parent?: ResourceRef; rejectSort: boolean },
): SearchResult<Activity> {
	const b = searchBody(body);
	if (opts.rejectSort && b.sort_by !== undefined && b.sort_by !== null) {
		throw invalidInput('sort_by is not supported when searching activities (results are newest first)');
	}
	const paging = parsePaging(b, query);
	const preds: Array<Pred<Activity>> = [];
	const parent = opts.parent ?? (isObject(b.parent) ? b.parent : undefined);
	if (parent) {
		const type = toSingular(parent.type);
		const id = parent.id;
		if (!type || typeof id !== 'number') throw invalidInput('parent must be {id, type}');
		preds.push((a) => a.parent.type === type && a.parent.id === id);
	}
	if (b.activity_types !== undefined && b.activity_types !== null) {
		if (!Array.isArray(b.activity_types)) throw invalidInput('activity_types must be an array');
		const types = b.activity_types.map((t) => {
			if (!isObject(t) || typeof t.id !== 'number') throw invalidInput('activity_types must be [{id, category}]');
			return { id: t.id, category: typeof t.category === 'string' ? t.category : undefined };
		});
		preds.push((a) => types.some((t) => t.id === a.type.id && (t.category === undefined || t.category === a.type.category)));
	}
	if (b.user_ids !== undefined && b.user_ids !== null) {
		const match = idMatcher(idArray('user_ids', b.user_ids));
		preds.push((a) => match(a.user_id));
	}
	if (b.ids !== undefined && b.ids !== null) {
		const ids = new Set(idArray('ids', b.ids));
		preds.push((a) => ids.has(a.id));
	}
	preds.push(...rangePredicates<Activity>(b));
	const matched = Array.from(store.activities.values()).filter((a) => preds.every((p) => p(a)));
	matched.sort((x, y) => y.activity_date - x.activity_date || y.id - x.id);
	return { total: matched.length, page: paginate(matched, paging) };
}
