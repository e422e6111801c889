/**
 * Dropdown options and record-picker pages loaded from the account, through the same transport
 * (auth, retries, errors) and the service's page-numbered pagination.
 */
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { HttpMethod } from '../catalog';
import { MAX_PAGES } from '../execution/pageGuard';
import { forEachPage, mayHaveMore, pageRequest, reportedTotal } from '../execution/pagination';
import type { ServiceSpec } from '../service';
import { createTransport, send, type ApiRequest, type Transport } from '../transport/transport';

export interface OptionSource {
	path: string;
	/** GET by default; searches use POST. */
	method?: HttpMethod;
	qs?: IDataObject;
	body?: IDataObject;
	/** Read every page with the service's pagination (for searches such as Copper's users). */
	paginated?: boolean;
	/** The records of a response body; defaults to the body when it is an array. */
	records?: (body: unknown) => IDataObject[];
	/** Keep only some records. */
	filter?: (record: IDataObject) => boolean;
	/** Label of one record; defaults to `name`. */
	name?: (record: IDataObject) => string;
	value?: (record: IDataObject) => string | number;
	description?: (record: IDataObject) => string | undefined;
	/** Sort by label (default true). */
	sort?: boolean;
}

const arrayOf = (body: unknown): IDataObject[] => (Array.isArray(body) ? (body as IDataObject[]) : []);

/** The records of a source (one request, or all pages). */
export async function recordsFrom(transport: Transport, source: OptionSource): Promise<IDataObject[]> {
	const request: ApiRequest = {
		method: source.method ?? 'GET',
		path: source.path,
		qs: source.qs,
		body: source.body ?? (source.method === 'POST' ? {} : undefined),
	};
	let records: IDataObject[] = [];
	if (source.paginated) {
		await forEachPage(transport, request, 'read', transport.service.pagination.maxPageSize, 0, (page) => {
			records.push(...(page as IDataObject[]));
			return true;
		});
	} else {
		const response = await send(transport, request, 'read');
		records = source.records ? source.records(response.body) : arrayOf(response.body);
	}
	return source.filter ? records.filter(source.filter) : records;
}

export function toOptions(records: IDataObject[], source: Omit<OptionSource, 'path'>): INodePropertyOptions[] {
	const options = records.map((record) => ({
		name: source.name ? source.name(record) : String(record.name ?? record.id),
		value: source.value ? source.value(record) : (record.id as string),
		description: source.description?.(record),
	}));
	return source.sort === false ? options : options.sort((a, b) => a.name.localeCompare(b.name));
}

export async function loadOptionsFrom(
	fn: ILoadOptionsFunctions,
	service: ServiceSpec,
	source: OptionSource,
): Promise<INodePropertyOptions[]> {
	const transport = await createTransport(fn, service);
	return toOptions(await recordsFrom(transport, source), source);
}

export interface ListSearchSource {
	/** The search request of one page, without paging parameters. */
	request: ApiRequest;
	/** Records per page. */
	pageSize: number;
	name: (record: IDataObject) => string;
	value?: (record: IDataObject) => string;
	url?: (record: IDataObject) => string | undefined;
}

/** The picker's paginationToken: the page to read, and an ID of the page before (to notice a repeated page). */
function readToken(token: string | undefined, firstPage: number): { page: number; previousId?: string } {
	const match = token ? /^(\d+)(?::(.*))?$/s.exec(token) : null;
	return match ? { page: Number(match[1]), previousId: match[2] } : { page: firstPage };
}

/**
 * One page of a record picker's "From List": the page number travels in n8n's paginationToken,
 * so the editor asks for the next page only when the user scrolls on. It ends at a short page, at
 * MAX_PAGES, or when a page brings back a record of the page before (a server ignoring the page number).
 */
export async function listSearchPage(
	fn: ILoadOptionsFunctions,
	service: ServiceSpec,
	source: ListSearchSource,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const style = service.pagination;
	const { page, previousId } = readToken(paginationToken, style.firstPage);
	const size = Math.max(1, Math.min(style.maxPageSize, source.pageSize));
	const transport = await createTransport(fn, service);
	const response = await send(transport, pageRequest(style, source.request, page, size), 'read');
	const records = arrayOf(response.body);
	const ids = records.map((record) => String(record.id));
	if (previousId !== undefined && ids.includes(previousId)) return { results: [] };
	const results: INodeListSearchItems[] = records.map((record) => ({
		name: source.name(record),
		value: source.value ? source.value(record) : String(record.id),
		...(source.url?.(record) ? { url: source.url(record) } : {}),
	}));
	const seen = (page - style.firstPage) * size + records.length;
	const more = page - style.firstPage + 1 < MAX_PAGES && mayHaveMore(style, records.length, size, seen, reportedTotal(style, response.headers));
	return more ? { results, paginationToken: `${page + 1}:${ids[ids.length - 1]}` } : { results };
}
