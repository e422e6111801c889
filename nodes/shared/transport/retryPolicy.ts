/**
 * What counts as success, what is retried and how long to wait: the retry rules of every request.
 * The policy follows the two retry designs most clients copy, AWS's "standard" retry mode and
 * Google's api-core: retry only what is known to be temporary, back off exponentially with full
 * jitter under a cap, and stop early when a whole service is failing.
 *
 * What is retried (a closed list; anything not listed fails at once):
 * - 429: always (nothing was processed), creates included; Retry-After is honoured, plus up to 20 %
 *   jitter (at most 5 s) so that clients told the same second do not all return in it;
 * - connection refused (ECONNREFUSED): always, creates included: the connection was never opened,
 *   so nothing reached the server;
 * - 408, 500, 502, 503, 504, connection resets (ECONNRESET, EPIPE), timeouts (ETIMEDOUT,
 *   ECONNABORTED, ESOCKETTIMEDOUT, the attempt deadline), a temporary DNS failure (EAI_AGAIN),
 *   unreachable networks (EHOSTUNREACH, ENETUNREACH, ENETDOWN) and unreadable bodies: retried for
 *   reads, updates and deletes, never for creates (the server may have acted, and nothing may be
 *   created twice);
 * - everything else fails at once with a clear message: 4xx other than 408/429 (401/403 point at the
 *   credential), an unknown host (ENOTFOUND: check the Base URL), TLS certificate errors, any
 *   network code not in the list above.
 *
 * How long to wait: full jitter, `random(0, min(20 s, initialDelay × 2^retry))` (AWS: full jitter,
 * 20 s cap; api-core: capped exponential with jitter). Bounded by Max Retries, Max Total Wait and the
 * request's time budget (deadline.ts); a wait that would pass either is not started: the error says so.
 *
 * Retry budget per execution (retryBudget.ts, token bucket as in AWS's standard mode): each retry
 * costs tokens, a success refunds one; when the bucket is empty, failures are no longer retried,
 * so an outage costs each further item one attempt instead of a full retry series.
 *
 * A DELETE retried after an ambiguous failure (reset, timeout, 5xx) that then finds 404 counts as
 * done: the first attempt deleted the record (transport.ts).
 *
 * An empty 2xx body is a success ("no content"), except where a list is expected (a page of a
 * paginated request): there it is an unreadable body, so a page is never silently taken as the end.
 */
import type { OperationKind } from '../catalog';
import type { ServiceSpec, Throttle } from '../service';
import { MAX_DEPTH, nestsDeeperThan, parseJsonSafely } from '../values/safeData';

export interface RetrySettings {
	maxRetries: number;
	maxWaitMs: number;
	initialDelayMs: number;
	/** Idle timeout of one attempt (no byte received for this long). */
	timeoutMs: number;
	/** Total time one attempt may take, receiving the whole body included (deadline.ts). */
	attemptDeadlineMs: number;
	/** Total time one request may take: every attempt, wait and retry delay included (deadline.ts). */
	requestDeadlineMs: number;
	/** Largest body read from one answer (responseBounds.ts); the default when absent. */
	maxResponseBytes?: number;
	/** Overrides of the service's client-side throttles (e.g. for a proxy, or a scaled-down benchmark). */
	throttle?: Throttle;
	bulkThrottle?: Throttle;
}

/**
 * The retry defaults: of every request made outside an execution (dropdowns, triggers), and the
 * defaults Request Options shows (description/requestOptions.ts reads them from here).
 */
export const DEFAULT_RETRY_SETTINGS: RetrySettings = {
	maxRetries: 8,
	maxWaitMs: 180_000,
	initialDelayMs: 1000,
	timeoutMs: 60_000,
	attemptDeadlineMs: 60_000,
	requestDeadlineMs: 120_000,
};

/** Largest single backoff delay (AWS standard mode: 20 s). */
export const MAX_BACKOFF_MS = 20_000;
/** Jitter added to a Retry-After wait: up to this share of it, at most RETRY_AFTER_JITTER_MAX_MS. */
const RETRY_AFTER_JITTER = 0.2;
const RETRY_AFTER_JITTER_MAX_MS = 5000;

const RETRYABLE_STATUS = new Set([408, 500, 502, 503, 504]);

