/**
 * Return All past an API's record cap (Copper: the first 100,000 records of a search, whatever the
 * paging) by keyset slicing: the search is ordered by a date it can also filter on (the catalog's
 * `slice`), read through the page loop up to the cap, and a new search starts at the last date read.
 *
 * - The next slice's bound is one second before the last key (ascending; one after, descending), so it
 *   holds whether the API's minimum is inclusive or not; the re-read boundary records are dropped by ID.
 * - Every ID emitted is remembered for the whole read, so a record is emitted once even when edits or
 *   new records shift the offsets under the paging (and a re-read boundary second costs no duplicate).
 * - The user's filters stay; a user bound on the key is narrowed, never widened. Without a user sort the
 *   read is ordered by the key; with another sort it cannot slice, and the caller is told.
 * - A slice must move the key forward, and there are at most MAX_SLICES: no read is unbounded.
 */
import { NodeOperationError } from 'n8n-workflow';

import type { OperationKind, SliceSpec } from '../catalog';
import type { ApiRequest, Transport } from '../transport/transport';
import { MAX_PAGES, type PageGuard } from './pageGuard';
import { forEachPage } from './pagination';

/**
 * Searches one sliced read makes at most. The pages of all its slices together stay within the paging
 * loop's one bound (pageGuard.ts MAX_PAGES: 1,000,000 Copper records); this bounds slices that read little.
 */
export const MAX_SLICES = 1000;

/** What a sliced read did, for the output pane. */
export interface SliceReport {
	/** Searches (slices) made. */
	slices: number;
	/** Records returned. */
	read: number;
	/** The total the API reported for the whole search (first slice), when it does. */
	total?: number;
	/** Why records past the cap stayed unread: the user's sort, no usable key, or one key shared by a whole slice. */
	stopped?: 'sort' | 'noKey' | 'tie';
	/** The key the read stopped at (for `tie`). */
	stoppedAt?: number;
}

type Body = Record<string, unknown>;
type Direction = 'asc' | 'desc';

/** How this search can slice: the body to start from and the direction, or undefined when the user's sort rules it out. */
export function slicePlan(body: Body, slice: SliceSpec): { body: Body; direction: Direction } | undefined {
	if (!slice.sort) return { body, direction: slice.order ?? 'asc' };
	const { param, value, directionParam } = slice.sort;
	const userSort = body[param];
	if (userSort !== undefined && userSort !== null && userSort !== '' && userSort !== value) return undefined;
	const direction: Direction = String(body[directionParam] ?? 'asc').toLowerCase() === 'desc' ? 'desc' : 'asc';
	return { body: { ...body, [param]: value, [directionParam]: direction }, direction };
}

/** The body of the slice that starts at `bound` (one second of overlap), keeping a narrower user bound. */
export function boundedBody(body: Body, slice: SliceSpec, direction: Direction, bound: number): Body {
	const filter = direction === 'asc' ? slice.minimum : slice.maximum;
	const user = typeof body[filter] === 'number' ? (body[filter] as number) : undefined;
	const start = direction === 'asc' ? Math.max(bound - 1, user ?? -Infinity) : Math.min(bound + 1, user ?? Infinity);
	return { ...body, [filter]: start };
}

const keyOf = (record: unknown, field: string): number | undefined => {
	const value = record && typeof record === 'object' ? (record as Body)[field] : undefined;
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
};

const idOf = (record: unknown): unknown => (record && typeof record === 'object' ? (record as Body).id : undefined);

interface SliceRead {
	/** The keys of the first and the last record in the API's order. */
	firstKey?: number;
	lastKey?: number;
	total?: number;
	/** The API left matching records out: it reported more than it gave, or stopped at its cap. */
	capped: boolean;
}

