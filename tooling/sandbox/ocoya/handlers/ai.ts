/** POST /post/ai (AI draft post) and POST /campaigns (AI campaign). */

import { AI_LENGTHS, AI_TONES, CAMPAIGN_AUDIENCES, CAMPAIGN_GOALS } from '../enums';
import { generateCaption } from '../generate';
import { HttpError, created, type Handler, type RouteContext } from '../http';
import type { Creative } from '../types';
import {
	bodyObject,
	optionalBoolean,
	optionalEnum,
	optionalInteger,
	optionalString,
	optionalStringArray,
	optionalUrlArray,
	requireWorkspace,
	validateSocialProfileIds,
} from '../validate';

function checkBrandContext(
	ctx: RouteContext,
	workspaceId: string,
	ids: { brandId?: string; hashtagLibraryId?: string; referenceDesignIds?: string[] },
): void {
	if (ids.brandId !== undefined && !ctx.store.getBrandKit(workspaceId, ids.brandId)) {
		throw new HttpError(422, `Brand kit not found: ${ids.brandId}.`);
	}
	if (ids.hashtagLibraryId !== undefined && !ctx.store.getHashtagLibrary(workspaceId, ids.hashtagLibraryId)) {
		throw new HttpError(422, `Hashtag library not found: ${ids.hashtagLibraryId}.`);
	}
	const unknownDesigns = (ids.referenceDesignIds ?? []).filter((id) => !ctx.store.getStudioTemplate(workspaceId, id));
	if (unknownDesigns.length > 0) {
		throw new HttpError(422, `Studio designs not found: ${unknownDesigns.join(', ')}.`);
	}
}

export const createAiPost: Handler = (ctx) => {
	const ws = requireWorkspace(ctx);
	const body = bodyObject(ctx);
	const prompt = optionalString(body, 'prompt', { min: 10, max: 10_000 });
	if (prompt === undefined) throw new HttpError(422, 'prompt is required.');
	const tone = optionalEnum(body, 'tone', AI_TONES) ?? 'professional';
	const length = optionalEnum(body, 'length', AI_LENGTHS) ?? 'medium';
	const socialProfileIds = validateSocialProfileIds(ctx, ws.id, optionalStringArray(body, 'socialProfileIds'));
	const hashtagLibraryId = optionalString(body, 'hashtagLibraryId');
	const brandId = optionalString(body, 'brandId');
	const generateImage = optionalBoolean(body, 'generateImage') ?? false;
	optionalUrlArray(body, 'referenceUrls');
	const referenceDesignIds = optionalStringArray(body, 'referenceDesignIds');
	checkBrandContext(ctx, ws.id, { brandId, hashtagLibraryId, referenceDesignIds });

	const caption = generateCaption({
		prompt,
		tone,
		length,
		hashtags: hashtagLibraryId ? ctx.store.getHashtagLibrary(ws.id, hashtagLibraryId)?.hashtags : undefined,
		brandName: brandId ? ctx.store.getBrandKit(ws.id, brandId)?.name : undefined,
	});
	const id = ctx.store.ids.cuid();
	const creatives: Creative[] = generateImage ? [{ image: `https://cdn.ocoya.test/ai/${id}.png` }] : [];
	const pg = ctx.store.createPost(ws.id, { id, caption, socialProfileIds, creatives, status: 'DRAFT', scheduledAt: null });
	return created({ postGroupId: pg.id, status: pg.status, scheduledAt: pg.scheduledAt });
};

export const createCampaign: Handler = (ctx) => {
	const ws = requireWorkspace(ctx);
	const body = bodyObject(ctx);
	// The docs disagree on `prompt` vs `topic`; accept either (prompt wins when both are sent).
	const prompt = optionalString(body, 'prompt', { min: 3 }) ?? optionalString(body, 'topic', { min: 3 });
	if (prompt === undefined) throw new HttpError(422, 'prompt (or topic) is required.');
	const brandId = optionalString(body, 'brandId');
	let hashtagLibraryId = optionalString(body, 'hashtagLibraryId');
	const hashtagLibraryName = optionalString(body, 'hashtagLibraryName');
	if (hashtagLibraryId === undefined && hashtagLibraryName !== undefined) {
		hashtagLibraryId = ctx.store.findHashtagLibraryByName(ws.id, hashtagLibraryName)?.id;
	}
	const referenceDesignIds = optionalStringArray(body, 'referenceDesignIds', 3);
	const input = {
		prompt,
		goal: optionalEnum(body, 'goal', CAMPAIGN_GOALS),
		audience: optionalEnum(body, 'audience', CAMPAIGN_AUDIENCES),
		duration: optionalInteger(body, 'duration', 1, 30),
		count: optionalInteger(body, 'count', 3, 30),
		postLength: optionalEnum(body, 'postLength', AI_LENGTHS),
		tone: optionalEnum(body, 'tone', AI_TONES),
		brandId,
		hashtagLibraryId,
		socialProfileIds: validateSocialProfileIds(ctx, ws.id, optionalStringArray(body, 'socialProfileIds')),
		generateMedia: optionalBoolean(body, 'generateMedia'),
		imageCount: optionalInteger(body, 'imageCount', 1, 5),
		referenceUrls: optionalUrlArray(body, 'referenceUrls', 3),
		referenceDesignIds,
	};
	checkBrandContext(ctx, ws.id, { brandId, hashtagLibraryId, referenceDesignIds });
	const campaign = ctx.store.createCampaign(ws.id, input);
	return created({ campaignId: campaign.id, status: campaign.status, queued: true, generation: {} });
};
