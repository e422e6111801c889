/**
 * Search semantics shared by `/{entity}/search`, `/users/search`, `/activities/search` and
 * `/{entity}/{id}/activities`: paging (body first, then query string), filters (ANDed; the record
 * filters in filters.ts), stable sorting (ties broken by id) and the 100,000-record cap.
 */

import { toSingular } from './entities';
import { invalidInput } from './errors';
import { idArray, idMatcher, rangePredicates, recordFilters, type Pred } from './filters';
import type { CopperStore } from './store';
import type { Activity, AnyRecord, EntityPlural, ResourceRef } from './types';
import { closeDateToUnix, isObject, type Obj } from './validation';
import { cachedMatches, searchKey } from './volume';

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

/** One page of `items`, none past the cap (Copper's 100,000; the store's `searchCap` for searches). */
export function paginate<T>(items: T[], p: Paging, cap = SEARCH_CAP): T[] {
	const start = (p.pageNumber - 1) * p.pageSize;
	if (start >= cap) return [];
	return items.slice(start, Math.min(start + p.pageSize, cap));
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
	const sorted = cachedMatches(store, store.map(entity).size, searchKey(entity, b, query), () => {
		const all = Array.from(store.map(entity).values()) as AnyRecord[];
		const matched = preds.length === 0 ? all : all.filter((r) => preds.every((p) => p(r)));
		return sortRecords(matched, b.sort_by ?? query.sort_by, direction);
	});
	return { total: sorted.length, page: paginate(sorted, paging, store.searchCap) };
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
	const key = searchKey(`activities:${parent ? `${parent.type}/${parent.id}` : ''}`, b, query);
	const matched = cachedMatches(store, store.activities.size, key, () => {
		const found = Array.from(store.activities.values()).filter((a) => preds.every((p) => p(a)));
		return found.sort((x, y) => y.activity_date - x.activity_date || y.id - x.id);
	});
	return { total: matched.length, page: paginate(matched, paging, store.searchCap) };
}
