/** Enumerations from the Ocoya API catalog (Appendix A of docs/ocoya-api.md). */

export const POST_STATUSES = [
	'DRAFT',
	'SCHEDULED',
	'POSTED',
	'ERROR',
	'PENDING_CLIENT_APPROVAL',
	'PENDING_INTERNAL_APPROVAL',
	'NEEDS_ATTENTION',
] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

export const POST_TYPES = ['REGULAR'] as const;
export type PostType = (typeof POST_TYPES)[number];

/** Lowercase provider used on social profiles (`socialProfile.provider`). */
export const SOCIAL_PROVIDERS = [
	'facebook',
	'instagram',
	'twitter',
	'linkedin',
	'pinterest',
	'tiktok',
	'youtube',
	'google_business',
] as const;
export type SocialProvider = (typeof SOCIAL_PROVIDERS)[number];

/** Uppercase provider used in `posts[].provider`; GENERAL is the network-agnostic entry. */
export type PostProvider =
	| 'GENERAL'
	| 'FACEBOOK'
	| 'INSTAGRAM'
	| 'TWITTER'
	| 'LINKEDIN'
	| 'PINTEREST'
	| 'TIKTOK'
	| 'YOUTUBE'
	| 'GOOGLE_BUSINESS';

export function toPostProvider(provider: SocialProvider): PostProvider {
	return provider.toUpperCase() as PostProvider;
}

/** GET /social-profiles/connection-url `provider` values. */
export const CONNECTION_URL_GET_PROVIDERS = [
	'facebook',
	'instagram',
	'twitter',
	'linkedin',
	'pinterest',
	'tiktok',
] as const;

/** POST /social-profiles/connection-url body `provider` values (note `x`, no `tiktok`). */
export const CONNECTION_URL_POST_PROVIDERS = ['facebook', 'instagram', 'x', 'linkedin', 'pinterest'] as const;

export const AI_TONES = ['professional', 'friendly', 'educational', 'bold', 'founder_led'] as const;
export type AiTone = (typeof AI_TONES)[number];

export const AI_LENGTHS = ['short', 'medium', 'long', 'extra_long'] as const;
export type AiLength = (typeof AI_LENGTHS)[number];

export const CAMPAIGN_GOALS = ['awareness', 'leads', 'launch', 'offer', 'education', 'event'] as const;
export type CampaignGoal = (typeof CAMPAIGN_GOALS)[number];

export const CAMPAIGN_AUDIENCES = [
	'business_owners',
	'founders_executives',
	'marketing_teams',
	'buyers_customers',
	'local_community',
	'investors',
	'first_time_buyers',
	'existing_customers',
] as const;
export type CampaignAudience = (typeof CAMPAIGN_AUDIENCES)[number];

/** Campaign status: GENERATING is documented; COMPLETED is a sandbox assumption. */
export type CampaignStatus = 'GENERATING' | 'COMPLETED';

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
	return typeof value === 'string' && (values as readonly string[]).includes(value);
}