/** Temporary network failures, by code: what the message says. */
export const TEMPORARY_NETWORK_CODES: Record<string, string> = {
	ECONNRESET: 'reset',
	EPIPE: 'reset',
	ECONNREFUSED: 'refused',
	ETIMEDOUT: 'timeout',
	ECONNABORTED: 'timeout',
	ESOCKETTIMEDOUT: 'timeout',
	ERR_SOCKET_CONNECTION_TIMEOUT: 'timeout',
	EDEADLINE: 'deadline',
	EAI_AGAIN: 'dns',
	EHOSTUNREACH: 'unreachable',
	ENETUNREACH: 'unreachable',
	ENETDOWN: 'unreachable',
};

/** How a failure counts against the retry budget: timeouts cost more (AWS: 10 instead of 5). */
export type FailureCost = 'none' | 'retry' | 'timeout';

/**
 * A failed attempt: `always` retried (429, refused connections), `ifSafe` retried unless the
 * request creates, or `never`.
 */
export class Failure {
	constructor(
		readonly message: string,
		readonly retryable: 'always' | 'ifSafe' | 'never',
		readonly status?: number,
		readonly body?: unknown,
		readonly retryAfterMs?: number,
		/** Network error code (ECONNRESET, ECONNABORTED, ...) when no response arrived. */
		readonly code?: string,
	) {}

	/** Whether the server may have acted on the request (so a DELETE's later 404 means it did). */
	get mayHaveActed(): boolean {
		return this.retryable === 'ifSafe';
	}

	get cost(): FailureCost {
		if (this.status === 429) return 'none';
		const kind = this.code ? TEMPORARY_NETWORK_CODES[this.code] : undefined;
		return kind === 'timeout' || kind === 'deadline' ? 'timeout' : 'retry';
	}
}

/** The network (or TLS) error code behind an error thrown by the HTTP helper, if any. */
export function networkCode(error: unknown): string | undefined {
	let cursor: unknown = error;
	for (let depth = 0; depth < 6 && cursor && typeof cursor === 'object'; depth++) {
		const code = (cursor as { code?: unknown }).code;
		if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{2,}$/.test(code)) return code;
		const message = (cursor as { message?: unknown }).message;
		if (typeof message === 'string') {
			if (/socket hang up|ECONNRESET/i.test(message)) return 'ECONNRESET';
			if (/timeout/i.test(message)) return 'ETIMEDOUT';
		}
		const { messages } = cursor as { messages?: unknown };
		const fromMessages = codeInMessages(Array.isArray(messages) ? [...messages, message] : [message]);
		if (fromMessages) return fromMessages;
		cursor = (cursor as { cause?: unknown }).cause;
	}
	return undefined;
}

/**
 * n8n 1.x wraps network failures in a NodeApiError without the cause; the original messages
 * ("socket hang up", "timeout of 700ms exceeded", "connect ECONNREFUSED …", "self-signed
 * certificate") are in its `messages`.
 */
function codeInMessages(messages: unknown): string | undefined {
	if (!Array.isArray(messages)) return undefined;
	for (const m of messages) {
		if (typeof m !== 'string') continue;
		if (/socket hang up|ECONNRESET/i.test(m)) return 'ECONNRESET';
		if (/timeout/i.test(m)) return 'ETIMEDOUT';
		const named = /\b(E[A-Z_]{4,})\b/.exec(m)?.[1];
		if (named) return named;
		// TLS failures carry no E-code, only OpenSSL's text ("self-signed certificate", "certificate has expired").
		if (/certificate|\bssl\b|\btls\b/i.test(m)) return 'CERT_REJECTED';
	}
	return undefined;
}

/** How a network failure is retried: refused connections always, other temporary ones if safe, the rest never. */
export function networkRetryable(code: string | undefined): Failure['retryable'] {
	if (code === undefined) return 'ifSafe';
	const kind = TEMPORARY_NETWORK_CODES[code];
	if (kind === 'refused') return 'always';
	return kind ? 'ifSafe' : 'never';
}

