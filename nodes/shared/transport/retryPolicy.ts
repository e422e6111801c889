/**
 * What counts as success, what is retried and how long to wait: the retry rules of every request.
 * - 429: always retried (nothing was processed), honouring Retry-After, else exponential backoff with jitter;
 * - 5xx, 408, connection resets, timeouts and unreadable bodies: retried for reads, updates and deletes,
 *   never for creates (the server may have acted, and nothing may be created twice);
 * - an empty 2xx body is a success ("no content"), except where a list is expected (a page of a
 *   paginated request): there it is an unreadable body, so a page is never silently taken as the end;
 * - any other status (401/403 among them) is not retried.
 */
import type { ServiceSpec, Throttle } from '../service';

export interface RetrySettings {
	maxRetries: number;
	maxWaitMs: number;
	initialDelayMs: number;
	timeoutMs: number;
	/** Overrides of the service's client-side throttles (e.g. for a proxy, or a scaled-down benchmark). */
	throttle?: Throttle;
	bulkThrottle?: Throttle;
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

/** A failed attempt: `always` retried (429), `ifSafe` retried unless the request creates, or `never`. */
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
}

/** The network error code behind an error thrown by the HTTP helper, if any. */
export function networkCode(error: unknown): string | undefined {
	let cursor: unknown = error;
	for (let depth = 0; depth < 5 && cursor && typeof cursor === 'object'; depth++) {
		const code = (cursor as { code?: unknown }).code;
		if (typeof code === 'string' && (NETWORK_CODES.has(code) || code.startsWith('E'))) return code;
		const message = (cursor as { message?: unknown }).message;
		if (typeof message === 'string') {
			if (/socket hang up|ECONNRESET/i.test(message)) return 'ECONNRESET';
			if (/timeout/i.test(message)) return 'ETIMEDOUT';
		}
		cursor = (cursor as { cause?: unknown }).cause;
	}
	return undefined;
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

/** Classifies a finished HTTP exchange: its body on success, a Failure otherwise. */
export function classify(
	service: ServiceSpec,
	status: number,
	headers: Record<string, string>,
	text: string,
	expectBody = false,
): Failure | { body: unknown } {
	const parsed = parseBody(text, headers);
	const name = service.displayName;
	if (status >= 200 && status < 300) {
		if (!parsed.ok) return new Failure(`${name} answered ${status} with ${parsed.body}`, 'ifSafe', status);
		if (expectBody && parsed.body === undefined) {
			return new Failure(`${name} answered ${status} with an empty body where a list was expected`, 'ifSafe', status);
		}
		return { body: parsed.body };
	}
	const vendor = parsed.ok ? service.errorMessage(parsed.body) : undefined;
	const message = vendor ?? (parsed.ok ? `HTTP ${status}` : `HTTP ${status} with ${parsed.body}`);
	if (status === 429) return new Failure(message, 'always', status, parsed.body, parseRetryAfter(headers['retry-after']));
	if (RETRYABLE_STATUS.has(status)) return new Failure(message, 'ifSafe', status, parsed.body);
	return new Failure(message, 'never', status, parsed.body);
}

/** Exponential backoff with jitter: between half and all of `initialDelayMs × 2^attempt`. */
export function backoff(retry: RetrySettings, attempt: number): number {
	const base = retry.initialDelayMs * 2 ** attempt;
	return Math.round(base / 2 + Math.random() * (base / 2));
}
