/**
 * In-memory state of the Ocoya sandbox. Handlers mutate it; tests may read and mutate it directly
 * (e.g. `store.addPosts(store.defaultWorkspaceId, 2000)` or `store.setPostStatus(id, 'POSTED')`).
 */

import { createIdFactory, type IdFactory } from './ids';
import { POST_STATUSES, isOneOf, type PostStatus, type SocialProvider } from './enums';
import { campaignPostInputs, newCampaign, type CreateCampaignInput } from './campaignModel';
import {
	buildPostEntries,
	comparePostGroups,
	creativeFor,
	serializeSocialProfile,
	toIso,
	type CreatePostInput,
	type PostOverrides,
	type UpdatePostInput,
} from './postModel';
import type {
	BrandKit,
	Campaign,
	HashtagLibrary,
	OcoyaUser,
	PostGroup,
	SocialProfile,
	StudioTemplate,
	Workspace,
} from './types';

export type { CreateCampaignInput } from './campaignModel';
export {
	comparePostGroups,
	serializePostGroup,
	serializeSocialProfile,
	type CreatePostInput,
	type PostOverrides,
	type UpdatePostInput,
} from './postModel';

export class OcoyaStore {
	user: OcoyaUser = { id: '', name: '', email: '' };
	workspaces: Workspace[] = [];
	/** Keyed by workspace id. */
	socialProfiles: Record<string, SocialProfile[]> = {};
	/** Keyed by workspace id; insertion order (use listPosts() for API order). */
	postGroups: Record<string, PostGroup[]> = {};
	brandKits: Record<string, BrandKit[]> = {};
	hashtagLibraries: Record<string, HashtagLibrary[]> = {};
	studioTemplates: Record<string, StudioTemplate[]> = {};
	campaigns: Record<string, Campaign[]> = {};

	readonly ids: IdFactory;
	private readonly postIndex = new Map<string, PostGroup>();
	private lastCreatedAtMs = 0;

	constructor(idSeed?: number) {
		this.ids = createIdFactory(idSeed);
	}

	/** Removes everything (seeds call this first). */
	clear(): void {
		this.user = { id: '', name: '', email: '' };
		this.workspaces = [];
		this.socialProfiles = {};
		this.postGroups = {};
		this.brandKits = {};
		this.hashtagLibraries = {};
		this.studioTemplates = {};
		this.campaigns = {};
		this.postIndex.clear();
		this.lastCreatedAtMs = 0;
	}

	// ----- workspaces -------------------------------------------------------

	get defaultWorkspaceId(): string {
		const first = this.workspaces[0];
		if (!first) throw new Error('The Ocoya sandbox store has no workspaces');
		return first.id;
	}

	getWorkspace(id: string): Workspace | undefined {
		return this.workspaces.find((w) => w.id === id);
	}

	addWorkspace(input: { name: string; userCount?: number; id?: string }): Workspace {
		const ws: Workspace = { id: input.id ?? this.ids.cuid(), name: input.name, userCount: input.userCount ?? 1 };
		this.workspaces.push(ws);
		this.socialProfiles[ws.id] = [];
		this.postGroups[ws.id] = [];
		this.brandKits[ws.id] = [];
		this.hashtagLibraries[ws.id] = [];
		this.studioTemplates[ws.id] = [];
		this.campaigns[ws.id] = [];
		return ws;
	}

	private requireWorkspace(workspaceId: string): Workspace {
		const ws = this.getWorkspace(workspaceId);
		if (!ws) throw new Error(`Unknown workspace: ${workspaceId}`);
		return ws;
	}

	// ----- social profiles --------------------------------------------------

	addSocialProfile(
		workspaceId: string,
		input: { provider: SocialProvider; name: string; image?: string; id?: string },
	): SocialProfile {
		this.requireWorkspace(workspaceId);
		const profile: SocialProfile = {
			id: input.id ?? this.ids.cuid(),
			workspaceId,
			provider: input.provider,
			name: input.name,
			image: input.image ?? `https://cdn.ocoya.test/avatars/${input.provider}/${encodeURIComponent(input.name)}.png`,
		};
		this.socialProfiles[workspaceId].push(profile);
		return profile;
	}

	listSocialProfiles(workspaceId: string): SocialProfile[] {
		return this.socialProfiles[workspaceId] ?? [];
	}

	getSocialProfile(workspaceId: string, id: string): SocialProfile | undefined {
		return this.listSocialProfiles(workspaceId).find((p) => p.id === id);
	}

	// ----- posts ------------------------------------------------------------

