/**
 * Seed data. Fixed ids reuse the examples from the Ocoya docs, so doc snippets work against the sandbox:
 *   workspace cmayvq3hk00017apshay5qezu, profiles cm1utmu9b000qr59cy6mupxsp / clh49poxf008x8kov4ncbjty9 /
 *   cll7ytoyz002wl70fnxk0tjwr, brand kit cmayw38dz00047apsue9nw4tf, hashtag library cmayw7l5200067apsmz2tv7e8,
 *   studio template design_123.
 * Post times are relative to "now" so SCHEDULED posts are always in the future.
 */

import { createPrng } from './ids';
import type { PostStatus, SocialProvider } from './enums';
import type { OcoyaStore } from './store';

export type SeedName = 'demo' | 'minimal';

export const SEED_IDS = {
	user: 'clx354swx0006ghoatnjknv98',
	workspace: 'cmayvq3hk00017apshay5qezu',
	secondWorkspace: 'cmayvs0qa00027apsk3n1x8wz',
	facebookProfile: 'cm1utmu9b000qr59cy6mupxsp',
	linkedinProfile: 'cll7ytoyz002wl70fnxk0tjwr',
	instagramProfile: 'clh49poxf008x8kov4ncbjty9',
	secondWorkspaceProfile: 'cm1uu2k7d000sr59c0h5qwe7t',
	brandKit: 'cmayw38dz00047apsue9nw4tf',
	secondBrandKit: 'cmayw3x1b00057apsw2k9hq7m',
	hashtagLibrary: 'cmayw7l5200067apsmz2tv7e8',
	secondHashtagLibrary: 'cmayw8c4100077apsh6d0ru3p',
	studioTemplate: 'design_123',
	secondStudioTemplate: 'design_456',
} as const;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Rounds to the minute so seeded times look hand-picked. */
function at(offsetMs: number, now: number): Date {
	return new Date(Math.floor((now + offsetMs) / MINUTE) * MINUTE);
}

export function applySeed(store: OcoyaStore, seed: SeedName = 'minimal'): void {
	store.clear();
	if (seed === 'demo') seedDemo(store);
	else seedMinimal(store);
}

function seedCommonBrandContext(store: OcoyaStore, workspaceId: string): void {
	store.addBrandKit(workspaceId, {
		id: SEED_IDS.brandKit,
		name: 'Acme Main Brand',
		description: 'Friendly analytics for ecommerce teams.',
		website: 'https://acme.example.com',
		logoUrl: 'https://cdn.ocoya.test/brand/acme-logo.png',
		colors: ['#1E3A8A', '#F59E0B', '#FFFFFF'],
		fonts: ['Inter', 'Merriweather'],
		voice: 'professional',
		isDefault: true,
	});
	store.addBrandKit(workspaceId, {
		id: SEED_IDS.secondBrandKit,
		name: 'Acme Holiday Campaigns',
		description: 'Seasonal look and feel for promotions.',
		website: 'https://acme.example.com/holiday',
		logoUrl: 'https://cdn.ocoya.test/brand/acme-holiday.png',
		colors: ['#B91C1C', '#15803D', '#FEF3C7'],
		fonts: ['Poppins'],
		voice: 'friendly',
		isDefault: false,
	});
	store.addHashtagLibrary(workspaceId, {
		id: SEED_IDS.hashtagLibrary,
		name: 'Marketing basics',
		hashtags: ['#marketing', '#ecommerce', '#analytics'],
	});
	store.addHashtagLibrary(workspaceId, {
		id: SEED_IDS.secondHashtagLibrary,
		name: 'Product launch',
		hashtags: ['#launch', '#newfeature', '#saas', '#productivity'],
	});
	store.addStudioTemplate(workspaceId, {
		id: SEED_IDS.studioTemplate,
		name: 'Square promo',
		category: 'post',
		width: 1080,
		height: 1080,
	});
	store.addStudioTemplate(workspaceId, {
		id: SEED_IDS.secondStudioTemplate,
		name: 'Story announcement',
		category: 'story',
		width: 1080,
		height: 1920,
	});
}