/** One slice through the page loop; new records (by ID) go to `out`. */
async function readSlice(
	transport: Transport,
	request: ApiRequest,
	kind: OperationKind,
	itemIndex: number,
	key: string,
	emitted: Set<unknown>,
	out: unknown[],
	pages: { used: number },
): Promise<SliceRead> {
	const style = transport.service.pagination;
	const read: SliceRead = { capped: false };
	let seen = 0;
	let lastFull = false;
	// One page bound across every slice; its own ID set, since each slice re-reads its boundary second.
	const guard: PageGuard = { pages: pages.used, ids: new Set(), maxPages: MAX_PAGES };
	await forEachPage(transport, request, kind, style.maxPageSize, itemIndex, (records, count, total) => {
		seen = count;
		read.total = total ?? read.total;
		lastFull = records.length >= style.maxPageSize;
		for (const record of records) {
			read.lastKey = keyOf(record, key) ?? read.lastKey;
			read.firstKey ??= read.lastKey;
			const id = idOf(record);
			if (id !== undefined && id !== null) {
				if (emitted.has(id)) continue;
				emitted.add(id);
			}
			out.push(record);
		}
		return true;
	}, guard);
	pages.used = guard.pages;
	read.capped = leftOut(read.total, seen, lastFull, style.maxRecords);
	return read;
}

/**
 * Whether a slice left matching records out: the API reported more than it gave, or the slice ended on a
 * full page at the API's cap (whatever total it reports: a total that is itself capped must not end the read).
 */
export function leftOut(total: number | undefined, seen: number, lastFull: boolean, cap: number | undefined): boolean {
	if (total !== undefined && total > seen) return true;
	return lastFull && cap !== undefined && seen >= cap;
}

const forward = (direction: Direction, from: number, to: number) => (direction === 'asc' ? to > from : to < from);

/**
 * Every record of a search, in slices past the API's cap when the catalog's `slice` allows it;
 * `report` says how many slices it took and why it stopped short, if it did.
 */
export async function fetchAllSliced(
	transport: Transport,
	request: ApiRequest,
	kind: OperationKind,
	slice: SliceSpec,
	itemIndex: number,
	report: SliceReport,
): Promise<unknown[]> {
	const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Body;
	const plan = slicePlan(body, slice);
	const out: unknown[] = [];
	const emitted = new Set<unknown>();
	const pages = { used: 0 };
	let bound: number | undefined;
	for (report.slices = 1; ; report.slices++) {
		if (report.slices > MAX_SLICES) {
			throw new NodeOperationError(transport.fn.getNode(), `Stopped after ${MAX_SLICES} searches of ${transport.service.displayName}'s record cap`, { itemIndex });
		}
		const sliceBody = plan ? (bound === undefined ? plan.body : boundedBody(plan.body, slice, plan.direction, bound)) : body;
		const read = await readSlice(transport, { ...request, body: sliceBody }, kind, itemIndex, slice.key, emitted, out, pages);
		if (report.slices === 1) report.total = read.total;
		report.read = out.length;
		if (!read.capped) return out;
		if (!plan) report.stopped = 'sort';
		else if (read.lastKey === undefined) report.stopped = 'noKey';
		else if (!forward(plan.direction, bound ?? read.firstKey ?? read.lastKey, read.lastKey)) report.stopped = 'tie';
		if (report.stopped) {
			report.stoppedAt = read.lastKey;
			return out;
		}
		bound = read.lastKey;
	}
}

/** The output pane's word on sliced reads that stopped short, or that used a key edits can move. */
export function sliceHints(service: string, slice: SliceSpec, reports: SliceReport[], itemCount: number): string[] {
	const hints: string[] = [];
	const short = reports.filter((r) => r.stopped);
	const [first] = short;
	if (first) {
		const of = first.total !== undefined ? ` of the ${first.total} that match` : '';
		const where = itemCount > 1 ? `For ${short.length} of ${itemCount} input items, ` : '';
		const why =
			first.stopped === 'sort'
				? `the chosen sort cannot be read in slices. To get every record, sort by "${slice.sort?.value ?? slice.key}" or leave Sort By unset: the node then reads in slices by ${slice.key}, which no edit can move`
				: first.stopped === 'tie'
					? `more records share ${slice.key} ${first.stoppedAt} than one search returns`
					: `the records carry no ${slice.key} to start the next search from`;
		hints.push(`${where}${service} returns a search's records only up to its cap: returned ${first.read}${of}, because ${why}.`);
	}
	if (slice.editable && reports.some((r) => r.slices > 1)) {
		hints.push(
			`Read past ${service}'s search cap in slices by ${slice.key}. Only a creation date is a sound key, and this search cannot filter on one: a record whose ${slice.key} is edited during the read can be missed.`,
		);
	}
	return hints;
}
