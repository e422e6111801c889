/**
 * How OAuth2 requests let n8n refresh an expired token.
 *
 * n8n's OAuth2 request path (n8n-core `requestOAuth2`, in both n8n lines) refreshes the access token
 * only when the request *throws* with a 401 answer: it then refreshes once, stores the new token in
 * the credential, and repeats the request with it. A request sent with `ignoreHttpStatusErrors`
 * never throws, so the token would never be refreshed. So for an OAuth2 credential the transport
 * sends without that flag (the API-key path keeps it), and this module turns the error the helper
 * throws for any other non-2xx answer (or for a 401 that persists after the refresh) back into the
 * answer itself: status, headers and body, which then go through the same classification, retries
 * and redaction as every answer.
 */

export interface ThrownAnswer {
	statusCode: number;
	headers: unknown;
	body: unknown;
}

type Cursor = { response?: { status?: unknown; headers?: unknown; data?: unknown; config?: { url?: unknown } }; config?: { url?: unknown }; cause?: unknown };

/** The first HTTP answer found on an error or its `cause` chain, with the URL it answered. */
function responseIn(error: unknown): { answer: ThrownAnswer; url: unknown } | undefined {
	let cursor: unknown = error;
	for (let depth = 0; depth < 5 && cursor && typeof cursor === 'object'; depth++) {
		const { response, config, cause } = cursor as Cursor;
		if (response && typeof response === 'object' && typeof response.status === 'number') {
			return { answer: { statusCode: response.status, headers: response.headers, body: response.data }, url: response.config?.url ?? config?.url };
		}
		cursor = cause;
	}
	return undefined;
}

/** A refresh n8n tried and the token endpoint refused: its status, never its body (it may echo secrets). */
export class RefreshFailed extends Error {
	constructor(readonly status: number) {
		super(`n8n could not refresh the OAuth2 access token: the token endpoint answered HTTP ${status}`);
	}
}

/**
 * The HTTP answer to the request to `url` carried by an error from n8n's request helper (the HTTP
 * client's error, on the error itself or its `cause` chain); undefined when no answer arrived
 * (a network failure, a credential never connected). An answer to another URL is the token
 * endpoint's, during n8n's refresh: RefreshFailed is thrown.
 */
export function answerInError(error: unknown, url: string): ThrownAnswer | undefined {
	const found = responseIn(error);
	if (!found) return undefined;
	if (found.url !== url) throw new RefreshFailed(found.answer.statusCode);
	return found.answer;
}

/** Said with a 401 that outlived n8n's refresh: the token was renewed once and still refused. */
export const REFRESHED_AND_REFUSED =
	'n8n refreshed the OAuth2 access token once and the server still refused it: reconnect the credential, or check its scopes and the Base URL.';

/** Said with an OAuth2 failure before any answer (the token could not be refreshed or was never issued). */
export const OAUTH2_NOT_USABLE =
	'The OAuth2 credential could not be used: its token could not be refreshed, or it was never connected. Reconnect the credential.';
