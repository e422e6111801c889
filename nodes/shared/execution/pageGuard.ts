/**
 * What keeps a paging loop honest, whatever the server answers: a hard bound on the pages one loop
 * reads (MAX_PAGES), and record IDs remembered across pages, so a page that repeats records already
 * read stops the run with a clear error instead of looping or duplicating. Records seen again on a
 * page that also brings new ones (a record that moved while paging) are dropped, not emitted twice.
 * One guard can span several loops (e.g. slices of one search), sharing the bound and the IDs.
 */
import { NodeOperationError, type INode } from 'n8n-workflow';

/**
 * Pages one paging loop (or one guard shared by several) reads at most. Copper's search stops at
 * 100,000 records (500 pages of 200); 5,000 pages leave room for reading past that cap in slices
 * (1,000,000 Copper records, 250,000 Ocoya posts at 50 a page) and take about 28 minutes at
 * Copper's 180 requests a minute. Reaching it with more pages to read is an error, never a silent cut.
 */
export const MAX_PAGES = 5_000;

export interface PageGuard {
	/** Pages read so far under this guard. */
	pages: number;
	/** IDs (as text) of the records read so far. */
	ids: Set<string>;
	/** The bound on pages (MAX_PAGES unless a caller asks for fewer). */
	maxPages: number;
}

export function createPageGuard(maxPages = MAX_PAGES): PageGuard {
	return { pages: 0, ids: new Set(), maxPages: Math.min(maxPages, MAX_PAGES) };
}

/** A record's identity: its `id`, with its `type` when it names one (lists mixing kinds, e.g. related items). */
const idOf = (record: unknown): string | undefined => {
	const { id, type } = record && typeof record === 'object' ? (record as { id?: unknown; type?: unknown }) : { id: undefined, type: undefined };
	if (typeof id !== 'string' && typeof id !== 'number') return undefined;
	return typeof type === 'string' ? `${type}:${String(id)}` : String(id);
};

/** Throws before a page past the guard's bound would be requested. */
export function checkPageBound(guard: PageGuard, node: INode, displayName: string, itemIndex: number): void {
	if (guard.pages < guard.maxPages) return;
	throw new NodeOperationError(node, `Stopped reading ${displayName} after ${guard.maxPages} pages: more pages were still announced`, {
		itemIndex,
		description: `Paging is bounded at ${guard.maxPages} pages per list so that a server that keeps answering full pages cannot make a run endless. Narrow the search with filters, or use "Limit".`,
	});
}

/**
 * Counts a page and returns its records not read before. A non-empty page whose records (those with
 * an ID) were all read before means the server repeats a page: a clear error, unless `repeatEnds`
 * (the total the server reported is already read, and it answers a page past the end with the last
 * one again): then undefined, the end of the list.
 */
export function admitPage(
	guard: PageGuard,
	records: unknown[],
	node: INode,
	displayName: string,
	page: number,
	itemIndex: number,
	repeatEnds = false,
): unknown[] | undefined {
	guard.pages++;
	const fresh: unknown[] = [];
	let keyed = 0;
	let repeated = 0;
	for (const record of records) {
		const id = idOf(record);
		if (id === undefined) {
			fresh.push(record);
			continue;
		}
		keyed++;
		if (guard.ids.has(id)) {
			repeated++;
			continue;
		}
		guard.ids.add(id);
		fresh.push(record);
	}
	if (keyed > 0 && repeated === keyed) {
		if (repeatEnds) return undefined;
		throw new NodeOperationError(node, `${displayName} answered page ${page} with records already read: the server repeats pages`, {
			itemIndex,
			description: `All ${keyed} records of page ${page} came on an earlier page, so paging would never end or would return duplicates. The run stopped; nothing was returned twice.`,
		});
	}
	return fresh;
}
