/**
 * What the Ocoya Trigger emits on each poll, kept apart from the node class.
 *
 * "New post": posts are listed newest first; the trigger pages until it meets
 * a post it has already seen and emits the unseen ones, oldest first. The first
 * activation only records what exists (no flood).
 *
 * "Post status changed": the trigger remembers the last status of each post it
 * tracks (only posts in the chosen statuses when a filter is set) and emits a
 * post when its status differs from the remembered one; posts it never saw are
 * recorded, not emitted. The first activation records the baseline.
 */
import type { IDataObject } from 'n8n-workflow';

import { fetchAllPages, forEachPage } from '../../shared/execution/pagination';
import type { Transport } from '../../shared/transport/transport';

export interface PostState {
	/** IDs of the newest posts already seen (newest first), for "New post". */
	seenIds?: string[];
	/** Last known status per post, for "Post status changed". */
	statuses?: Record<string, string>;
}

/** How many recently seen post IDs are remembered for "New post". */
export const SEEN_WINDOW = 500;
/** Upper bound of pages read in one "New post" poll when no seen post is met. */
const MAX_NEW_POST_PAGES = 20;

const listRequest = (workspaceId: string, statuses: string[]) => ({
	method: 'GET' as const,
	path: '/post',
	qs: { workspaceId, ...(statuses.length ? { statuses } : {}) },
});

export async function newestPost(transport: Transport, workspaceId: string, statuses: string[]): Promise<IDataObject[]> {
	return (await fetchAllPages(transport, listRequest(workspaceId, statuses), 'read', 1, 0)) as IDataObject[];
}

export async function pollNewPosts(
	transport: Transport,
	state: PostState,
	workspaceId: string,
	statuses: string[],
): Promise<IDataObject[]> {
	const firstRun = state.seenIds === undefined;
	const seen = new Set(state.seenIds ?? []);
	const fresh: IDataObject[] = [];
	const latest: string[] = [];
	let pages = 0;
	await forEachPage(transport, listRequest(workspaceId, statuses), 'read', 50, 0, (records) => {
		pages++;
		let metSeen = false;
		for (const record of records as IDataObject[]) {
			const id = String(record.id);
			if (seen.has(id)) {
				metSeen = true;
				break;
			}
			latest.push(id);
			fresh.push(record);
		}
		return !firstRun && !metSeen && pages < MAX_NEW_POST_PAGES;
	});
	state.seenIds = [...latest, ...(state.seenIds ?? [])].slice(0, SEEN_WINDOW);
	return firstRun ? [] : fresh.reverse();
}

export async function pollStatusChanges(
	transport: Transport,
	state: PostState,
	workspaceId: string,
	statuses: string[],
): Promise<IDataObject[]> {
	const firstRun = state.statuses === undefined;
	const known = state.statuses ?? {};
	const posts = (await fetchAllPages(transport, listRequest(workspaceId, statuses), 'read', undefined, 0)) as IDataObject[];
	const changed: IDataObject[] = [];
	const next: Record<string, string> = {};
	for (const post of posts) {
		const id = String(post.id);
		const status = String(post.status);
		next[id] = status;
		const previous = known[id];
		// Without a filter, a post we never saw is new, not changed; with one, entering the filter is the change.
		const entered = previous === undefined && statuses.length > 0;
		if (!firstRun && ((previous !== undefined && previous !== status) || entered)) {
			changed.push({ ...post, previousStatus: previous ?? null });
		}
	}
	state.statuses = next;
	return changed.reverse();
}