function seedMinimal(store: OcoyaStore): void {
	const now = Date.now();
	store.user = { id: SEED_IDS.user, name: 'Ocoya Support', email: 'support@ocoya.com' };
	const ws = store.addWorkspace({ id: SEED_IDS.workspace, name: 'Acme Marketing', userCount: 3 });
	const ws2 = store.addWorkspace({ id: SEED_IDS.secondWorkspace, name: 'Side Project', userCount: 1 });

	store.addSocialProfile(ws.id, {
		id: SEED_IDS.facebookProfile,
		provider: 'facebook',
		name: 'Ocoya Test',
		image: 'https://graph.facebook.com/110495374807404/picture?type=normal',
	});
	store.addSocialProfile(ws.id, {
		id: SEED_IDS.linkedinProfile,
		provider: 'linkedin',
		name: 'Acme',
		image: 'https://cdn.ocoya.test/avatars/linkedin/acme.png',
	});
	store.addSocialProfile(ws.id, {
		id: SEED_IDS.instagramProfile,
		provider: 'instagram',
		name: 'acme.marketing',
		image: 'https://cdn.ocoya.test/avatars/instagram/acme.png',
	});
	store.addSocialProfile(ws2.id, {
		id: SEED_IDS.secondWorkspaceProfile,
		provider: 'twitter',
		name: '@sideproject',
		image: 'https://cdn.ocoya.test/avatars/twitter/sideproject.png',
	});

	seedCommonBrandContext(store, ws.id);

	// Oldest first, so the most recently created ends up first in GET /post.
	store.createPost(ws.id, {
		caption: 'Nice post',
		socialProfileIds: [SEED_IDS.facebookProfile],
		scheduledAt: at(-3 * DAY, now),
		status: 'POSTED',
		createdAt: at(-5 * DAY, now),
	});
	store.createPost(ws.id, {
		caption: 'Our analytics webinar starts in one hour!',
		mediaUrls: ['https://cdn.ocoya.test/media/webinar.png'],
		socialProfileIds: [SEED_IDS.linkedinProfile],
		scheduledAt: at(-1 * DAY, now),
		status: 'ERROR',
		createdAt: at(-4 * DAY, now),
	});
	store.createPost(ws.id, {
		caption: 'Launch day! Meet the new Acme dashboard.',
		mediaUrls: ['https://cdn.ocoya.test/media/launch.png'],
		socialProfileIds: [SEED_IDS.facebookProfile, SEED_IDS.linkedinProfile],
		scheduledAt: at(2 * DAY, now),
		status: 'SCHEDULED',
		createdAt: at(-2 * DAY, now),
	});
	store.createPost(ws.id, {
		caption: 'Behind the scenes at Acme HQ.',
		socialProfileIds: [SEED_IDS.instagramProfile],
		scheduledAt: at(4 * DAY, now),
		status: 'PENDING_CLIENT_APPROVAL',
		createdAt: at(-1 * DAY, now),
	});
	store.createPost(ws.id, {
		caption: 'Draft: five tips for better product photos.',
		status: 'DRAFT',
		createdAt: at(-2 * HOUR, now),
	});
	store.createPost(ws2.id, {
		caption: 'Shipping a tiny side project this weekend.',
		socialProfileIds: [SEED_IDS.secondWorkspaceProfile],
		scheduledAt: at(1 * DAY, now),
		status: 'SCHEDULED',
		createdAt: at(-3 * HOUR, now),
	});
}