	/** Monotonic "now": never returns the same or an earlier instant than any post created so far. */
	private nextCreatedAtMs(): number {
		const now = Date.now();
		const ms = now > this.lastCreatedAtMs ? now : this.lastCreatedAtMs + 1;
		this.lastCreatedAtMs = ms;
		return ms;
	}

	createPost(workspaceId: string, input: CreatePostInput = {}): PostGroup {
		this.requireWorkspace(workspaceId);
		let createdAtMs: number;
		if (input.createdAt !== undefined) {
			createdAtMs = new Date(toIso(input.createdAt)).getTime();
			if (createdAtMs > this.lastCreatedAtMs) this.lastCreatedAtMs = createdAtMs;
		} else {
			createdAtMs = this.nextCreatedAtMs();
		}
		const createdAt = new Date(createdAtMs).toISOString();
		const scheduledAt = input.scheduledAt == null ? null : toIso(input.scheduledAt);
		const profiles = (input.socialProfileIds ?? [])
			.filter((id, i, all) => all.indexOf(id) === i)
			.map((id) => this.getSocialProfile(workspaceId, id))
			.filter((p): p is SocialProfile => p !== undefined);
		const creatives = [...(input.mediaUrls ?? []).map(creativeFor), ...(input.creatives ?? [])];
		const pg: PostGroup = {
			id: input.id ?? this.ids.cuid(createdAtMs),
			workspaceId,
			postType: 'REGULAR',
			status: input.status ?? (scheduledAt ? 'SCHEDULED' : 'DRAFT'),
			scheduledAt,
			createdAt,
			updatedAt: createdAt,
			posts: buildPostEntries(input.caption ?? '', creatives, profiles),
			socialProfiles: profiles.map((p) => ({ socialProfile: serializeSocialProfile(p) })),
			...(input.campaignId ? { campaignId: input.campaignId } : {}),
		};
		this.postGroups[workspaceId].push(pg);
		this.postIndex.set(pg.id, pg);
		return pg;
	}

	/**
	 * Bulk-creates `n` post groups (O(n); fine for 10,000+). Later posts are newer, so they come first
	 * in GET /post. `overrides` may be a function of the 0-based index.
	 */
	addPosts(
		workspaceId: string,
		n: number,
		overrides?: PostOverrides | ((index: number) => PostOverrides),
	): PostGroup[] {
		this.requireWorkspace(workspaceId);
		const out: PostGroup[] = [];
		for (let i = 0; i < n; i++) {
			const o = (typeof overrides === 'function' ? overrides(i) : overrides) ?? {};
			const caption = (o.caption ?? 'Sandbox post #{n}').split('{n}').join(String(i + 1));
			out.push(this.createPost(workspaceId, { ...o, caption }));
		}
		return out;
	}

	getPost(id: string): PostGroup | undefined {
		return this.postIndex.get(id);
	}

	/** API order: newest createdAt first, ties by id. Optionally filtered by status. */
	listPosts(workspaceId: string, statuses?: readonly PostStatus[]): PostGroup[] {
		let list = this.postGroups[workspaceId] ?? [];
		if (statuses && statuses.length > 0) {
			const wanted = new Set<string>(statuses);
			list = list.filter((p) => wanted.has(p.status));
		} else {
			list = list.slice();
		}
		return list.sort(comparePostGroups);
	}

	/** Every post group across workspaces (API order within the result). */
	allPosts(): PostGroup[] {
		return [...this.postIndex.values()].sort(comparePostGroups);
	}

	setPostStatus(id: string, status: PostStatus): PostGroup {
		if (!isOneOf(POST_STATUSES, status)) throw new Error(`Unknown post status: ${String(status)}`);
		const pg = this.postIndex.get(id);
		if (!pg) throw new Error(`Unknown post group: ${id}`);
		pg.status = status;
		pg.updatedAt = new Date().toISOString();
		return pg;
	}

	/** Applies PATCH semantics. Returns undefined when the post does not exist. */
	updatePost(id: string, patch: UpdatePostInput): PostGroup | undefined {
		const pg = this.postIndex.get(id);
		if (!pg) return undefined;
		if (patch.scheduledAt !== undefined) {
			pg.scheduledAt = patch.scheduledAt === null ? null : toIso(patch.scheduledAt);
			if (pg.scheduledAt && pg.status === 'DRAFT') pg.status = 'SCHEDULED';
			if (!pg.scheduledAt && pg.status === 'SCHEDULED') pg.status = 'DRAFT';
		}
		if (patch.caption !== undefined) {
			for (const entry of pg.posts) {
				entry.caption = patch.caption;
				if (entry.options) entry.options.caption = patch.caption;
			}
		}
		if (patch.status !== undefined) pg.status = patch.status;
		pg.updatedAt = new Date().toISOString();
		return pg;
	}

