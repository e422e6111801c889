/**
 * The Ocoya sandbox's post model: the inputs that create and update post groups, date and media
 * normalisation, the JSON shapes the API answers with, and the API's post order.
 */

import { toPostProvider, type PostStatus } from './enums';
import type { Creative, PostEntry, PostGroup, PostGroupJson, SocialProfile, SocialProfileJson } from './types';

/** Input for creating a post group (used by POST /post, POST /post/ai, addPosts and seeds). */
export interface CreatePostInput {
	caption?: string;
	mediaUrls?: string[];
	/** Must belong to the workspace (unknown ids are silently skipped here; handlers validate). */
	socialProfileIds?: string[];
	/** Any Date-parsable string, Date, or null. Normalised to ISO with milliseconds. */
	scheduledAt?: string | Date | null;
	/** Defaults to SCHEDULED when scheduledAt is set, DRAFT otherwise. */
	status?: PostStatus;
	/** Defaults to a monotonic "now" so later creations always sort first. */
	createdAt?: string | Date;
	/** Extra creatives (e.g. an AI-generated image) appended after mediaUrls. */
	creatives?: Creative[];
	campaignId?: string;
	id?: string;
}

/** Overrides accepted by `addPosts`; `caption` may contain `{n}` (1-based index within the batch). */
export type PostOverrides = Omit<CreatePostInput, 'id'>;

export interface UpdatePostInput {
	scheduledAt?: string | Date | null;
	caption?: string;
	status?: PostStatus;
}

export function toIso(value: string | Date): string {
	const d = value instanceof Date ? value : new Date(value);
	if (Number.isNaN(d.getTime())) throw new Error(`Invalid date: ${String(value)}`);
	return d.toISOString();
}

export function creativeFor(url: string): Creative {
	return /\.(mp4|mov|webm)(\?|#|$)/i.test(url) ? { video: url } : { image: url };
}

export function serializeSocialProfile(p: SocialProfile): SocialProfileJson {
	return { id: p.id, provider: p.provider, name: p.name, image: p.image };
}

export function serializePostGroup(pg: PostGroup): PostGroupJson {
	return {
		id: pg.id,
		postType: pg.postType,
		status: pg.status,
		scheduledAt: pg.scheduledAt,
		posts: pg.posts.map((p) => ({
			provider: p.provider,
			caption: p.caption,
			...(p.options ? { options: { ...p.options } } : {}),
			creatives: p.creatives.map((c) => ({ ...c })),
		})),
		socialProfiles: pg.socialProfiles.map((sp) => ({ socialProfile: { ...sp.socialProfile } })),
	};
}

/** Newest createdAt first; ties broken by id (descending, i.e. later CUID first). */
export function comparePostGroups(a: PostGroup, b: PostGroup): number {
	if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
	if (a.id === b.id) return 0;
	return a.id < b.id ? 1 : -1;
}

/** The GENERAL entry, then one entry per distinct provider among the profiles. */
export function buildPostEntries(caption: string, creatives: Creative[], profiles: SocialProfile[]): PostEntry[] {
	const entries: PostEntry[] = [{ provider: 'GENERAL', caption, creatives: creatives.map((c) => ({ ...c })) }];
	const seen = new Set<string>();
	for (const p of profiles) {
		const provider = toPostProvider(p.provider);
		if (seen.has(provider)) continue;
		seen.add(provider);
		entries.push({ provider, caption, options: { caption }, creatives: creatives.map((c) => ({ ...c })) });
	}
	return entries;
}
