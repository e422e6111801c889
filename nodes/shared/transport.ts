/**
 * Sends one API request with the node's credential, and owns every retry rule:
 * - 429: always retried (nothing was processed), honouring Retry-After, else exponential backoff with jitter;
 * - 5xx, 408, connection resets, timeouts and unreadable bodies: retried for reads, updates and deletes,
 *   never for creates (the server may have acted, and nothing may be created twice);
 * - client-side rate limits (throttles and rate-limit header budgets, shared by every execution
 *   using the same credential): see rateLimit.ts;
 * - an empty 2xx body is a success ("no content"), except where a list is expected (a page of a
 *   paginated request): there it is an unreadable body, so a page is never silently taken as the end;
 * - 401/403 are not retried and their description points at the credential.
 * Every failure becomes a NodeApiError carrying the vendor's message; no credential value is ever included.
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

import type { HttpMethod, OperationKind } from './catalog';
import { credentialTypeFor } from './authentication';
import { rateStateFor, recordBudget, reserveBudget, settled, throttle, type RateState } from './rateLimit';
import type { ServiceSpec, Throttle } from './service';

/** Every n8n context that carries the node's credential and request helpers. */
export type ApiFunctions = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions | IWebhookFunctions;

export interface RetrySettings {
	maxRetries: number;
	maxWaitMs: number;
	initialDelayMs: number;
	timeoutMs: number;
	/** Overrides of the service's client-side throttles (e.g. for a proxy, or a scaled-down benchmark). */
	throttle?: Throttle;
	bulkThrottle?: Throttle;
}

export const defaultRetrySettings: RetrySettings = {
	maxRetries: 8,
	maxWaitMs: 180_000,
	initialDelayMs: 1000,
	timeoutMs: 60_000,
};

