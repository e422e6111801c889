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
import { apiError, describeNetworkFailure, helperError } from './apiError';
import { createRedactor, credentialSecrets, type Redactor } from './redact';
import { adaptiveThrottle, observeAnswer } from './adaptiveRate';
import { rateStateFor, recordBudget, reserveBudget, settled, type RateState } from './rateLimit';
import { attemptSignal, contextWithSignal, remainingMs, startClock, type AttemptSignal, type RequestClock } from './deadline';
import { refuseUnsafePath } from './paths';
import { newRetryBudget, payForRetry, refundSuccess, type RetryBudget } from './retryBudget';
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
	const credentialType = credentialTypeFor(service, authenticationOf(fn));
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
	return { fn, service, credentialType, baseUrl, retry, rate: rateStateFor(credentialType, credentialId, baseUrl), sent: 0, redact, retryBudget: newRetryBudget() };
}

function httpOptions(transport: Transport, request: ApiRequest): IHttpRequestOptions {
	return {
		method: request.method,
		url: `${transport.baseUrl}${request.path}`,
		qs: request.qs as IDataObject | undefined,
		headers: {
			Accept: 'application/json',
			...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
			...(transport.service.extraHeaders ?? {}),
		},
		body: request.body !== undefined ? JSON.stringify(request.body) : undefined,
		json: false,
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: transport.retry.timeoutMs,
		arrayFormat: 'repeat',
	};
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

/**
 * One HTTP exchange, counted in the client-side throttles (adaptive: adaptiveRate.ts); the request
 * was reserved in the budget before. Undefined when the request's time budget was spent waiting for
 * the throttle. The answer teaches the adaptive throttle (a 429 lowers the learned limit).
 */
async function exchange(
	transport: Transport,
	request: ApiRequest,
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
	try {
		// Reads are not spread before the first 429 (adaptiveRate.ts): sequential paging stays fast.
		entries.all = await adaptiveThrottle(rate, 'all', throttles.all, kind !== 'read');
		if (request.bulk) entries.bulk = await adaptiveThrottle(rate, 'bulk', throttles.bulk);
		if (remainingMs(clock) <= 0) return undefined;
		limit.current = attemptSignal(fn, retry.attemptDeadlineMs, clock);
		const { signal } = limit.current;
		transport.sent++;
		const options: IHttpRequestOptions = { ...httpOptions(transport, request), abortSignal: signal };
		response = await fn.helpers.httpRequestWithAuthentication.call(contextWithSignal(fn, signal), transport.credentialType, options);
	} finally {
		limit.current?.release();
		rate.inFlight--;
		settledEntries.all = settled(rate.sendLog.all, entries.all);
		settledEntries.bulk = settled(rate.sendLog.bulk, entries.bulk);
	}
	const headers = lowerHeaders(response.headers);
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
	const text = typeof response.body === 'string' ? response.body : response.body === undefined ? '' : JSON.stringify(response.body);
	return { statusCode: response.statusCode, headers, text, learnedPauseMs };
}

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
): Promise<{ response?: ApiResponse; failure?: Failure; waited: number; learnedPauseMs?: number }> {
	// Counts this request in flight from the moment the budget allowed it (exchange() releases it).
	const maxWaitMs = Math.min(transport.retry.maxWaitMs, waitedMs + remainingMs(clock));
	const waited = await reserveBudget(transport.rate, maxWaitMs, waitedMs);
	const limit: AttemptLimit = {};
	try {
		const result = await exchange(transport, request, clock, limit, tries, kind);
		if (!result) return { failure: deadlineFailure(transport, undefined), waited };
		const outcome = classify(transport.service, result.statusCode, result.headers, result.text, expectBody);
		if (outcome instanceof Failure) return { failure: outcome, waited, learnedPauseMs: result.learnedPauseMs };
		return { response: { status: result.statusCode, headers: result.headers, body: outcome.body }, waited };
	} catch (error) {
		if (limit.current?.signal.aborted && !limit.current.cancelled()) return { failure: deadlineFailure(transport, limit.current), waited };
		if (error instanceof NodeApiError && !networkCode(error)) {
			throw helperError(transport.fn.getNode(), error, itemIndex, transport.redact);
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
	const fail = (failure: Failure, note?: string) =>
		apiError(transport.fn.getNode(), transport.service, `${request.method} ${request.path}`, failure, itemIndex, transport.redact, note);
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
