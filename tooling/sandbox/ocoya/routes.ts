/** Route table and matcher. Paths are relative to the base prefix `/api/_public/v1`. */

import { getMe, listWorkspaces } from './handlers/account';
import { createAiPost, createCampaign } from './handlers/ai';
import { listBrandKits, listHashtagLibraries, listStudioTemplates } from './handlers/brandContext';
import { createPost, deletePost, listPosts, listSchedules, updatePost } from './handlers/posts';
import { createConnectionUrl, getConnectionUrl, listSocialProfiles } from './handlers/socialProfiles';
import type { Handler } from './http';

export const BASE_PREFIX = '/api/_public/v1';

export interface Route {
	/** e.g. '/post/:postId' */
	pattern: string;
	methods: Partial<Record<string, Handler>>;
}

/** Order matters: literal routes (e.g. /post/ai) come before parameterised ones (/post/:postId). */
export const ROUTES: Route[] = [
	{ pattern: '/me', methods: { GET: getMe } },
	{ pattern: '/workspaces', methods: { GET: listWorkspaces } },
	{ pattern: '/social-profiles', methods: { GET: listSocialProfiles } },
	{ pattern: '/social-profiles/connection-url', methods: { GET: getConnectionUrl, POST: createConnectionUrl } },
	{ pattern: '/post', methods: { GET: listPosts, POST: createPost } },
	{ pattern: '/post/ai', methods: { POST: createAiPost } },
	{ pattern: '/post/:postId', methods: { PATCH: updatePost, DELETE: deletePost } },
	{ pattern: '/campaigns', methods: { POST: createCampaign } },
	{ pattern: '/brand-kits', methods: { GET: listBrandKits } },
	{ pattern: '/hashtag-libraries', methods: { GET: listHashtagLibraries } },
	{ pattern: '/studio-templates', methods: { GET: listStudioTemplates } },
	{ pattern: '/schedules', methods: { GET: listSchedules } },
];

export type RouteMatch =
	| { kind: 'found'; handler: Handler; params: Record<string, string> }
	| { kind: 'methodNotAllowed'; allowed: string[] }
	| { kind: 'notFound' };

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
	const want = pattern.split('/');
	const got = path.split('/');
	if (want.length !== got.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < want.length; i++) {
		if (want[i].startsWith(':')) {
			if (got[i] === '') return undefined;
			params[want[i].slice(1)] = safeDecode(got[i]);
		} else if (want[i] !== got[i]) {
			return undefined;
		}
	}
	return params;
}

/** `path` is relative to the prefix; a single trailing slash is ignored. */
export function matchRoute(method: string, path: string): RouteMatch {
	const normalised = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
	for (const route of ROUTES) {
		const params = matchPattern(route.pattern, normalised);
		if (!params) continue;
		const handler = route.methods[method.toUpperCase()];
		if (!handler) return { kind: 'methodNotAllowed', allowed: Object.keys(route.methods) };
		return { kind: 'found', handler, params };
	}
	return { kind: 'notFound' };
}
