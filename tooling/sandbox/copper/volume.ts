/**
 * Large volumes: seeding hundreds of thousands of records with spread-out dates in a second or two
 * (`seedVolume`, also `POST /__sandbox/seed`), and a cache of the last searches' sorted matches so
 * that paging through 250,000 records does not filter and sort them again for every page.
 *
 * The cache is keyed by the search (entity, filters, sort) and invalidated by any change the sandbox
 * sees: the store's `version` (bumped by its insert/update/remove and by every request that is not a
 * search) and the size of the collection. A test that edits a stored record object in place should call
 * `store.touch()` afterwards.
 */

import { invalidInput } from './errors';
import type { CopperStore } from './store';
import type { Activity, EntityPlural } from './types';
import { isObject } from './validation';

/** Below this many records a search is cheap enough to run afresh for every page. */
const CACHE_FROM = 5_000;
const CACHE_ENTRIES = 4;

interface Entry {
	key: string;
	version: number;
	size: number;
	sorted: unknown[];
}

const caches = new WeakMap<CopperStore, Entry[]>();

/** The sorted matches of a search, computed once per store version (for large collections). */
export function cachedMatches<T>(store: CopperStore, size: number, key: string, compute: () => T[]): T[] {
	if (size < CACHE_FROM) return compute();
	const entries = caches.get(store) ?? [];
	caches.set(store, entries);
	const hit = entries.find((e) => e.key === key && e.version === store.version && e.size === size);
	if (hit) return hit.sorted as T[];
	const sorted = compute();
	entries.unshift({ key, version: store.version, size, sorted });
	entries.length = Math.min(entries.length, CACHE_ENTRIES);
	return sorted;
}

/** The search body without its paging, as a cache key. */
export function searchKey(entity: string, body: Record<string, unknown>, query: Record<string, string>): string {
	const { page_number: _n, page_size: _s, ...rest } = body;
	const { page_number: _qn, page_size: _qs, ...restQuery } = query;
	return `${entity}|${JSON.stringify(rest)}|${JSON.stringify(restQuery)}`;
}

export interface VolumeSeed {
	/** An entity plural or `activities`. */
	entity: EntityPlural | 'activities';
	count: number;
	/** Unix seconds of the first record's date_created (activities: activity_date); default: now − count. */
	start?: number;
	/** Records sharing each second (default 1): many records on one second make ties at slice boundaries. */
	perSecond?: number;
}

/**
 * Inserts `count` records quickly, dated `start`, `start + 1`, … with `perSecond` records on each second
 * (date_created = date_modified; activities also activity_date). Activities hang off the first person.
 */
export function seedVolume(store: CopperStore, seed: VolumeSeed): number {
	const perSecond = Math.max(1, Math.floor(seed.perSecond ?? 1));
	const start = seed.start ?? store.now() - Math.ceil(seed.count / perSecond);
	const dateOf = (i: number) => start + Math.floor(i / perSecond);
	if (seed.entity === 'activities') {
		addActivities(store, seed.count, dateOf);
		return seed.count;
	}
	store.addRecords(seed.entity, seed.count, (i) => ({ date_created: dateOf(i), date_modified: dateOf(i) }));
	return seed.count;
}

function addActivities(store: CopperStore, count: number, dateOf: (i: number) => number): void {
	const parent = store.people.values().next().value ?? store.addPeople(1)[0];
	for (let i = 0; i < count; i++) {
		const date = dateOf(i);
		const activity: Activity = {
			id: store.nextId(),
			parent: { id: parent.id, type: 'person' },
			type: { id: 0, category: 'user' },
			user_id: store.apiUserId,
			details: `Activity ${i}`,
			activity_date: date,
			old_value: null,
			new_value: null,
			date_created: date,
			date_modified: date,
		};
		store.activities.set(activity.id, activity);
	}
	store.touch();
}

/** `POST /__sandbox/seed` body → a seed (400-style error on a bad body). */
export function parseVolumeSeed(body: unknown): VolumeSeed {
	if (!isObject(body)) throw invalidInput('the seed body must be a JSON object');
	const entities = ['leads', 'people', 'companies', 'opportunities', 'projects', 'tasks', 'activities'];
	if (typeof body.entity !== 'string' || !entities.includes(body.entity)) throw invalidInput(`entity must be one of ${entities.join(', ')}`);
	const count = body.count;
	if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 1_000_000) throw invalidInput('count must be an integer from 1 to 1,000,000');
	const num = (v: unknown, name: string) => {
		if (v === undefined) return undefined;
		if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalidInput(`${name} must be a non-negative integer`);
		return v;
	};
	return { entity: body.entity as VolumeSeed['entity'], count, start: num(body.start, 'start'), perSecond: num(body.perSecond, 'perSecond') };
}