function parseRetryAfter(value: string | undefined): number | undefined {
	if (!value) return undefined;
	if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function parseBody(text: string, headers: Record<string, string>): { ok: boolean; body: unknown; html?: boolean } {
	if (text.trim() === '') return { ok: true, body: undefined };
	try {
		return { ok: true, body: parseJsonSafely(text, true) };
	} catch {
		const type = headers['content-type'] ?? '';
		const html = type.includes('html') || /^\s*<(!doctype|html)/i.test(text);
		return { ok: false, body: html ? 'an HTML page' : 'a body that is not valid JSON', html };
	}
}

/** The vendor's message from any body shape: an object, the first element of a list, or plain text. */
function vendorMessage(service: ServiceSpec, parsed: { ok: boolean; body: unknown; html?: boolean }, text: string): string | undefined {
	if (!parsed.ok) {
		if (parsed.html) return undefined;
		const line = text.trim().split('\n')[0].slice(0, 300);
		return line ? `${line}` : undefined;
	}
	const body = Array.isArray(parsed.body) ? parsed.body[0] : parsed.body;
	return service.errorMessage(body);
}

/** Classifies a finished HTTP exchange: its body on success, a Failure otherwise. */
export function classify(
	service: ServiceSpec,
	status: number,
	headers: Record<string, string>,
	text: string,
	expectBody = false,
): Failure | { body: unknown } {
	const name = service.displayName;
	// Scanned once, before parsing: deep JSON would overflow the stack of every later walk (responseBounds.ts).
	if (nestsDeeperThan(text)) return new Failure(`${name} answered with JSON nested deeper than ${MAX_DEPTH} levels; it was not read`, 'never', status);
	const parsed = parseBody(text, headers);
	if (status >= 200 && status < 300) {
		if (!parsed.ok) return new Failure(`${name} answered ${status} with ${parsed.body}`, 'ifSafe', status);
		if (expectBody && parsed.body === undefined) {
			return new Failure(`${name} answered ${status} with an empty body where a list was expected`, 'ifSafe', status);
		}
		return { body: parsed.body };
	}
	const vendor = vendorMessage(service, parsed, text);
	const message = parsed.ok ? (vendor ?? `HTTP ${status}`) : `HTTP ${status} with ${parsed.body}${vendor ? `: ${vendor}` : ''}`;
	if (status === 429) return new Failure(message, 'always', status, parsed.body, parseRetryAfter(headers['retry-after']));
	if (RETRYABLE_STATUS.has(status)) return new Failure(message, 'ifSafe', status, parsed.body);
	return new Failure(message, 'never', status, parsed.body);
}

/** Capped exponential backoff with full jitter: anywhere between 0 and `min(cap, initialDelay × 2^retry)`. */
export function backoff(retry: RetrySettings, attempt: number): number {
	const ceiling = Math.min(MAX_BACKOFF_MS, retry.initialDelayMs * 2 ** Math.min(attempt, 30));
	return Math.round(Math.random() * ceiling);
}

/** A Retry-After wait with jitter: never earlier than asked, up to 20 % (at most 5 s) later. */
export function retryAfterDelay(retryAfterMs: number): number {
	return Math.round(retryAfterMs + Math.random() * Math.min(retryAfterMs * RETRY_AFTER_JITTER, RETRY_AFTER_JITTER_MAX_MS));
}

/** What to do after a failed attempt: wait `delay` and retry, or fail with `note` (undefined: no note). */
export type RetryDecision = { delay: number } | { fail: true; note?: string };

export interface RetryState {
	kind: OperationKind;
	/** Attempts made so far, minus one. */
	tries: number;
	/** Time already waited for this request (retry delays and rate-limit budget). */
	waitedMs: number;
	/** Time left of the request's budget. */
	remainingMs: number;
	/** After a 429 the adaptive throttle learned from (adaptiveRate.ts): its short pause, instead of the backoff. */
	learnedPauseMs?: number;
	/** Takes this retry's price from the execution's retry budget; false when it cannot pay. */
	payBudget(): boolean;
}

export function decideRetry(retry: RetrySettings, failure: Failure, state: RetryState): RetryDecision {
	if (failure.retryable === 'never') {
		return { fail: true, note: failure.code && failure.code !== 'EDEADLINE' ? 'Not retried: this error is not temporary.' : undefined };
	}
	if (failure.retryable === 'ifSafe' && state.kind === 'create') {
		return { fail: true, note: 'Not retried: this request creates data, and the server may already have processed it.' };
	}
	if (state.tries >= retry.maxRetries) return { fail: true, note: `Gave up after ${state.tries + 1} attempts.` };
	if (!state.payBudget()) {
		return { fail: true, note: 'Not retried: the retry budget of this execution is spent (too many failures in a row).' };
	}
	const delay =
		failure.retryAfterMs !== undefined ? retryAfterDelay(failure.retryAfterMs) : (state.learnedPauseMs ?? backoff(retry, state.tries));
	if (state.waitedMs + delay > retry.maxWaitMs) {
		return { fail: true, note: `Gave up: the next retry would exceed the maximum total wait of ${Math.round(retry.maxWaitMs / 1000)} s.` };
	}
	if (delay >= state.remainingMs) {
		return { fail: true, note: `Gave up: the next retry would exceed the request's time budget of ${Math.round(retry.requestDeadlineMs / 1000)} s.` };
	}
	return { delay };
}
