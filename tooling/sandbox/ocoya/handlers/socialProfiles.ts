/** GET /social-profiles, GET|POST /social-profiles/connection-url */

import { CONNECTION_URL_GET_PROVIDERS, CONNECTION_URL_POST_PROVIDERS, isOneOf } from '../enums';
import { HttpError, ok, type Handler } from '../http';
import { serializeSocialProfile } from '../store';
import { bodyObject, queryValue, requireWorkspace } from '../validate';

const OCOYA_APP = 'https://app.ocoya.com';

export const listSocialProfiles: Handler = (ctx) => {
	const ws = requireWorkspace(ctx);
	return ok(ctx.store.listSocialProfiles(ws.id).map(serializeSocialProfile));
};

const AUTH_PROVIDER: Record<(typeof CONNECTION_URL_GET_PROVIDERS)[number], string> = {
	facebook: 'facebook',
	instagram: 'facebook',
	twitter: 'twitter',
	linkedin: 'linkedin',
	pinterest: 'pinterest',
	tiktok: 'tiktok',
};

export const getConnectionUrl: Handler = (ctx) => {
	const ws = requireWorkspace(ctx);
	const provider = queryValue(ctx.query, 'provider');
	if (!isOneOf(CONNECTION_URL_GET_PROVIDERS, provider)) {
		throw new HttpError(422, `provider must be one of: ${CONNECTION_URL_GET_PROVIDERS.join(', ')}.`);
	}
	const qs = `provider=${encodeURIComponent(provider)}&workspaceId=${encodeURIComponent(ws.id)}`;
	const authProvider = AUTH_PROVIDER[provider];
	const viaFacebook = provider === 'instagram' ? ' Instagram accounts are connected through Facebook first.' : '';
	return ok({
		provider,
		authProvider,
		authUrl: `${OCOYA_APP}/api/mcp/social-connect/start?${qs}`,
		callbackUrl: `${OCOYA_APP}/smm/integrations/select?provider=${encodeURIComponent(provider)}`,
		instructions: `Open authUrl in a browser while signed in to Ocoya, approve access on ${authProvider} and pick the profiles to connect to workspace "${ws.name}".${viaFacebook}`,
	});
};

export const createConnectionUrl: Handler = (ctx) => {
	const ws = requireWorkspace(ctx);
	const provider = bodyObject(ctx).provider;
	if (!isOneOf(CONNECTION_URL_POST_PROVIDERS, provider)) {
		throw new HttpError(422, `provider must be one of: ${CONNECTION_URL_POST_PROVIDERS.join(', ')}.`);
	}
	return ok({
		url: `${OCOYA_APP}/api/social-connect/start?provider=${encodeURIComponent(provider)}&workspaceId=${encodeURIComponent(ws.id)}`,
	});
};
