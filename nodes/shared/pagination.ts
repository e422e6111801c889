/**
 * Page-numbered pagination: one constant page size (the largest the API allows,
 * or the limit when smaller), page numbers incremented from the first page, and
 * a stop on a short page, on the total header, on the API's record cap or at the limit.
 * Never requests a page twice.
 */
import type { OperationKind } from './catalog';
import { send, type ApiRequest, type Transport } from './transport';

export async function fetchAllPages(
	transport: Transport,
	request: ApiRequest,
	kind: OperationKind,
	limit: number | undefined,
	itemIndex: number,
): Promise<unknown[]> {
	const style = transport.service.pagination;
	const pageSize = Math.max(1, Math.min(style.maxPageSize, limit ?? style.maxPageSize));
	const results: unknown[] = [];
	for (let page = style.firstPage; ; page++) {
		const paging = { [style.pageParam]: page, [style.sizeParam]: pageSize };
		const pageRequest: ApiRequest =
			style.location === 'body'
				? { ...request, body: { ...((request.body as object) ?? {}), ...paging } }
				: { ...request, qs: { ...(request.qs ?? {}), ...paging } };
		const response = await send(transport, pageRequest, kind, itemIndex);
		const records = Array.isArray(response.body) ? response.body : response.body === undefined ? [] : [response.body];
		results.push(...records);
		if (limit !== undefined && results.length >= limit) return results.slice(0, limit);
		if (records.length < pageSize) break;
		const total = style.totalHeader ? Number(response.headers[style.totalHeader.toLowerCase()]) : NaN;
		if (Number.isFinite(total) && results.length >= total) break;
		if (style.maxRecords !== undefined && results.length >= style.maxRecords) break;
	}
	return results;
}