	deletePost(id: string): boolean {
		const pg = this.postIndex.get(id);
		if (!pg) return false;
		this.postIndex.delete(id);
		const list = this.postGroups[pg.workspaceId];
		const idx = list.indexOf(pg);
		if (idx >= 0) list.splice(idx, 1);
		return true;
	}

	// ----- brand context ----------------------------------------------------

	addBrandKit(workspaceId: string, input: Partial<Omit<BrandKit, 'workspaceId'>> & { name: string }): BrandKit {
		this.requireWorkspace(workspaceId);
		const kit: BrandKit = {
			id: input.id ?? this.ids.cuid(),
			workspaceId,
			name: input.name,
			description: input.description ?? '',
			website: input.website ?? null,
			logoUrl: input.logoUrl ?? null,
			colors: input.colors ?? [],
			fonts: input.fonts ?? [],
			voice: input.voice ?? 'professional',
			isDefault: input.isDefault ?? this.brandKits[workspaceId].length === 0,
		};
		this.brandKits[workspaceId].push(kit);
		return kit;
	}

	getBrandKit(workspaceId: string, id: string): BrandKit | undefined {
		return (this.brandKits[workspaceId] ?? []).find((b) => b.id === id);
	}

	addHashtagLibrary(workspaceId: string, input: { name: string; hashtags: string[]; id?: string }): HashtagLibrary {
		this.requireWorkspace(workspaceId);
		const lib: HashtagLibrary = { id: input.id ?? this.ids.cuid(), workspaceId, name: input.name, hashtags: input.hashtags };
		this.hashtagLibraries[workspaceId].push(lib);
		return lib;
	}

	getHashtagLibrary(workspaceId: string, id: string): HashtagLibrary | undefined {
		return (this.hashtagLibraries[workspaceId] ?? []).find((h) => h.id === id);
	}

	findHashtagLibraryByName(workspaceId: string, name: string): HashtagLibrary | undefined {
		const needle = name.trim().toLowerCase();
		return (this.hashtagLibraries[workspaceId] ?? []).find((h) => h.name.toLowerCase().includes(needle));
	}

	addStudioTemplate(
		workspaceId: string,
		input: Partial<Omit<StudioTemplate, 'workspaceId'>> & { name: string },
	): StudioTemplate {
		this.requireWorkspace(workspaceId);
		const id = input.id ?? `design_${this.ids.randomString(8)}`;
		const tpl: StudioTemplate = {
			id,
			workspaceId,
			name: input.name,
			category: input.category ?? 'post',
			width: input.width ?? 1080,
			height: input.height ?? 1080,
			previewUrl: input.previewUrl ?? `https://cdn.ocoya.test/studio/${id}.png`,
		};
		this.studioTemplates[workspaceId].push(tpl);
		return tpl;
	}

	getStudioTemplate(workspaceId: string, id: string): StudioTemplate | undefined {
		return (this.studioTemplates[workspaceId] ?? []).find((t) => t.id === id);
	}

	// ----- campaigns --------------------------------------------------------

	createCampaign(workspaceId: string, input: CreateCampaignInput): Campaign {
		this.requireWorkspace(workspaceId);
		const campaign = newCampaign(this.ids.cuid(), workspaceId, input);
		this.campaigns[workspaceId].push(campaign);
		return campaign;
	}

	getCampaign(id: string): Campaign | undefined {
		for (const list of Object.values(this.campaigns)) {
			const found = list.find((c) => c.id === id);
			if (found) return found;
		}
		return undefined;
	}

	/**
	 * Simulates the asynchronous generation finishing: creates `count` DRAFT post groups
	 * (visible in GET /post) and marks the campaign COMPLETED. Never called automatically.
	 */
	completeCampaign(id: string): PostGroup[] {
		const campaign = this.getCampaign(id);
		if (!campaign) throw new Error(`Unknown campaign: ${id}`);
		if (campaign.status === 'COMPLETED') return campaign.postGroupIds.map((pid) => this.postIndex.get(pid)).filter((p): p is PostGroup => !!p);
		const brand = campaign.brandId ? this.getBrandKit(campaign.workspaceId, campaign.brandId) : undefined;
		const library = campaign.hashtagLibraryId
			? this.getHashtagLibrary(campaign.workspaceId, campaign.hashtagLibraryId)
			: undefined;
		const created = campaignPostInputs(campaign, brand, library).map((input) =>
			this.createPost(campaign.workspaceId, input),
		);
		campaign.status = 'COMPLETED';
		campaign.postGroupIds = created.map((p) => p.id);
		return created;
	}
}
