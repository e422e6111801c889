/**
 * Client-side rate limiting. The vendors count requests per API key, not per workflow, so this state
 * is shared by every execution in this n8n process that uses the same credential against the same
 * base URL (two workflows reading Copper at once share its 180 requests per minute instead of each
 * assuming the whole budget and drawing 429s). Processes do not share it (n8n queue-mode workers
 * each keep their own): adaptiveRate.ts learns from their 429s what share of the budget is theirs.
 *
 * - Sliding-window throttles (the service's documented limits, or the node's Request Options; the
 *   waiting is adaptiveRate.ts `adaptiveThrottle`, under the limit it learned): a request waits until
 *   at most that many requests fall inside any `windowMs`. Each request counts from
 *   the moment its response arrived (`settled`): the server stamps a request somewhere between send
 *   and response, so counting from the response keeps network jitter from pushing a request into the
 *   server's previous window.
 * - Budgets from rate-limit headers (Ocoya's X-RateLimit-Remaining/Reset): when the budget is spent,
 *   wait for the reset instead of drawing a 429. Requests still in flight count as spent.
 */
import { sleep } from 'n8n-workflow';

import type { RateLimitHeaders, Throttle } from '../service';

export type ThrottleKind = 'all' | 'bulk';

export interface LearnedLimit {
	/** The configured limit this was learned under (a different configuration starts afresh). */
	ceiling: Throttle;
	/** Requests currently allowed per window (≤ ceiling.max, ≥ 1). */
	allowed: number;
	/** When `allowed` last changed (cut or raise); the next raise is due RAISE_AFTER_WINDOWS later. */
	changedAt: number;
	/** Extra random delay before the next raise, so processes do not raise in step. */
	raiseJitterMs: number;
	/** Response times of accepted (non-429) requests, for what fit in the last window. */
	accepted: number[];
	/** When the last request of this throttle was let through (for the spacing of bursts). */
	lastSentAt: number;
}

export interface AdaptiveState {
	learned: Partial<Record<ThrottleKind, LearnedLimit>>;
	/** No request of this credential starts before this time (set after a 429). */
	holdUntil: number;
}

export interface RateState {
	/** What the responses said is left of the server's window, when it resets, and its size. */
	budget: { remaining?: number; resetAt?: number; limit?: number };
	/** Requests sent and not answered yet (the budget in the last answer may not count them). */
	inFlight: number;
	/** Times (ms) of the requests still inside the throttle windows: all requests, and bulk ones. */
	sendLog: { all: number[]; bulk: number[] };
	/** What the adaptive throttle learned from 429s (adaptiveRate.ts). */
	adaptive: AdaptiveState;
}

const states = new Map<string, RateState>();

/** Reset times are whole seconds on the server's clock: wait a little past them. */
const RESET_MARGIN_MS = 50;
/** While the budget is spent by requests in flight, how often to look for their answers. */
const NEWS_POLL_MS = 25;

/** States kept before idle ones are forgotten (a process that uses many credentials over time). */
const MAX_STATES = 256;
/** A state with nothing in flight and no request for this long is forgotten (its limits are relearned). */
const IDLE_MS = 15 * 60_000;

function forgetIdleStates(): void {
	if (states.size < MAX_STATES) return;
	const cutoff = Date.now() - IDLE_MS;
	for (const [key, state] of states) {
		const last = Math.max(0, ...state.sendLog.all, ...state.sendLog.bulk);
		if (state.inFlight === 0 && last < cutoff) states.delete(key);
	}
}

/** The state shared by every use of one credential (by its n8n ID) against one base URL. */
export function rateStateFor(credentialType: string, credentialId: string | undefined, baseUrl: string): RateState {
	const key = `${credentialType}\n${credentialId ?? ''}\n${baseUrl}`;
	let state = states.get(key);
	if (!state) {
		forgetIdleStates();
		state = { budget: {}, inFlight: 0, sendLog: { all: [], bulk: [] }, adaptive: { learned: {}, holdUntil: 0 } };
		states.set(key, state);
	}
	return state;
}

