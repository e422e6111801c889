/**
 * Client-side rate limiting. The vendors count requests per API key, not per workflow, so this state
 * is shared by every execution in this n8n process that uses the same credential against the same
 * base URL (two workflows reading Copper at once share its 180 requests per minute instead of each
 * assuming the whole budget and drawing 429s). Processes do not share it (n8n queue-mode workers
 * each keep their own); a 429 that still arrives is retried by the transport.
 *
 * - Sliding-window throttles (the service's documented limits, or the node's Request Options): a
 *   request waits until at most `max` requests fall inside any `windowMs`. Each request counts from
 *   the moment its response arrived (`settled`): the server stamps a request somewhere between send
 *   and response, so counting from the response keeps network jitter from pushing a request into the
 *   server's previous window.
 * - Budgets from rate-limit headers (Ocoya's X-RateLimit-Remaining/Reset): when the budget is spent,
 *   wait for the reset instead of drawing a 429. Requests still in flight count as spent.
 */
import { sleep } from 'n8n-workflow';

import type { RateLimitHeaders, Throttle } from './service';

export interface RateState {
	/** What the responses said is left of the server's window, when it resets, and its size. */
	budget: { remaining?: number; resetAt?: number; limit?: number };
	/** Requests sent and not answered yet (the budget in the last answer may not count them). */
	inFlight: number;
	/** Times (ms) of the requests still inside the throttle windows: all requests, and bulk ones. */
	sendLog: { all: number[]; bulk: number[] };
}

const states = new Map<string, RateState>();

/** Reset times are whole seconds on the server's clock: wait a little past them. */
const RESET_MARGIN_MS = 50;
/** While the budget is spent by requests in flight, how often to look for their answers. */
const NEWS_POLL_MS = 25;

/** The state shared by every use of one credential (by its n8n ID) against one base URL. */
export function rateStateFor(credentialType: string, credentialId: string | undefined, baseUrl: string): RateState {
	const key = `${credentialType}\n${credentialId ?? ''}\n${baseUrl}`;
	let state = states.get(key);
	if (!state) {
		state = { budget: {}, inFlight: 0, sendLog: { all: [], bulk: [] } };
		states.set(key, state);
	}
	return state;
}

/**
 * Waits until one more request keeps at most `max` inside any `windowMs`, then logs it and returns
 * the log entry (to pass to `settled`). Check and log happen without a pause in between, so
 * concurrent executions never both take the last place in a window.
 */
export async function throttle(log: number[], limit: Throttle | undefined): Promise<number | undefined> {
	if (!limit || limit.max <= 0) return undefined;
	for (;;) {
		const now = Date.now();
		// Entries are moved to their response times, which arrive in any order: drop every expired one.
		let kept = 0;
		let oldest = Infinity;
		for (const entry of log) {
			if (entry <= now - limit.windowMs) continue;
			log[kept++] = entry;
			oldest = Math.min(oldest, entry);
		}
		log.length = kept;
		if (log.length < limit.max) {
			log.push(now);
			return now;
		}
		// The check above is repeated after waking, so waking early costs a loop, never an early request.
		await sleep(oldest + limit.windowMs - now);
	}
}

/** Moves a throttle entry to the time its exchange ended; returns the moved entry. */
export function settled(log: number[], entry: number | undefined): number | undefined {
	if (entry === undefined) return undefined;
	const index = log.lastIndexOf(entry);
	if (index < 0) return undefined;
	log[index] = Math.max(entry, Date.now());
	return log[index];
}

/** Reads the budget from a response's rate-limit headers (lower-cased names). */
export function recordBudget(state: RateState, names: RateLimitHeaders | undefined, headers: Record<string, string>): void {
	if (!names) return;
	const remainingHeader = headers[names.remaining.toLowerCase()];
	if (remainingHeader === undefined) return;
	const remaining = Number(remainingHeader);
	if (!Number.isFinite(remaining)) return;
	const resetSeconds = Number(headers[names.reset.toLowerCase()]);
	const resetAt = Number.isFinite(resetSeconds)
		? resetSeconds > 1e12
			? resetSeconds
			: resetSeconds > 1e9
				? resetSeconds * 1000
				: Date.now() + resetSeconds * 1000
		: undefined;
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
