/**
 * How OAuth2 requests let n8n refresh an expired token.
 *
 * n8n's OAuth2 request path (n8n-core `requestOAuth2`, both n8n lines) refreshes the access token
 * only when the request *throws* with a 401 answer: it then refreshes once, stores the new token in
 * the credential, and repeats the request with it. A request sent with `ignoreHttpStatusErrors:
 * true` never throws, so the token was never refreshed. The API-key path keeps that flag; OAuth2
 * requests are sent with `{ ignore: true, except: [401] }`:
 * - n8n 2.x: only a 401 throws, so n8n refreshes and repeats; every other status is an answer, in
 *   full. A 401 that persists after the refresh throws, and its answer is taken back out of the
 *   error (`answerInError`); a failure of the token endpoint is a RefreshFailed.
 * - n8n 1.x ignores the `except` list (every status is an answer, the 401 included). A 401 that comes
 *   back as an answer therefore means n8n had no chance to refresh: the request is sent once more
 *   without ignoring status errors, so n8n sees the 401 and refreshes. If that repeat still throws
 *   (1.x keeps only the status of the error), a changed token means the refresh worked and the
 *   request is sent once more normally, to get its answer in full; an unchanged one is a RefreshFailed.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

/** The status handling of OAuth2 requests: every status is an answer, except the 401 n8n refreshes on. */
export const OAUTH2_STATUS_ERRORS: IHttpRequestOptions['ignoreHttpStatusErrors'] = { ignore: true, except: [401] };

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

/** A refresh n8n tried and could not make: the token endpoint's status, never its body (it may echo secrets). */
export class RefreshFailed extends Error {
	constructor(detail: string) {
		super(`n8n could not refresh the OAuth2 access token: ${detail}`);
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
	if (found.url !== url) throw new RefreshFailed(`the token endpoint answered HTTP ${found.answer.statusCode}`);
	return found.answer;
}

/** Said with a 401 that outlived n8n's refresh: the token was renewed once and still refused. */
export const REFRESHED_AND_REFUSED =
	'n8n refreshed the OAuth2 access token once and the server still refused it: reconnect the credential, or check its scopes and the Base URL.';

/** Said with an OAuth2 failure before any answer (the token could not be refreshed or was never issued). */
export const OAUTH2_NOT_USABLE =
	'The OAuth2 credential could not be used: its token could not be refreshed, or it was never connected. Reconnect the credential.';

/** One call of n8n's helper; `ignoreStatus` false lets every non-2xx status throw. */
export type HelperCall = (ignoreStatus: IHttpRequestOptions['ignoreHttpStatusErrors']) => Promise<ThrownAnswer>;

/** The helper's answer, or what it threw (so the caller decides, outside any catch block). */
async function settle(call: HelperCall, ignoreStatus: IHttpRequestOptions['ignoreHttpStatusErrors']): Promise<{ answer: ThrownAnswer } | { error: unknown }> {
	try {
		return { answer: await call(ignoreStatus) };
	} catch (error) {
		return { error };
	}
}

/** The answer, also when it came as a thrown error (`thrown`); anything else the helper threw is thrown on. */
async function answerOf(call: HelperCall, ignoreStatus: IHttpRequestOptions['ignoreHttpStatusErrors'], url: string): Promise<ThrownAnswer & { thrown: boolean }> {
	const result = await settle(call, ignoreStatus);
	if ('answer' in result) return { ...result.answer, thrown: false };
	const answer = answerInError(result.error, url);
	if (!answer) throw result.error;
	return { ...answer, thrown: true };
}

/**
 * Sends an OAuth2 request so that n8n refreshes an expired token once (see above). `accessToken`
 * reads the credential's current access token; `discard` frees an answer's unread body.
 */
export async function sendOAuth2(call: HelperCall, url: string, accessToken: () => Promise<unknown>, discard: (body: unknown) => void): Promise<ThrownAnswer> {
	const first = await answerOf(call, OAUTH2_STATUS_ERRORS, url);
	if (first.statusCode !== 401 || first.thrown) return first;
	discard(first.body);
	const before = await accessToken();
	const repeat = await settle(call, false);
	if ('answer' in repeat) return repeat.answer;
	const answer = answerInError(repeat.error, url);
	if (answer) return answer;
	const { error } = repeat;
	if ((await accessToken()) === before) throw new RefreshFailed(error instanceof Error ? error.message : String(error));
	// Refreshed, and the repeat still failed: a 401 is final; any other status is asked once more in full.
	if (String((error as { httpCode?: unknown }).httpCode) === '401') return { statusCode: 401, headers: {}, body: undefined };
	return await answerOf(call, OAUTH2_STATUS_ERRORS, url);
}
