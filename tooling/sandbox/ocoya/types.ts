import type { Fault, RateLimitConfig, RecordedRequest, SandboxHandle, SandboxOptions } from '../contract';
import type { OAuthAuthority } from '../oauth';
import type { OcoyaStore } from './store';
import type { AiLength, AiTone, CampaignAudience, CampaignGoal, CampaignStatus, PostProvider, PostStatus, PostType, SocialProvider } from './enums';

// ---------------------------------------------------------------------------
// Entities held by the store
// ---------------------------------------------------------------------------

export interface OcoyaUser {
	id: string;
	name: string;
	email: string;
}

export interface Workspace {
	id: string;
	name: string;
	userCount: number;
}

export interface SocialProfile {
	id: string;
	workspaceId: string;
	provider: SocialProvider;
	name: string;
	image: string;
}

/** The public shape embedded in post groups and returned by GET /social-profiles. */
export interface SocialProfileJson {
	id: string;
	provider: SocialProvider;
	name: string;
	image: string;
}

export interface Creative {
	image?: string;
	video?: string;
}

export interface PostEntry {
	provider: PostProvider;
	caption: string;
	creatives: Creative[];
	options?: { caption: string };
}

export interface PostGroup {
	id: string;
	workspaceId: string;
	postType: PostType;
	status: PostStatus;
	/** ISO-8601 with milliseconds (`2024-01-01T00:00:00.000Z`) or null. */
	scheduledAt: string | null;
	/** ISO-8601 with milliseconds. */
	createdAt: string;
	updatedAt: string;
	posts: PostEntry[];
	socialProfiles: Array<{ socialProfile: SocialProfileJson }>;
	/** Set for AI-generated posts / campaign output (not serialised). */
	campaignId?: string;
}

/** The JSON shape returned by GET /post (§4.5; createdAt stays internal: it orders the list, the docs show no such field). */
export interface PostGroupJson {
	id: string;
	postType: PostType;
	status: PostStatus;
	scheduledAt: string | null;
	posts: PostEntry[];
	socialProfiles: Array<{ socialProfile: SocialProfileJson }>;
}

export interface BrandKit {
	id: string;
	workspaceId: string;
	name: string;
	description: string;
	website: string | null;
	logoUrl: string | null;
	colors: string[];
	fonts: string[];
	voice: string;
	isDefault: boolean;
}

export interface HashtagLibrary {
	id: string;
	workspaceId: string;
	name: string;
	hashtags: string[];
}

export interface StudioTemplate {
	id: string;
	workspaceId: string;
	name: string;
	category: string;
	width: number;
	height: number;
	previewUrl: string;
}

export interface Campaign {
	id: string;
	workspaceId: string;
	prompt: string;
	status: CampaignStatus;
	goal: CampaignGoal;
	audience: CampaignAudience;
	duration: number;
	count: number;
	postLength: AiLength;
	tone: AiTone;
	brandId: string | null;
	hashtagLibraryId: string | null;
	socialProfileIds: string[];
	generateMedia: boolean;
	imageCount: number;
	referenceUrls: string[];
	referenceDesignIds: string[];
	createdAt: string;
	/** Post groups created by `store.completeCampaign()`. */
	postGroupIds: string[];
}

// ---------------------------------------------------------------------------
// Sandbox contract (re-exported by index.ts)
// ---------------------------------------------------------------------------

export type { Fault, RateLimitConfig, RecordedRequest };

/** Defaults: API key 'test-ocoya-key', OAuth token 'test-ocoya-oauth-token'. */
export type OcoyaSandboxOptions = SandboxOptions;

/** The shared handle (url: http://127.0.0.1:PORT/api/_public/v1), and what only Ocoya's has. */
export interface OcoyaSandbox extends SandboxHandle<OcoyaStore> {
	/** Number of 429 responses sent (rate limiter and injected 429 faults). Writable, e.g. to reset it. */
	rateLimited429Count: number;
	/** The configured API key / OAuth token (convenience for tests). */
	apiKey: string;
	oauthToken: string;
	/** The OAuth2 tokens the sandbox accepts and its token endpoint (../oauth.ts). */
	oauth: OAuthAuthority;
}
