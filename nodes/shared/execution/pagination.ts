/**
 * Page-numbered pagination: one constant page size (the largest the API allows,
 * or the limit when smaller; page numbers multiply the size, so it never changes
 * mid-way), page numbers incremented from the first page, and a stop on a short
 * page, on the API's record cap, at the limit, or when the caller has seen enough.
 * Never requests a page twice. A total header is a hint, not a stop: full pages
 * beyond a smaller total keep being read. Every loop passes one guard (pageGuard.ts):
 * a hard bound on pages, and a page repeating records already read is an error.
 */
import type { OperationKind } from '../catalog';
import type { PaginationStyle } from '../service';
import { send, type ApiRequest, type Transport } from '../transport/transport';
import { admitPage, checkPageBound, createPageGuard, type PageGuard } from './pageGuard';

/** The request of one page: the page number and size in the body or the query, as the service pages. */
export function pageRequest(style: PaginationStyle, request: ApiRequest, page: number, size: number): ApiRequest {
	const paging = { [style.pageParam]: page, [style.sizeParam]: size };
	return style.location === 'body'
		? { ...request, body: { ...((request.body as object) ?? {}), ...paging } }
		: { ...request, qs: { ...(request.qs ?? {}), ...paging } };
}

/** The total of matching records a response reports (service's total header), if any. */
export function reportedTotal(style: PaginationStyle, headers: Record<string, string>): number | undefined {
	const text = style.totalHeader ? (headers[style.totalHeader.toLowerCase()] ?? '').trim() : '';
	return /^\d{1,15}$/.test(text) ? Number(text) : undefined;
}

/**
 * Whether records after `seen` may exist: the page was full and the API's cap is not reached. The
 * total the API reports does not stop a full page (a total smaller than what full pages prove would
 * cut the result silently); it costs one empty page when the total is a multiple of the page size.
 */
export function mayHaveMore(style: PaginationStyle, pageLength: number, size: number, seen: number, _total?: number): boolean {
	if (pageLength < size) return false;
	return !(style.maxRecords !== undefined && seen >= style.maxRecords);
}

/**
 * Calls `onPage` with each page's records not read before (and the total the API reports, when it
 * does); `onPage` returns false to stop. `guard` (one per call unless given) bounds the pages and
 * refuses a repeated page; pass one guard to several calls to share both across them.
 */
export async function forEachPage(
	transport: Transport,
	request: ApiRequest,
	kind: OperationKind,
	pageSize: number,
	itemIndex: number,
	onPage: (records: unknown[], seen: number, total: number | undefined, headers: Record<string, string>) => boolean,
	guard: PageGuard = createPageGuard(),
): Promise<void> {
	const style = transport.service.pagination;
	const size = Math.max(1, Math.min(style.maxPageSize, pageSize));
	const node = transport.fn.getNode();
	const name = transport.service.displayName;
	let seen = 0;
	let total: number | undefined;
	for (let page = style.firstPage; ; page++) {
		checkPageBound(guard, node, name, itemIndex);
		const response = await send(transport, pageRequest(style, request, page, size), kind, itemIndex, true);
		const records = Array.isArray(response.body) ? response.body : response.body === undefined ? [] : [response.body];
		// Past a reported total already read, a repeated page is the end (a server answering the last page again).
		const fresh = admitPage(guard, records, node, name, page, itemIndex, total !== undefined && seen >= total);
		if (!fresh) return;
		seen += records.length;
		total = reportedTotal(style, response.headers);
		if (!onPage(fresh, seen, total, response.headers)) return;
		if (!mayHaveMore(style, records.length, size, seen, total)) return;
	}
}

/** What paging with a limit left behind, for telling the user. */
export interface PagingReport {
	/** More records match than the limit let through (known from a longer page or the API's total). */
	more?: boolean;
	/** The total the API reported, when it does. */
	total?: number;
	/** The server's clock (Unix seconds) from the `Date` header of the last page read, when it sends one. */
	serverTime?: number;
}

/** The server's clock in Unix seconds from a response's `Date` header, if it sends a valid one. */
export function serverTimeOf(headers: Record<string, string>): number | undefined {
	const parsed = headers.date ? Date.parse(headers.date) : NaN;
	return Number.isFinite(parsed) ? Math.floor(parsed / 1000) : undefined;
}

/** All records, or the first `limit` (then `report` says whether more match). */
export async function fetchAllPages(
	transport: Transport,
	request: ApiRequest,
	kind: OperationKind,
	limit: number | undefined,
	itemIndex: number,
	report?: PagingReport,
	guard?: PageGuard,
): Promise<unknown[]> {
	const results: unknown[] = [];
	const pageSize = limit ?? transport.service.pagination.maxPageSize;
	let total: number | undefined;
	await forEachPage(transport, request, kind, pageSize, itemIndex, (records, _seen, reported, headers) => {
		results.push(...records);
		total = reported ?? total;
		if (report) report.serverTime = serverTimeOf(headers) ?? report.serverTime;
		return limit === undefined || results.length < limit;
	}, guard);
	if (limit === undefined) return results;
	if (report) {
		report.total = total;
		report.more = results.length > limit || (total !== undefined && total > limit);
	}
	return results.slice(0, limit);
}
