/** GET /brand-kits, GET /hashtag-libraries, GET /studio-templates (all unpaginated, workspace-scoped). */

import { ok, type Handler } from '../http';
import { requireWorkspace } from '../validate';

export const listBrandKits: Handler = (ctx) => {
	const ws = requireWorkspace(ctx);
	return ok(
		(ctx.store.brandKits[ws.id] ?? []).map(({ workspaceId: _ws, ...kit }) => ({
			...kit,
			colors: [...kit.colors],
			fonts: [...kit.fonts],
		})),
	);
};

export const listHashtagLibraries: Handler = (ctx) => {
	const ws = requireWorkspace(ctx);
	return ok(
		(ctx.store.hashtagLibraries[ws.id] ?? []).map((h) => ({ id: h.id, name: h.name, hashtags: [...h.hashtags] })),
	);
};

export const listStudioTemplates: Handler = (ctx) => {
	const ws = requireWorkspace(ctx);
	return ok((ctx.store.studioTemplates[ws.id] ?? []).map(({ workspaceId: _ws, ...tpl }) => ({ ...tpl })));
};