/** Moves a throttle entry to the time its exchange ended; returns the moved entry. */
export function settled(log: number[], entry: number | undefined): number | undefined {
	if (entry === undefined) return undefined;
	const index = log.lastIndexOf(entry);
	if (index < 0) return undefined;
	log[index] = Math.max(entry, Date.now());
	return log[index];
}

/**
 * Reads the budget from a response's rate-limit headers (lower-cased names). A Reset given as an
 * absolute time is read against the server's `Date` header (a clock difference of 2 s or more, beyond
 * the header's 1 s resolution, is corrected); without a Reset the window is assumed to end
 * `fallbackWindowMs` after this answer (the documented window), so a spent budget never stalls.
 */
export function recordBudget(
	state: RateState,
	names: RateLimitHeaders | undefined,
	headers: Record<string, string>,
	fallbackWindowMs?: number,
): void {
	if (!names) return;
	const remainingHeader = headers[names.remaining.toLowerCase()];
	if (remainingHeader === undefined || remainingHeader.trim() === '') return;
	const remaining = Number(remainingHeader);
	if (!Number.isFinite(remaining)) return;
	const resetAt = resetTime(headers[names.reset.toLowerCase()], headers.date) ?? (fallbackWindowMs ? Date.now() + fallbackWindowMs : undefined);
	const limit = names.limit !== undefined ? Number(headers[names.limit.toLowerCase()]) : NaN;
	const known = state.budget;
	// Within one window, answers can arrive out of order: the lowest count is the latest.
	const sameWindow = resetAt !== undefined && known.resetAt === resetAt && known.remaining !== undefined;
	state.budget = {
		remaining: sameWindow ? Math.min(known.remaining!, remaining) : remaining,
		resetAt,
		limit: Number.isFinite(limit) && limit > 0 ? limit : known.limit,
	};
}

/** When the window resets, on this machine's clock: epoch milliseconds or seconds (on the server's clock), or seconds from now. */
function resetTime(header: string | undefined, serverDate: string | undefined): number | undefined {
	if (header === undefined || header.trim() === '') return undefined;
	const value = Number(header);
	if (!Number.isFinite(value)) return undefined;
	if (value <= 1e9) return Date.now() + value * 1000;
	const serverNow = serverDate ? Date.parse(serverDate) : NaN;
	const skew = Number.isFinite(serverNow) && Math.abs(serverNow - Date.now()) >= 2000 ? serverNow - Date.now() : 0;
	return (value > 1e12 ? value : value * 1000) - skew;
}

/**
 * Waits while the known budget, less the requests still in flight, is spent: until the window
 * resets (then the budget is the full limit again), or until an answer in flight brings news.
 * Gives up waiting (and lets the request go, to be retried on a 429) when `maxWaitMs` would be
 * exceeded. Then counts the request in flight, in the same step as the last check, so that
 * concurrent executions never both take the last request of a budget; the caller decrements
 * `inFlight` when the answer arrives. Returns the time waited.
 */
export async function reserveBudget(state: RateState, maxWaitMs: number, waitedMs: number): Promise<number> {
	let waited = 0;
	for (;;) {
		const { remaining, resetAt, limit } = state.budget;
		const reserve = () => {
			state.inFlight++;
			return waited;
		};
		if (remaining === undefined) return reserve();
		const now = Date.now();
		if (resetAt !== undefined && now >= resetAt + RESET_MARGIN_MS) {
			state.budget = limit !== undefined ? { remaining: limit, limit } : {};
			continue;
		}
		if (remaining - state.inFlight > 0) return reserve();
		const pause = Math.min(resetAt !== undefined ? resetAt + RESET_MARGIN_MS - now : NEWS_POLL_MS, maxWaitMs - waitedMs - waited);
		if (pause <= 0) return reserve();
		await sleep(pause);
		waited += pause;
	}
}