const DEMO_CAPTIONS = [
	'Fresh beans, fresh week. Our Ethiopian Yirgacheffe is back in stock ☕',
	'Three ways to brew better coffee at home — a thread.',
	'Meet Priya, our head roaster, who tastes 200 cups a week.',
	'Flash sale: 20% off all subscriptions until Sunday.',
	'We just opened our 5th café! Come say hi on Market Street.',
	'Latte art throwdown this Friday at 6pm. Bring your best pour.',
	'Why we only buy direct-trade coffee (and why it costs a bit more).',
	'Cold brew season is officially here. 🧊',
	'Customer spotlight: how Bean & Leaf grew 3x with wholesale.',
	'Behind the scenes: cupping session with our green coffee team.',
	'New: compostable pods that actually taste good.',
	'Grind size cheat sheet — save this for later.',
	'Hiring: barista trainers in Portland and Seattle.',
	'Our sustainability report for last year is out.',
	'Weekend hours: we open at 7am Saturday and Sunday.',
	'Pour-over vs French press: which team are you on?',
	'Holiday gift boxes are now available for pre-order 🎁',
	'Thank you for 50,000 followers! Giveaway details inside.',
	'The science of crema, explained in 60 seconds.',
	'Decaf done right: our Swiss Water process explained.',
];

const DEMO_MEDIA = [
	'https://cdn.ocoya.test/media/beans.jpg',
	'https://cdn.ocoya.test/media/latte-art.png',
	'https://cdn.ocoya.test/media/cafe-opening.jpg',
	'https://cdn.ocoya.test/media/roastery-tour.mp4',
	'https://cdn.ocoya.test/media/gift-box.png',
];

