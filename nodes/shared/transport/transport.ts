/**
 * Sends one API request with the node's credential: the URL from the credential's base URL, the
 * service's headers, the client-side rate limits (rateLimit.ts), and retries by the rules of
 * retryPolicy.ts. Every failure becomes a NodeApiError (apiError.ts) carrying the vendor's message;
 * no credential value is ever included.
 */
import {
	NodeApiError,
	NodeOperationError,
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
import { rateStateFor, recordBudget, reserveBudget, settled, throttle, type RateState } from './rateLimit';
import { defaultRetrySettings } from '../description/requestOptions';
import { backoff, classify, Failure, networkCode, type RetrySettings } from './retryPolicy';

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
	retry: RetrySettings = defaultRetrySettings,
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
	return { fn, service, credentialType, baseUrl, retry, rate: rateStateFor(credentialType, credentialId, baseUrl), sent: 0 };
}

/**
 * A "." or ".." segment, even percent-encoded, is resolved away by URL parsing and would send the
 * request to another resource: refuse it before anything is sent.
 */
function refuseDotSegments(transport: Transport, request: ApiRequest, itemIndex: number): void {
	const dotSegment = request.path.split('/').find((segment) => /^(\.|%2e){1,2}$/i.test(segment));
	if (dotSegment === undefined) return;
	throw new NodeOperationError(transport.fn.getNode(), `The request path ${request.path} contains the segment "${dotSegment}"`, {
		description: 'An ID of "." or ".." would change which resource the request reaches; use the real ID.',
		itemIndex,
	});
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

type Exchange = { statusCode: number; headers: Record<string, string>; text: string };

/** One HTTP exchange, counted in the client-side throttles; the request was reserved in the budget before. */
async function exchange(transport: Transport, request: ApiRequest): Promise<Exchange> {
	const { fn, service, retry, rate } = transport;
	let allEntry: number | undefined;
	let bulkEntry: number | undefined;
	let response: { statusCode: number; headers: unknown; body: unknown };
	try {
		allEntry = await throttle(rate.sendLog.all, retry.throttle ?? service.throttle);
		if (request.bulk) bulkEntry = await throttle(rate.sendLog.bulk, retry.bulkThrottle ?? service.bulkThrottle);
		transport.sent++;
		response = await fn.helpers.httpRequestWithAuthentication.call(fn, transport.credentialType, httpOptions(transport, request));
	} finally {
		rate.inFlight--;
		settled(rate.sendLog.all, allEntry);
		settled(rate.sendLog.bulk, bulkEntry);
	}
	const headers = lowerHeaders(response.headers);
	recordBudget(rate, service.rateLimitHeaders, headers);
	const text = typeof response.body === 'string' ? response.body : response.body === undefined ? '' : JSON.stringify(response.body);
	return { statusCode: response.statusCode, headers, text };
}

/** One attempt: the response, or the Failure to retry or report; with the time waited for the budget. */
async function attempt(
	transport: Transport,
	request: ApiRequest,
	itemIndex: number,
	expectBody: boolean,
	waitedMs: number,
): Promise<{ response?: ApiResponse; failure?: Failure; waited: number }> {
	// Counts this request in flight from the moment the budget allowed it (exchange() releases it).
	const waited = await reserveBudget(transport.rate, transport.retry.maxWaitMs, waitedMs);
	try {
		const result = await exchange(transport, request);
		const outcome = classify(transport.service, result.statusCode, result.headers, result.text, expectBody);
		if (outcome instanceof Failure) return { failure: outcome, waited };
		return { response: { status: result.statusCode, headers: result.headers, body: outcome.body }, waited };
	} catch (error) {
		const code = networkCode(error);
		if (error instanceof NodeApiError && !code) throw helperError(transport.fn.getNode(), error, itemIndex);
		const message = `No response from ${transport.service.displayName}: ${describeNetworkFailure(code, transport.retry.timeoutMs)}`;
		return { failure: new Failure(message, 'ifSafe', undefined, undefined, undefined, code), waited };
	}
}

/**
 * Sends one request, retrying by the rules of retryPolicy.ts.
 * `expectBody`: the caller needs a body (a page of a list), so an empty 2xx body is unreadable.
 */
export async function send(
	transport: Transport,
	request: ApiRequest,
	kind: OperationKind,
	itemIndex = 0,
	expectBody = false,
): Promise<ApiResponse> {
	refuseDotSegments(transport, request, itemIndex);
	const { retry } = transport;
	const fail = (failure: Failure, note?: string) =>
		apiError(transport.fn.getNode(), transport.service, `${request.method} ${request.path}`, failure, itemIndex, note);
	let waitedMs = 0;
	for (let tries = 0; ; tries++) {
		const result = await attempt(transport, request, itemIndex, expectBody, waitedMs);
		waitedMs += result.waited;
		if (result.response) return result.response;
		const failure = result.failure!;
		if (failure.retryable === 'never') throw fail(failure);
		if (failure.retryable === 'ifSafe' && kind === 'create') {
			throw fail(failure, 'Not retried: this request creates data, and the server may already have processed it.');
		}
		if (tries >= retry.maxRetries) throw fail(failure, `Gave up after ${tries + 1} attempts.`);
		const delay = failure.retryAfterMs ?? backoff(retry, tries);
		if (waitedMs + delay > retry.maxWaitMs) {
			throw fail(failure, `Gave up: the next retry would exceed the maximum total wait of ${Math.round(retry.maxWaitMs / 1000)} s.`);
		}
		await sleep(delay);
		waitedMs += delay;
	}
}
