/**
 * Ocoya sandbox campaigns: the input of an AI campaign, the record it starts as, and the posts its
 * (simulated) generation produces.
 */

import { generateCaption } from './generate';
import type { AiLength, AiTone, CampaignAudience, CampaignGoal } from './enums';
import type { CreatePostInput } from './postModel';
import type { BrandKit, Campaign, Creative, HashtagLibrary } from './types';

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

/** A new campaign, GENERATING, with the documented defaults for what the input leaves out. */
export function newCampaign(id: string, workspaceId: string, input: CreateCampaignInput): Campaign {
	return {
		id,
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
}

/** The DRAFT posts a finished campaign produces: `count` captions, each with its generated images. */
export function campaignPostInputs(campaign: Campaign, brand?: BrandKit, library?: HashtagLibrary): CreatePostInput[] {
	return Array.from({ length: campaign.count }, (_, i) => {
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
		return { caption, creatives, socialProfileIds: campaign.socialProfileIds, campaignId: campaign.id };
	});
}
