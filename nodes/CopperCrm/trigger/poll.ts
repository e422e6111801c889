/**
 * The Copper CRM Poll Trigger's watermark logic.
 *
 * Records: search sorted ascending by date_created ("new") or date_modified
 * ("new or updated") from the watermark second, all pages. The query starts one
 * second before the watermark (so it works whether Copper's minimum is inclusive
 * or not) and drops older records; records at the watermark second that were
 * already emitted are remembered by ID and not emitted twice. The first
 * activation only reads the newest record's date (no flood); when nothing
 * matches yet, the watermark is Copper's clock (its Date header), never n8n's.
 *
 * Activities: `/activities/search` by minimum_activity_date (Copper returns
 * them newest first and accepts no sort), same watermark rules on activity_date.
 *
 * A poll reads everything past the watermark, past Copper's 100,000-record search cap too:
 * in slices on the same date (shared/execution/keysetSlicing.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import type { SliceSpec } from '../../shared/catalog';
import { fetchAllSliced } from '../../shared/execution/keysetSlicing';
import { fetchAllPages, type PagingReport } from '../../shared/execution/pagination';
import type { Transport } from '../../shared/transport/transport';

export interface PollState {
	watermark?: number;
	/** IDs already emitted whose date equals the watermark. */
	seen?: number[];
}

export interface PollQuery {
	entity: string;
	/** Date field compared with the watermark (date_created, date_modified, activity_date). */
	dateField: string;
	/** Search key of the lower bound (minimum_created_date, ...). */
	minimumKey: string;
	/** Sort key for record searches; activities take none. */
	sortBy?: string;
	filters: Record<string, unknown>;
}

export function queryFor(entity: string, event: string, filters: Record<string, unknown>): PollQuery {
	if (entity === 'activities') {
		return { entity, dateField: 'activity_date', minimumKey: 'minimum_activity_date', filters };
	}
	const modified = event === 'newOrUpdated';
	return {
		entity,
		dateField: modified ? 'date_modified' : 'date_created',
		minimumKey: modified ? 'minimum_modified_date' : 'minimum_created_date',
		sortBy: modified ? 'date_modified' : 'date_created',
		filters,
	};
}

const dateOf = (record: IDataObject, field: string) => Number(record[field] ?? 0);

/** The poll's read in slices on its own date (records ascending, activities newest first). */
export function sliceFor(query: PollQuery): SliceSpec {
	const maximum = query.minimumKey.replace(/^minimum_/, 'maximum_');
	return query.sortBy
		? { key: query.dateField, minimum: query.minimumKey, maximum, sort: { param: 'sort_by', value: query.sortBy, directionParam: 'sort_direction' } }
		: { key: query.dateField, minimum: query.minimumKey, maximum, order: 'desc', editable: true };
}

/** Every record past the watermark, past the search cap. */
async function searchAll(transport: Transport, query: PollQuery, body: Record<string, unknown>) {
	const request = { method: 'POST' as const, path: `/${query.entity}/search`, body: { ...query.filters, ...body } };
	return (await fetchAllSliced(transport, request, 'read', sliceFor(query), 0, { slices: 0, read: 0 })) as IDataObject[];
}

async function search(transport: Transport, query: PollQuery, body: Record<string, unknown>, limit?: number, report?: PagingReport) {
	return (await fetchAllPages(
		transport,
		{ method: 'POST', path: `/${query.entity}/search`, body: { ...query.filters, ...body } },
		'read',
		limit,
		0,
		report,
	)) as IDataObject[];
}

/** The newest matching record (for the editor's test run, and the first activation). */
export async function newest(transport: Transport, query: PollQuery, count = 1, report?: PagingReport): Promise<IDataObject[]> {
	const sort = query.sortBy ? { sort_by: query.sortBy, sort_direction: 'desc' } : {};
	const records = await search(transport, query, sort, count, report);
	return records.sort((a, b) => dateOf(b, query.dateField) - dateOf(a, query.dateField)).slice(0, count);
}

export async function pollRecords(transport: Transport, query: PollQuery, state: PollState): Promise<IDataObject[]> {
	if (state.watermark === undefined) {
		const report: PagingReport = {};
		const latest = await newest(transport, query, 200, report);
		// Never n8n's clock: the newest record's date, else Copper's clock (its Date header), else the
		// beginning of time (nothing matched at activation, so whatever matches later is new).
		const top = latest.length ? dateOf(latest[0], query.dateField) : (report.serverTime ?? 0);
		state.watermark = top;
		state.seen = latest.filter((record) => dateOf(record, query.dateField) === top).map((record) => Number(record.id));
		return [];
	}
	const watermark = state.watermark;
	const seen = new Set(state.seen ?? []);
	const sort = query.sortBy ? { sort_by: query.sortBy, sort_direction: 'asc' } : {};
	const records = await searchAll(transport, query, { ...sort, [query.minimumKey]: watermark - 1 });
	const fresh = records
		.filter((record) => dateOf(record, query.dateField) >= watermark)
		.filter((record) => !(dateOf(record, query.dateField) === watermark && seen.has(Number(record.id))))
		.sort((a, b) => dateOf(a, query.dateField) - dateOf(b, query.dateField) || Number(a.id) - Number(b.id));
	const unique = [...new Map(fresh.map((record) => [Number(record.id), record])).values()];
	if (unique.length) {
		const top = dateOf(unique[unique.length - 1], query.dateField);
		const atTop = unique.filter((record) => dateOf(record, query.dateField) === top).map((record) => Number(record.id));
		state.seen = top === watermark ? [...seen, ...atTop] : atTop;
		state.watermark = top;
	}
	return unique;
}
