/**
 * In-memory state of the Ocoya sandbox. Handlers mutate it; tests may read and mutate it directly
 * (e.g. `store.addPosts(store.defaultWorkspaceId, 2000)` or `store.setPostStatus(id, 'POSTED')`).
 */

import { generateCaption } from './generate';
import { createIdFactory, type IdFactory } from './ids';
import {
	POST_STATUSES,
	isOneOf,
	toPostProvider,
	type AiLength,
	type AiTone,
	type CampaignAudience,
	type CampaignGoal,
	type PostStatus,
	type SocialProvider,
} from './enums';
import type {
	BrandKit,
	Campaign,
	Creative,
	HashtagLibrary,
	OcoyaUser,
	PostEntry,
	PostGroup,
	PostGroupJson,
	SocialProfile,
	SocialProfileJson,
	StudioTemplate,
	Workspace,
} from './types';

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

export interface CreateCampaignInput {
	prompt: string;
	goal?: CampaignGoal;
	audience?: CampaignAudience;
	duration?: number;
	count?: number;
	postLength?: AiLength;
	tone?: AiTone;
	brandId?: string | null;
	hashtagLibraryId?: string | null;
	socialProfileIds?: string[];
	generateMedia?: boolean;
	imageCount?: number;
	referenceUrls?: string[];
	referenceDesignIds?: string[];
}

function toIso(value: string | Date): string {
	const d = value instanceof Date ? value : new Date(value);
	if (Number.isNaN(d.getTime())) throw new Error(`Invalid date: ${String(value)}`);
	return d.toISOString();
}

function creativeFor(url: string): Creative {
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
			posts: this.buildPostEntries(input.caption ?? '', creatives, profiles),
			socialProfiles: profiles.map((p) => ({ socialProfile: serializeSocialProfile(p) })),
			...(input.campaignId ? { campaignId: input.campaignId } : {}),
		};
		this.postGroups[workspaceId].push(pg);
		this.postIndex.set(pg.id, pg);
		return pg;
	}

	private buildPostEntries(caption: string, creatives: Creative[], profiles: SocialProfile[]): PostEntry[] {
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
		const campaign: Campaign = {
			id: this.ids.cuid(),
			workspaceId,
			prompt: input.prompt,
			status: 'GENERATING',
			goal: input.goal ?? 'awareness',
			audience: input.audience ?? 'business_owners',
			duration: input.duration ?? 7,
			count: input.count ?? 5,
			postLength: input.postLength ?? 'medium',
			tone: input.tone ?? 'professional',
			brandId: input.brandId ?? null,
			hashtagLibraryId: input.hashtagLibraryId ?? null,
			socialProfileIds: input.socialProfileIds ?? [],
			generateMedia: input.generateMedia ?? false,
			imageCount: input.imageCount ?? 1,
			referenceUrls: input.referenceUrls ?? [],
			referenceDesignIds: input.referenceDesignIds ?? [],
			createdAt: new Date().toISOString(),
			postGroupIds: [],
		};
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
		const created: PostGroup[] = [];
		for (let i = 0; i < campaign.count; i++) {
			const caption = generateCaption({
				prompt: campaign.prompt,
				tone: campaign.tone,
				length: campaign.postLength,
				hashtags: library?.hashtags,
				brandName: brand?.name,
				variant: i,
			});
			const creatives: Creative[] = campaign.generateMedia
				? Array.from({ length: campaign.imageCount }, (_, k) => ({
						image: `https://cdn.ocoya.test/ai/${campaign.id}-${i + 1}-${k + 1}.png`,
					}))
				: [];
			created.push(
				this.createPost(campaign.workspaceId, {
					caption,
					creatives,
					socialProfileIds: campaign.socialProfileIds,
					campaignId: campaign.id,
				}),
			);
		}
		campaign.status = 'COMPLETED';
		campaign.postGroupIds = created.map((p) => p.id);
		return created;
	}
}
