/**
 * Page-numbered pagination: one constant page size (the largest the API allows,
 * or the limit when smaller; page numbers multiply the size, so it never changes
 * mid-way), page numbers incremented from the first page, and a stop on a short
 * page, on the total header, on the API's record cap, at the limit, or when the
 * caller has seen enough. Never requests a page twice.
 */
import type { OperationKind } from './catalog';
import { send, type ApiRequest, type Transport } from './transport';

/** Calls `onPage` with each page's records; `onPage` returns false to stop. */
export async function forEachPage(
	transport: Transport,
	request: ApiRequest,
	kind: OperationKind,
	pageSize: number,
	itemIndex: number,
	onPage: (records: unknown[], seen: number) => boolean,
): Promise<void> {
	const style = transport.service.pagination;
	const size = Math.max(1, Math.min(style.maxPageSize, pageSize));
	let seen = 0;
	for (let page = style.firstPage; ; page++) {
		const paging = { [style.pageParam]: page, [style.sizeParam]: size };
		const pageRequest: ApiRequest =
			style.location === 'body'
				? { ...request, body: { ...((request.body as object) ?? {}), ...paging } }
				: { ...request, qs: { ...(request.qs ?? {}), ...paging } };
		const response = await send(transport, pageRequest, kind, itemIndex, true);
		const records = Array.isArray(response.body) ? response.body : response.body === undefined ? [] : [response.body];
		seen += records.length;
		if (!onPage(records, seen)) return;
		if (records.length < size) return;
		const total = style.totalHeader ? Number(response.headers[style.totalHeader.toLowerCase()]) : NaN;
		if (Number.isFinite(total) && seen >= total) return;
		if (style.maxRecords !== undefined && seen >= style.maxRecords) return;
	}
}

/** All records, or the first `limit`. */
export async function fetchAllPages(
	transport: Transport,
	request: ApiRequest,
	kind: OperationKind,
	limit: number | undefined,
	itemIndex: number,
): Promise<unknown[]> {
	const results: unknown[] = [];
	const pageSize = limit ?? transport.service.pagination.maxPageSize;
	await forEachPage(transport, request, kind, pageSize, itemIndex, (records) => {
		results.push(...records);
		return limit === undefined || results.length < limit;
	});
	return limit === undefined ? results : results.slice(0, limit);
}