export interface ApiRequest {
	method: HttpMethod;
	/** Path relative to the base URL, path parameters already encoded. */
	path: string;
	qs?: Record<string, unknown>;
	body?: unknown;
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

export async function createTransport(
	fn: ApiFunctions,
	service: ServiceSpec,
	authentication: string,
	retry: RetrySettings = defaultRetrySettings,
): Promise<Transport> {
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
	return { fn, service, credentialType, baseUrl, retry, rate: rateStateFor(credentialType, credentialId, baseUrl), sent: 0 };
}

const RETRYABLE_STATUS = new Set([408, 500, 502, 503, 504]);
const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'ECONNREFUSED',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

class Failure {
	constructor(
		readonly message: string,
		readonly retryable: 'always' | 'ifSafe' | 'never',
		readonly status?: number,
		readonly body?: unknown,
		readonly retryAfterMs?: number,
		/** Network error code (ECONNRESET, ECONNABORTED, ...) when no response arrived. */
		readonly code?: string,
	) {}
}

/**
 * Plain words for a network failure. The code itself goes into the description only: n8n replaces
 * any error message containing a code such as ECONNRESET with its own generic text.
 */
function describeNetworkFailure(code: string | undefined, timeoutMs: number): string {
	switch (code) {
		case 'ETIMEDOUT':
		case 'ECONNABORTED':
		case 'ESOCKETTIMEDOUT':
		case 'ERR_SOCKET_CONNECTION_TIMEOUT':
			return `timed out after ${timeoutMs} ms`;
		case 'ECONNRESET':
		case 'EPIPE':
			return 'the connection was reset';
		case 'ECONNREFUSED':
			return 'the connection was refused';
		case 'EAI_AGAIN':
		case 'ENOTFOUND':
			return 'the host name could not be resolved';
		default:
			return 'the connection failed';
	}
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

function parseRetryAfter(value: string | undefined): number | undefined {
	if (!value) return undefined;
	if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function parseBody(text: string, headers: Record<string, string>): { ok: boolean; body: unknown } {
	if (text.trim() === '') return { ok: true, body: undefined };
	try {
		return { ok: true, body: JSON.parse(text) };
	} catch {
		const type = headers['content-type'] ?? '';
		return { ok: false, body: type.includes('html') ? 'an HTML page' : 'a body that is not valid JSON' };
	}
}

function networkCode(error: unknown): string | undefined {
	let cursor: unknown = error;
	for (let depth = 0; depth < 5 && cursor && typeof cursor === 'object'; depth++) {
		const code = (cursor as { code?: unknown }).code;
		if (typeof code === 'string' && (NETWORK_CODES.has(code) || code.startsWith('E'))) return code;
		const message = (cursor as { message?: unknown }).message;
		if (typeof message === 'string') {
			if (/socket hang up|ECONNRESET/i.test(message)) return 'ECONNRESET';
			if (/timeout/i.test(message)) return 'ETIMEDOUT';
		}
		// n8n 1.x wraps network failures in a NodeApiError without the cause; the original messages
		// ("socket hang up", "timeout of 700ms exceeded", "connect ECONNREFUSED …") are in `messages`.
		const messages = (cursor as { messages?: unknown }).messages;
		if (Array.isArray(messages)) {
			for (const m of messages) {
				if (typeof m !== 'string') continue;
				if (/socket hang up|ECONNRESET/i.test(m)) return 'ECONNRESET';
				if (/timeout/i.test(m)) return 'ETIMEDOUT';
				const named = /\b(E[A-Z_]{4,})\b/.exec(m)?.[1];
				if (named && NETWORK_CODES.has(named)) return named;
			}
		}
		cursor = (cursor as { cause?: unknown }).cause;
	}
	return undefined;
}

/** Classifies a finished HTTP exchange; returns undefined when it succeeded. */
function classify(
	transport: Transport,
	status: number,
	headers: Record<string, string>,
	text: string,
	expectBody = false,
): Failure | { body: unknown } {
	const parsed = parseBody(text, headers);
	const name = transport.service.displayName;
	if (status >= 200 && status < 300) {
		if (!parsed.ok) return new Failure(`${name} answered ${status} with ${parsed.body}`, 'ifSafe', status);
		if (expectBody && parsed.body === undefined) {
			return new Failure(`${name} answered ${status} with an empty body where a list was expected`, 'ifSafe', status);
		}
		return { body: parsed.body };
	}
	const vendor = parsed.ok ? transport.service.errorMessage(parsed.body) : undefined;
	const message = vendor ?? (parsed.ok ? `HTTP ${status}` : `HTTP ${status} with ${parsed.body}`);
	if (status === 429) {
		return new Failure(message, 'always', status, parsed.body, parseRetryAfter(headers['retry-after']));
	}
	if (RETRYABLE_STATUS.has(status)) return new Failure(message, 'ifSafe', status, parsed.body);
	return new Failure(message, 'never', status, parsed.body);
}

function backoff(retry: RetrySettings, attempt: number): number {
	const base = retry.initialDelayMs * 2 ** attempt;
	return Math.round(base / 2 + Math.random() * (base / 2));
}

function apiError(transport: Transport, request: ApiRequest, failure: Failure, itemIndex: number, note?: string): NodeApiError {
	const where = `${request.method} ${request.path}`;
	const description = [
		failure.status
			? `${transport.service.displayName} answered HTTP ${failure.status} to ${where}.`
			: `Request ${where} failed${failure.code ? ` (${failure.code})` : ''}.`,
		failure.status === 401 || failure.status === 403
			? `Check the credential (API key or OAuth2 token) and its permissions for this request.`
			: undefined,
		note,
	]
		.filter(Boolean)
		.join(' ');
	const errorBody: JsonObject = { message: failure.message };
	if (failure.status) errorBody.httpCode = String(failure.status);
	return new NodeApiError(transport.fn.getNode(), errorBody, {
		message: failure.message,
		description,
		httpCode: failure.status ? String(failure.status) : undefined,
		itemIndex,
	});
}

/**
 * Sends one request, retrying according to the rules at the top of this file.
 * `expectBody`: the caller needs a body (a page of a list), so an empty 2xx body is unreadable.
 */
export async function send(
	transport: Transport,
	request: ApiRequest,
	kind: OperationKind,
	itemIndex = 0,
	expectBody = false,
): Promise<ApiResponse> {
	const { fn, service, retry } = transport;
	// A "." or ".." segment, even percent-encoded, is resolved away by URL parsing and would send the
	// request to another resource: refuse it before anything is sent.
	const dotSegment = request.path.split('/').find((segment) => /^(\.|%2e){1,2}$/i.test(segment));
	if (dotSegment !== undefined) {
		throw new NodeOperationError(fn.getNode(), `The request path ${request.path} contains the segment "${dotSegment}"`, {
			description: 'An ID of "." or ".." would change which resource the request reaches; use the real ID.',
			itemIndex,
		});
	}
	const safeToRepeat = kind !== 'create';
	let waitedMs = 0;
	for (let attempt = 0; ; attempt++) {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${transport.baseUrl}${request.path}`,
			qs: request.qs as IDataObject | undefined,
			headers: {
				Accept: 'application/json',
				...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
				...(service.extraHeaders ?? {}),
			},
			body: request.body !== undefined ? JSON.stringify(request.body) : undefined,
			json: false,
			encoding: 'text',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: retry.timeoutMs,
			arrayFormat: 'repeat',
		};
		let failure: Failure;
		let headers: Record<string, string> = {};
		try {
			let response: { statusCode: number; headers: unknown; body: unknown };
			const { rate } = transport;
			// Counts this request in flight from the moment the budget allowed it.
			waitedMs += await reserveBudget(rate, retry.maxWaitMs, waitedMs);
			let allEntry: number | undefined;
			let bulkEntry: number | undefined;
			try {
				allEntry = await throttle(rate.sendLog.all, retry.throttle ?? service.throttle);
				if (/\/bulk_(create|update)$/.test(request.path)) {
					bulkEntry = await throttle(rate.sendLog.bulk, retry.bulkThrottle ?? service.bulkThrottle);
				}
				transport.sent++;
				response = await fn.helpers.httpRequestWithAuthentication.call(fn, transport.credentialType, options);
			} finally {
				rate.inFlight--;
				settled(rate.sendLog.all, allEntry);
				settled(rate.sendLog.bulk, bulkEntry);
			}
			headers = lowerHeaders(response.headers);
			recordBudget(rate, service.rateLimitHeaders, headers);
			const text = typeof response.body === 'string' ? response.body : response.body === undefined ? '' : JSON.stringify(response.body);
			const outcome = classify(transport, response.statusCode, headers, text, expectBody);
			if (!(outcome instanceof Failure)) return { status: response.statusCode, headers, body: outcome.body };
			failure = outcome;
		} catch (error) {
			const code = networkCode(error);
			if (error instanceof NodeApiError && !networkCode(error)) {
				// An error raised by n8n itself before any exchange (e.g. missing OAuth2 token).
				throw new NodeApiError(fn.getNode(), { message: error.message } as JsonObject, {
					message: error.message,
					description: error.description ?? undefined,
					itemIndex,
				});
			}
			failure = new Failure(
				`No response from ${service.displayName}: ${describeNetworkFailure(code, retry.timeoutMs)}`,
				'ifSafe',
				undefined,
				undefined,
				undefined,
				code,
			);
		}

		const retryable = failure.retryable === 'always' || (failure.retryable === 'ifSafe' && safeToRepeat);
		if (!retryable) {
			const note =
				failure.retryable === 'ifSafe'
					? 'Not retried: this request creates data, and the server may already have processed it.'
					: undefined;
			throw apiError(transport, request, failure, itemIndex, note);
		}
		if (attempt >= retry.maxRetries) {
			throw apiError(transport, request, failure, itemIndex, `Gave up after ${attempt + 1} attempts.`);
		}
		const delay = failure.retryAfterMs ?? backoff(retry, attempt);
		if (waitedMs + delay > retry.maxWaitMs) {
			throw apiError(
				transport,
				request,
				failure,
				itemIndex,
				`Gave up: the next retry would exceed the maximum total wait of ${Math.round(retry.maxWaitMs / 1000)} s.`,
			);
		}
		await sleep(delay);
		waitedMs += delay;
	}
}
