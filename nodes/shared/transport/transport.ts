/**
 * Sends one API request with the node's credential: the URL from the credential's base URL, the
 * service's headers, the client-side rate limits (rateLimit.ts), and retries by the rules of
 * retryPolicy.ts. Every failure becomes a NodeApiError (apiError.ts) carrying the vendor's message;
 * no credential value is ever included.
 */
import {
	NodeApiError,
	sleep,
	type IExecuteFunctions,
	type IHookFunctions,
	type IDataObject,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type IWebhookFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { credentialTypeFor } from '../authentication';
import type { HttpMethod, OperationKind } from '../catalog';
import type { ServiceSpec } from '../service';
import { apiError, describeNetworkFailure, helperError, vendorError } from './apiError';
import { createRedactor, credentialSecrets, type Redactor } from './redact';
import { adaptiveThrottle, observeAnswer } from './adaptiveRate';
import { rateStateFor, recordBudget, reserveBudget, settled, type RateState } from './rateLimit';
import { attemptSignal, contextWithSignal, remainingMs, startClock, type AttemptSignal, type RequestClock } from './deadline';
import { refuseUnsafePath } from './paths';
import { newRetryBudget, payForRetry, refundSuccess, type RetryBudget } from './retryBudget';
import { OAUTH2_NOT_USABLE, REFRESHED_AND_REFUSED, RefreshFailed, sendOAuth2, type HelperCall, type ThrownAnswer } from './oauth2';
import { decideRedirect } from './redirects';
import { DEFAULT_MAX_RESPONSE_MIB, discardBody, MIB, readBounded, ResponseTooLarge } from './responseBounds';
import { backoff, classify, decideRetry, DEFAULT_RETRY_SETTINGS, Failure, networkCode, networkRetryable, type RetrySettings } from './retryPolicy';

/** Every n8n context that carries the node's credential and request helpers. */
export type ApiFunctions = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions | IWebhookFunctions;

export interface ApiRequest {
	method: HttpMethod;
	/** Path relative to the base URL, path parameters already encoded. */
	path: string;
	qs?: Record<string, unknown>;
	body?: unknown;
	/** A bulk endpoint of the catalog: the service's bulk throttle applies on top. */
	bulk?: boolean;
}

export interface ApiResponse {
	status: number;
	headers: Record<string, string>;
	body: unknown;
}

/** Everything the engine needs to talk to one service within one execution. */
export interface Transport {
	fn: ApiFunctions;
	service: ServiceSpec;
	credentialType: string;
	baseUrl: string;
	retry: RetrySettings;
	/** Throttle logs and header budget, shared with every execution using the same credential. */
	rate: RateState;
	/** Requests sent by this transport (for diagnostics and tests of request counts). */
	sent: number;
	/** The execution's retry budget (retryBudget.ts): an outage stops costing retries once it is spent. */
	retryBudget: RetryBudget;
	/** Masks the credential's values in any text or body that leaves the transport (redact.ts). */
	redact: Redactor;
	/** An OAuth2 credential: sent so that n8n refreshes an expired token (oauth2.ts). */
	oauth2: boolean;
}

/** Where one exchange goes: the request's own URL, or a same-origin redirect's (redirects.ts). */
interface Target {
	url: string;
	method: HttpMethod;
	qs?: Record<string, unknown>;
	body?: unknown;
}

/** The node's Authentication choice (API key by default), in any context. */
function authenticationOf(fn: ApiFunctions): string {
	const value = 'getInputData' in fn ? fn.getNodeParameter('authentication', 0, 'apiKey') : fn.getNodeParameter('authentication', 'apiKey');
	return typeof value === 'string' ? value : 'apiKey';
}

/** The transport of a node run (execution, dropdown, trigger or webhook), with the credential its Authentication selects. */
export async function createTransport(
	fn: ApiFunctions,
	service: ServiceSpec,
	retry: RetrySettings = DEFAULT_RETRY_SETTINGS,
): Promise<Transport> {
	const authentication = authenticationOf(fn);
	const credentialType = credentialTypeFor(service, authentication);
	const credentials = await fn.getCredentials(credentialType);
	const baseUrl = String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
	if (!/^https?:\/\/[^\s]+$/.test(baseUrl)) {
		throw new NodeApiError(fn.getNode(), { message: 'Invalid base URL' } as JsonObject, {
			message: `The ${service.displayName} credential has no valid base URL`,
			description: 'Set "Base URL" in the credential to an http(s) address.',
		});
	}
	const credentialId = fn.getNode().credentials?.[credentialType]?.id ?? undefined;
	const redact = createRedactor(credentialSecrets(credentials));
	return { fn, service, credentialType, baseUrl, retry, rate: rateStateFor(credentialType, credentialId, baseUrl), sent: 0, redact, retryBudget: newRetryBudget(), oauth2: authentication === 'oAuth2' };
}

/**
 * The helper's options: the body comes as a stream (read within the Max Response Size,
 * responseBounds.ts), redirects are never followed by the helper (redirects.ts), and HTTP errors are
 * answers (OAuth2 requests adjust this so n8n can refresh the token: oauth2.ts).
 */
function httpOptions(transport: Transport, target: Target): IHttpRequestOptions {
	return {
		method: target.method,
		url: target.url,
		qs: target.qs as IDataObject | undefined,
		headers: {
			Accept: 'application/json',
			...(target.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
			...(transport.service.extraHeaders ?? {}),
		},
		body: target.body !== undefined ? JSON.stringify(target.body) : undefined,
		json: false,
		encoding: 'stream',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: transport.retry.timeoutMs,
		arrayFormat: 'repeat',
	};
}

/** The credential's current OAuth2 access token (to tell whether n8n refreshed it). */
async function accessToken(transport: Transport): Promise<unknown> {
	const credentials = await transport.fn.getCredentials(transport.credentialType);
	return (credentials.oauthTokenData as { access_token?: unknown } | undefined)?.access_token;
}

/** n8n's helper with the credential; OAuth2 requests go through sendOAuth2 so n8n can refresh the token. */
async function callHelper(transport: Transport, target: Target, signal: AbortSignal): Promise<ThrownAnswer> {
	const { fn } = transport;
	const call: HelperCall = async (ignoreStatus) => {
		const options: IHttpRequestOptions = { ...httpOptions(transport, target), ignoreHttpStatusErrors: ignoreStatus, abortSignal: signal };
		return await fn.helpers.httpRequestWithAuthentication.call(contextWithSignal(fn, signal), transport.credentialType, options);
	};
	if (!transport.oauth2) return await call(true);
	return await sendOAuth2(call, target.url, async () => await accessToken(transport), discardBody);
}

function lowerHeaders(headers: unknown): Record<string, string> {
	const result: Record<string, string> = {};
	if (headers && typeof headers === 'object') {
		for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
			result[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
		}
	}
	return result;
}

type Exchange = { statusCode: number; headers: Record<string, string>; text: string; learnedPauseMs?: number };

/** The time limit of an attempt in progress, for telling a deadline from other failures afterwards. */
type AttemptLimit = { current?: AttemptSignal };

const isRedirect = (status: number) => status >= 300 && status < 400;

/**
 * One HTTP exchange, counted in the client-side throttles (adaptive: adaptiveRate.ts); the request
 * was reserved in the budget before. Undefined when the request's time budget was spent waiting for
 * the throttle. The answer teaches the adaptive throttle (a 429 lowers the learned limit). The body
 * is read within the attempt's deadline and the Max Response Size (a redirect's is not read).
 */
async function exchange(
	transport: Transport,
	request: ApiRequest,
	target: Target,
	clock: RequestClock,
	limit: AttemptLimit,
	tries: number,
	kind: OperationKind,
): Promise<Exchange | undefined> {
	const { fn, service, retry, rate } = transport;
	const throttles = { all: retry.throttle ?? service.throttle, bulk: request.bulk ? (retry.bulkThrottle ?? service.bulkThrottle) : undefined };
	const entries: { all?: number; bulk?: number } = {};
	const settledEntries: { all?: number; bulk?: number } = {};
	let response: { statusCode: number; headers: unknown; body: unknown };
	let headers: Record<string, string>;
	let text = '';
	try {
		// Reads are not spread before the first 429 (adaptiveRate.ts): sequential paging stays fast.
		entries.all = await adaptiveThrottle(rate, 'all', throttles.all, kind !== 'read');
		if (request.bulk) entries.bulk = await adaptiveThrottle(rate, 'bulk', throttles.bulk);
		if (remainingMs(clock) <= 0) return undefined;
		limit.current = attemptSignal(fn, retry.attemptDeadlineMs, clock);
		transport.sent++;
		response = await callHelper(transport, target, limit.current.signal);
		headers = lowerHeaders(response.headers);
		if (isRedirect(response.statusCode)) discardBody(response.body);
		else text = await readBounded(response.body, headers, maxResponseBytes(transport), limit.current.signal);
	} finally {
		limit.current?.release();
		rate.inFlight--;
		settledEntries.all = settled(rate.sendLog.all, entries.all);
		settledEntries.bulk = settled(rate.sendLog.bulk, entries.bulk);
	}
	recordBudget(rate, service.rateLimitHeaders, headers, throttles.all?.windowMs);
	const learnedPauseMs = observeAnswer(rate, {
		status: response.statusCode,
		headers,
		names: service.rateLimitHeaders,
		entries,
		settledEntries,
		throttles,
		jitterMs: retry.initialDelayMs,
		backoffMs: backoff(retry, tries),
	});
	return { statusCode: response.statusCode, headers, text, learnedPauseMs };
}

const DEFAULT_MAX_RESPONSE_BYTES = DEFAULT_MAX_RESPONSE_MIB * MIB;
const maxResponseBytes = (transport: Transport) => transport.retry.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

/** The Failure of an attempt cut off by the attempt deadline or the request's time budget. */
function deadlineFailure(transport: Transport, limit: AttemptSignal | undefined): Failure {
	const name = transport.service.displayName;
	if (!limit || limit.byRequestDeadline) {
		const budget = Math.round(transport.retry.requestDeadlineMs / 1000);
		return new Failure(`No response from ${name}: the request's time budget of ${budget} s is spent`, 'never', undefined, undefined, undefined, 'EDEADLINE');
	}
	const message = `No response from ${name}: the attempt did not finish within ${limit.limitMs} ms`;
	return new Failure(message, 'ifSafe', undefined, undefined, undefined, 'EDEADLINE');
}

/** The Failure of an attempt that got no (complete) response. */
function networkFailure(transport: Transport, error: unknown): Failure {
	const code = networkCode(error);
	const message = `No response from ${transport.service.displayName}: ${describeNetworkFailure(code, transport.retry.timeoutMs)}`;
	return new Failure(message, networkRetryable(code), undefined, undefined, undefined, code);
}

/** The Failure of an answer over the Max Response Size. */
function tooLargeFailure(transport: Transport, error: ResponseTooLarge): Failure {
	const mib = Math.round((error.limitBytes / MIB) * 100) / 100;
	const announced = error.announcedBytes !== undefined ? ` (it announced ${Math.ceil(error.announcedBytes / MIB)} MiB)` : '';
	const message = `${transport.service.displayName}'s answer is larger than the Max Response Size of ${mib} MiB${announced}; reading stopped there. Raise "Max Response Size (MiB)" in Request Options if the answer is expected to be this large.`;
	return new Failure(message, 'never', undefined, undefined, undefined, 'ETOOLARGE');
}

type AttemptResult = { response?: ApiResponse; failure?: Failure; learnedPauseMs?: number };

/** The exchanges of one attempt: the request, then any same-origin redirects (redirects.ts). */
async function exchanges(
	transport: Transport,
	request: ApiRequest,
	expectBody: boolean,
	clock: RequestClock,
	limit: AttemptLimit,
	tries: number,
	kind: OperationKind,
): Promise<AttemptResult> {
	const name = transport.service.displayName;
	let target: Target = { url: `${transport.baseUrl}${request.path}`, method: request.method, qs: request.qs, body: request.body };
	for (let hops = 0; ; hops++) {
		const result = await exchange(transport, request, target, clock, limit, tries, kind);
		if (!result) return { failure: deadlineFailure(transport, undefined) };
		const redirect = decideRedirect(result.statusCode, result.headers.location, target.url, transport.baseUrl, target.method, hops, name);
		if (redirect && 'refuse' in redirect) return { failure: new Failure(redirect.refuse, 'never', result.statusCode) };
		if (redirect) {
			const { url, method, keepBody } = redirect.follow;
			target = { url, method, body: keepBody ? target.body : undefined };
			continue;
		}
		const outcome = classify(transport.service, result.statusCode, result.headers, result.text, expectBody);
		if (outcome instanceof Failure) return { failure: outcome, learnedPauseMs: result.learnedPauseMs };
		return { response: { status: result.statusCode, headers: result.headers, body: outcome.body } };
	}
}

/** One attempt: the response, or the Failure to retry or report; with the time waited for the budget. */
async function attempt(
	transport: Transport,
	request: ApiRequest,
	itemIndex: number,
	expectBody: boolean,
	waitedMs: number,
	clock: RequestClock,
	tries: number,
	kind: OperationKind,
): Promise<AttemptResult & { waited: number }> {
	// Counts this request in flight from the moment the budget allowed it (exchange() releases it).
	const maxWaitMs = Math.min(transport.retry.maxWaitMs, waitedMs + remainingMs(clock));
	const waited = await reserveBudget(transport.rate, maxWaitMs, waitedMs);
	const limit: AttemptLimit = {};
	try {
		return { ...(await exchanges(transport, request, expectBody, clock, limit, tries, kind)), waited };
	} catch (error) {
		if (error instanceof ResponseTooLarge) return { failure: tooLargeFailure(transport, error), waited };
		if (error instanceof RefreshFailed) throw vendorError(transport.fn.getNode(), error.message, OAUTH2_NOT_USABLE, itemIndex, transport.redact);
		if (limit.current?.signal.aborted && !limit.current.cancelled()) return { failure: deadlineFailure(transport, limit.current), waited };
		if (error instanceof NodeApiError && !networkCode(error)) {
			throw helperError(transport.fn.getNode(), error, itemIndex, transport.redact, transport.oauth2 ? OAUTH2_NOT_USABLE : undefined);
		}
		return { failure: networkFailure(transport, error), waited };
	}
}

/**
 * Sends one request, retrying by the rules of retryPolicy.ts, within the time limits of deadline.ts
 * and the execution's retry budget (retryBudget.ts).
 * `expectBody`: the caller needs a body (a page of a list), so an empty 2xx body is unreadable.
 */
export async function send(
	transport: Transport,
	request: ApiRequest,
	kind: OperationKind,
	itemIndex = 0,
	expectBody = false,
): Promise<ApiResponse> {
	refuseUnsafePath(transport.fn.getNode(), request.path, itemIndex);
	const fail = (failure: Failure, note?: string) => {
		const refused = transport.oauth2 && failure.status === 401 ? REFRESHED_AND_REFUSED : undefined;
		const notes = [refused, note].filter(Boolean).join(' ') || undefined;
		return apiError(transport.fn.getNode(), transport.service, `${request.method} ${request.path}`, failure, itemIndex, transport.redact, notes);
	};
	const clock = startClock(transport.retry.requestDeadlineMs);
	let waitedMs = 0;
	let mayHaveActed = false;
	for (let tries = 0; ; tries++) {
		const result = await attempt(transport, request, itemIndex, expectBody, waitedMs, clock, tries, kind);
		waitedMs += result.waited;
		if (result.response) {
			refundSuccess(transport.retryBudget);
			return result.response;
		}
		const failure = result.failure!;
		// A retried DELETE that finds nothing: the earlier attempt, cut off, had deleted it.
		if (mayHaveActed && request.method === 'DELETE' && failure.status === 404) return { status: 404, headers: {}, body: undefined };
		const decision = decideRetry(transport.retry, failure, {
			kind,
			tries,
			waitedMs,
			remainingMs: remainingMs(clock),
			learnedPauseMs: result.learnedPauseMs,
			payBudget: () => payForRetry(transport.retryBudget, failure.cost),
		});
		if ('fail' in decision) throw fail(failure, decision.note);
		mayHaveActed ||= failure.mayHaveActed;
		await sleep(decision.delay);
		waitedMs += decision.delay;
	}
}
