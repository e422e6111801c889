/** GET /post (and legacy GET /schedules), POST /post, PATCH /post/{id}, DELETE /post/{id} */

import { POST_STATUSES, isOneOf, type PostStatus } from '../enums';
import { HttpError, MESSAGES, created, ok, type Handler, type RouteContext } from '../http';
import { serializePostGroup } from '../store';
import {
	bodyObject,
	optionalString,
	optionalUrlArray,
	optionalStringArray,
	parseUtcDate,
	queryList,
	queryValue,
	requireWorkspace,
	validateSocialProfileIds,
} from '../validate';

export const MAX_CAPTION_LENGTH = 10_000;
export const DEFAULT_PER_PAGE = 10;
export const MAX_PER_PAGE = 50;

function parseNonNegativeInt(ctx: RouteContext, key: string): number | undefined {
	const raw = queryValue(ctx.query, key);
	if (raw === undefined) return undefined;
	if (!/^\d+$/.test(raw)) throw new HttpError(422, `${key} must be a non-negative integer.`);
	return Number(raw);
}

function listPostsFor(ctx: RouteContext, workspaceOptional: boolean) {
	const ws = requireWorkspace(ctx, workspaceOptional);
	const statuses = queryList(ctx.query, 'statuses');
	const invalid = statuses.filter((s) => !isOneOf(POST_STATUSES, s));
	if (invalid.length > 0) {
		throw new HttpError(422, `Invalid statuses: ${invalid.join(', ')}. Allowed: ${POST_STATUSES.join(', ')}.`);
	}
	const page = parseNonNegativeInt(ctx, 'page') ?? 0;
	let perPage = parseNonNegativeInt(ctx, 'perPage') ?? DEFAULT_PER_PAGE;
	if (perPage < 1) throw new HttpError(422, 'perPage must be a positive integer.');
	if (perPage > MAX_PER_PAGE) perPage = MAX_PER_PAGE;
	const all = ctx.store.listPosts(ws.id, statuses as PostStatus[]);
	return ok(all.slice(page * perPage, page * perPage + perPage).map(serializePostGroup));
}

export const listPosts: Handler = (ctx) => listPostsFor(ctx, false);

/** Legacy Gen-1 "Get schedules": alias of GET /post; workspaceId optional (defaults to the first workspace). */
export const listSchedules: Handler = (ctx) => listPostsFor(ctx, true);

export const createPost: Handler = (ctx) => {
	const ws = requireWorkspace(ctx);
	const body = bodyObject(ctx);
	const caption = optionalString(body, 'caption', { max: MAX_CAPTION_LENGTH });
	const mediaUrls = optionalUrlArray(body, 'mediaUrls');
	if ((caption === undefined || caption.trim() === '') && (!mediaUrls || mediaUrls.length === 0)) {
		throw new HttpError(422, 'Either caption or mediaUrls is required.');
	}
	const socialProfileIds = validateSocialProfileIds(ctx, ws.id, optionalStringArray(body, 'socialProfileIds'));
	const scheduledAt = body.scheduledAt == null ? null : parseUtcDate(body.scheduledAt);
	const pg = ctx.store.createPost(ws.id, { caption, mediaUrls, socialProfileIds, scheduledAt });
	return created({ postGroupId: pg.id });
};

function findPost(ctx: RouteContext) {
	const pg = ctx.store.getPost(ctx.params.postId);
	// A workspaceId query param is optional; when sent it must match the post's workspace.
	const workspaceId = queryValue(ctx.query, 'workspaceId');
	if (!pg || (workspaceId !== undefined && pg.workspaceId !== workspaceId)) {
		throw new HttpError(404, MESSAGES.postNotFound);
	}
	return pg;
}

export const updatePost: Handler = (ctx) => {
	const pg = findPost(ctx);
	const body = bodyObject(ctx);
	const caption = optionalString(body, 'caption', { max: MAX_CAPTION_LENGTH });
	let scheduledAt: string | null | undefined;
	if (body.scheduledAt === null) scheduledAt = null;
	else if (body.scheduledAt !== undefined) scheduledAt = parseUtcDate(body.scheduledAt);
	ctx.store.updatePost(pg.id, { caption, scheduledAt });
	return ok({});
};

export const deletePost: Handler = (ctx) => {
	const pg = findPost(ctx);
	ctx.store.deletePost(pg.id);
	return ok({});
};
