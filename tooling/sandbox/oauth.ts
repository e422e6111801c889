/**
 * The OAuth2 side of both sandboxes: which access tokens the API accepts, and a token endpoint
 * (`POST /oauth/token`, form-encoded, client credentials in the body or as Basic auth) that
 * issues them for the authorization_code and refresh_token grants, plus an authorize endpoint
 * (`GET /oauth/authorize`) that sends the browser straight back to n8n's callback with a code.
 *
 * Tests expire the current token (`expire()`), make refreshes fail (`failRefresh`), or reject every
 * token (`rejectAll`: a 401 that survives the refresh), and count refreshes. Control over HTTP for
 * the e2e suite: `GET /__sandbox/oauth` (the counts), `POST /__sandbox/oauth` with
 * `{"expire":true}`, `{"failRefresh":true}`, `{"rejectAll":true}` or `{"reset":true}`.
 */
import type http from 'node:http';

export const OAUTH_TOKEN_PATH = '/oauth/token';
export const OAUTH_AUTHORIZE_PATH = '/oauth/authorize';
export const OAUTH_CONTROL_PATH = '/__sandbox/oauth';
export const OAUTH_CLIENT_ID = 'sandbox-client';
export const OAUTH_CLIENT_SECRET = 'sandbox-client-secret';

type Answer = { status: number; body: string; headers: Record<string, string> };

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => ({
	status,
	body: JSON.stringify(body),
	headers: { 'Content-Type': 'application/json', ...headers },
});

export class OAuthAuthority {
	/** Access tokens the API accepts now. */
	private readonly valid = new Set<string>();
	private readonly refreshTokens = new Set<string>();
	private issued = 0;
	/** Refresh-token grants answered with a new token. */
	refreshes = 0;
	/** Token endpoint calls of any kind (failed ones included). */
	tokenCalls = 0;
	failRefresh = false;
	rejectAll = false;
	/** Tokens the API was shown and refused (for tests of what was sent). */
	readonly refused: string[] = [];

	constructor(
		private readonly prefix: string,
		private readonly initialToken: string,
		private readonly initialRefreshToken = `${prefix}-refresh-0`,
	) {
		this.valid.add(initialToken);
		this.refreshTokens.add(initialRefreshToken);
	}

	/** Whether the API accepts this bearer token. */
	accepts(token: string | undefined): boolean {
		if (token === undefined) return false;
		const ok = !this.rejectAll && this.valid.has(token);
		if (!ok) this.refused.push(token);
		return ok;
	}

	/** Every access token issued so far stops working (refresh tokens keep working). */
	expire(): void {
		this.valid.clear();
	}

	/** Back to the start: the initial tokens valid again, no failure mode, counts zero. */
	reset(): void {
		this.valid.add(this.initialToken);
		this.refreshTokens.add(this.initialRefreshToken);
		this.failRefresh = false;
		this.rejectAll = false;
		this.refreshes = 0;
		this.tokenCalls = 0;
		this.refused.length = 0;
	}

	private issue(): Answer {
		this.issued++;
		const access = `${this.prefix}-access-${this.issued}`;
		const refresh = `${this.prefix}-refresh-${this.issued}`;
		this.valid.add(access);
		this.refreshTokens.add(refresh);
		return json(200, { access_token: access, token_type: 'Bearer', refresh_token: refresh, expires_in: 3600 });
	}

	/** `POST /oauth/token`. */
	token(rawBody: string, headers: http.IncomingHttpHeaders): Answer {
		this.tokenCalls++;
		const form = new URLSearchParams(rawBody);
		const basic = /^Basic\s+(.+)$/i.exec(String(headers.authorization ?? ''))?.[1];
		const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
		const clientId = form.get('client_id') ?? basicId;
		const clientSecret = form.get('client_secret') ?? basicSecret;
		if (clientId !== OAUTH_CLIENT_ID || clientSecret !== OAUTH_CLIENT_SECRET) return json(401, { error: 'invalid_client' });
		const grant = form.get('grant_type');
		if (grant === 'authorization_code') return form.get('code') ? this.issue() : json(400, { error: 'invalid_request' });
		if (grant !== 'refresh_token') return json(400, { error: 'unsupported_grant_type' });
		if (this.failRefresh) return json(503, { error: 'temporarily_unavailable', error_description: 'token endpoint down' });
		if (!this.refreshTokens.has(form.get('refresh_token') ?? '')) return json(400, { error: 'invalid_grant' });
		this.refreshes++;
		return this.issue();
	}

	/** `GET /oauth/authorize?redirect_uri=…&state=…`: consent granted at once. */
	authorize(query: URLSearchParams): Answer {
		const target = new URL(query.get('redirect_uri') ?? '');
		target.searchParams.set('code', `code-${this.issued + 1}`);
		target.searchParams.set('state', query.get('state') ?? '');
		return { status: 302, body: '', headers: { Location: target.href } };
	}

	/** `GET|POST /__sandbox/oauth`. */
	control(method: string, rawBody: string): Answer {
		if (method === 'POST') {
			const asked = (rawBody ? JSON.parse(rawBody) : {}) as Record<string, boolean>;
			if (asked.reset) this.reset();
			if (asked.expire) this.expire();
			if (asked.failRefresh !== undefined) this.failRefresh = asked.failRefresh;
			if (asked.rejectAll !== undefined) this.rejectAll = asked.rejectAll;
		}
		return json(200, { refreshes: this.refreshes, tokenCalls: this.tokenCalls, refused: this.refused.length, valid: [...this.valid] });
	}

	/** Answers the OAuth2 and control paths; undefined for any other path. */
	handle(method: string, path: string, query: URLSearchParams, rawBody: string, headers: http.IncomingHttpHeaders): Answer | undefined {
		if (path === OAUTH_TOKEN_PATH && method === 'POST') return this.token(rawBody, headers);
		if (path === OAUTH_AUTHORIZE_PATH && method === 'GET') return this.authorize(query);
		if (path === OAUTH_CONTROL_PATH) return this.control(method, rawBody);
		return undefined;
	}
}

/** The bearer token of an Authorization header, if any. */
export function bearerOf(authorization: string | string[] | undefined): string | undefined {
	const value = Array.isArray(authorization) ? authorization[0] : authorization;
	return value ? /^Bearer\s+(.+)$/i.exec(value)?.[1]?.trim() : undefined;
}