function seedDemo(store: OcoyaStore): void {
	const now = Date.now();
	const rand = createPrng(20240101);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];

	store.user = { id: SEED_IDS.user, name: 'Jordan Rivera', email: 'jordan@acme-coffee.example' };
	const ws = store.addWorkspace({ id: SEED_IDS.workspace, name: 'Acme Coffee Roasters', userCount: 5 });
	const ws2 = store.addWorkspace({ id: SEED_IDS.secondWorkspace, name: 'Acme Coffee Wholesale', userCount: 2 });
	const ws3 = store.addWorkspace({ name: 'Jordan Rivera (personal)', userCount: 1 });

	const profiles: Array<{ id?: string; provider: SocialProvider; name: string; image?: string }> = [
		{
			id: SEED_IDS.facebookProfile,
			provider: 'facebook',
			name: 'Acme Coffee Roasters',
			image: 'https://graph.facebook.com/110495374807404/picture?type=normal',
		},
		{ id: SEED_IDS.instagramProfile, provider: 'instagram', name: 'acmecoffee' },
		{ id: SEED_IDS.linkedinProfile, provider: 'linkedin', name: 'Acme Coffee Roasters Inc.' },
		{ provider: 'twitter', name: '@acmecoffee' },
		{ provider: 'pinterest', name: 'Acme Coffee Recipes' },
		{ provider: 'tiktok', name: '@acme.coffee' },
	];
	const wsProfiles = profiles.map((p) => store.addSocialProfile(ws.id, p));
	const ws2Profiles = [
		store.addSocialProfile(ws2.id, {
			id: SEED_IDS.secondWorkspaceProfile,
			provider: 'linkedin',
			name: 'Acme Coffee Wholesale',
		}),
		store.addSocialProfile(ws2.id, { provider: 'facebook', name: 'Acme Wholesale Partners' }),
	];
	store.addSocialProfile(ws3.id, { provider: 'linkedin', name: 'Jordan Rivera' });

	seedCommonBrandContext(store, ws.id);
	store.addBrandKit(ws.id, {
		name: 'Acme Cold Brew',
		description: 'Sub-brand for ready-to-drink cold brew.',
		colors: ['#0F172A', '#38BDF8'],
		fonts: ['Space Grotesk'],
		voice: 'bold',
		isDefault: false,
	});
	store.addHashtagLibrary(ws.id, { name: 'Coffee lovers', hashtags: ['#coffee', '#specialtycoffee', '#baristalife', '#coffeetime'] });
	store.addStudioTemplate(ws.id, { name: 'Quote card', category: 'post', width: 1080, height: 1350 });
	store.addStudioTemplate(ws.id, { name: 'LinkedIn banner', category: 'banner', width: 1584, height: 396 });
	store.addStudioTemplate(ws.id, { name: 'Pinterest pin', category: 'pin', width: 1000, height: 1500 });
	store.addBrandKit(ws2.id, { name: 'Acme Wholesale', colors: ['#1F2937', '#D97706'], voice: 'professional' });
	store.addHashtagLibrary(ws2.id, { name: 'B2B coffee', hashtags: ['#wholesalecoffee', '#horeca', '#cafeowners'] });

	// ~40 posts in the main workspace: created over the past 3 weeks, scheduled from 2 weeks ago to 2 weeks ahead.
	const TOTAL = 40;
	for (let i = 0; i < TOTAL; i++) {
		const createdAt = at(-21 * DAY + i * 12 * HOUR + Math.floor(rand() * 6 * HOUR), now);
		const offsetDays = -14 + (28 * i) / (TOTAL - 1);
		const scheduledMs = offsetDays * DAY + Math.floor(rand() * 8) * HOUR;
		const inPast = scheduledMs < 0;
		let status: PostStatus;
		const r = rand();
		if (inPast) status = r < 0.75 ? 'POSTED' : r < 0.9 ? 'ERROR' : 'NEEDS_ATTENTION';
		else
			status =
				r < 0.55
					? 'SCHEDULED'
					: r < 0.75
						? 'DRAFT'
						: r < 0.88
							? 'PENDING_CLIENT_APPROVAL'
							: 'PENDING_INTERNAL_APPROVAL';
		const profileCount = 1 + Math.floor(rand() * 3);
		const chosen = new Set<string>();
		while (chosen.size < profileCount) chosen.add(pick(wsProfiles).id);
		store.createPost(ws.id, {
			caption: DEMO_CAPTIONS[i % DEMO_CAPTIONS.length],
			mediaUrls: rand() < 0.6 ? [pick(DEMO_MEDIA)] : [],
			socialProfileIds: status === 'DRAFT' && rand() < 0.5 ? [] : [...chosen],
			scheduledAt: status === 'DRAFT' ? null : at(scheduledMs, now),
			status,
			createdAt,
		});
	}

	const ws2Posts: Array<{ caption: string; days: number | null; status: PostStatus }> = [
		{ caption: 'Now supplying 120 cafés across the Pacific Northwest.', days: -10, status: 'POSTED' },
		{ caption: 'Wholesale pricing update for Q3.', days: -4, status: 'POSTED' },
		{ caption: 'Free barista training for new wholesale partners.', days: -1, status: 'ERROR' },
		{ caption: 'Meet us at the Specialty Coffee Expo, booth 214.', days: 3, status: 'SCHEDULED' },
		{ caption: 'Case study: how Daily Grind cut waste by 30%.', days: 8, status: 'SCHEDULED' },
		{ caption: 'Draft: new equipment leasing program.', days: null, status: 'DRAFT' },
	];
	ws2Posts.forEach((p, i) => {
		store.createPost(ws2.id, {
			caption: p.caption,
			socialProfileIds: ws2Profiles.map((sp) => sp.id),
			scheduledAt: p.days === null ? null : at(p.days * DAY + 9 * HOUR, now),
			status: p.status,
			createdAt: at(-14 * DAY + i * 2 * DAY, now),
		});
	});

	store.createCampaign(ws.id, {
		prompt: 'Autumn pumpkin spice launch across all cafés',
		goal: 'launch',
		audience: 'existing_customers',
		count: 3,
		tone: 'friendly',
		postLength: 'short',
		brandId: SEED_IDS.brandKit,
		socialProfileIds: [SEED_IDS.instagramProfile],
	});
}
