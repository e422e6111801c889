/**
 * The adaptive part of the client-side throttle: the budget this credential really has, learned from
 * the server's answers. Several n8n processes (queue-mode workers), or another integration using the
 * same account, share one server-side budget that none of them sees; each one only sees its 429s.
 *
 * - Until the first 429, writes are spread over a quarter of the window (BURST_SPREAD), so processes
 *   that start together share the first window evenly. Reads are not spread: a sequential read (a
 *   Return All, one fetch per item) against a fast server would otherwise wait up to
 *   window / (4 × limit) per request (83 ms for Copper; 8 s on a 100-page Return All on localhost).
 * - Copper sends no rate-limit headers, so its limit is learned from 429s. The throttle starts at the
 *   configured (or documented) limit. A 429 lowers it to what fit: the requests this process got
 *   accepted in the last window, rounded to an even share of the configured limit (limit / round(limit /
 *   fit): processes sharing a budget are alike), at least by a tenth and at most to a third (one cut per episode:
 *   requests sent before the cut that come back 429 do not cut again; with nothing of ours in the
 *   window, one cut per window). The throttle then waits for its own window to refill to the
 *   lowered limit instead of backing off exponentially; a short random pause, shared by every
 *   execution using the credential, keeps processes that collided from colliding again in step.
 *   (With nothing of ours in the window the refill cannot be seen: the usual backoff, capped at a
 *   window.) While requests succeed the limit climbs back slowly, never above the configured
 *   limit: after every RAISE_AFTER_WINDOWS windows without a 429 (at a jittered moment) by a
 *   twentieth of the limit or a quarter of the way back, whichever is more.
 * - Ocoya's X-RateLimit-* headers carry the server's own count, which includes every process using
 *   the key: while they are known (their window has not reset) and their limit is not above the
 *   configured one, the local sliding window is not applied and the header budget (rateLimit.ts
 *   reserveBudget) alone decides. A 429 that carries them is not learned from either: the budget
 *   then waits for the reset they name.
 *
 * State is per process: the `adaptive` part of the credential's shared RateState (rateLimit.ts).
 */
import { sleep } from 'n8n-workflow';

import type { RateLimitHeaders, Throttle } from '../service';
import type { LearnedLimit, RateState, ThrottleKind } from './rateLimit';

/** A cut keeps at least this share of the allowed rate, and removes at least 1 − CUT_MAX of it. */
const CUT_MIN = 1 / 3;
const CUT_MAX = 0.9;
/** Windows without a 429 before the limit is raised by RAISE_STEP of the ceiling (at least 1). */
const RAISE_AFTER_WINDOWS = 4;
const RAISE_STEP = 0.05;
const RAISE_SHARE = 0.25;
/**
 * Until the first 429, a window's requests are spread over at least 1/BURST_SPREAD of it (a gap of
 * window / (limit × BURST_SPREAD) between requests): processes that start together then share the
 * first window evenly instead of the quickest one taking it all, so the share each learns from the
 * first 429 is fair. Later windows follow the first one's spacing through the sliding window.
 */
const BURST_SPREAD = 4;

function learnedFor(state: RateState, kind: ThrottleKind, ceiling: Throttle): LearnedLimit {
	const entry = state.adaptive;
	let learned = entry.learned[kind];
	if (!learned || learned.ceiling.max !== ceiling.max || learned.ceiling.windowMs !== ceiling.windowMs) {
		learned = { ceiling: { ...ceiling }, allowed: ceiling.max, changedAt: 0, raiseJitterMs: 0, accepted: [], lastSentAt: 0 };
		entry.learned[kind] = learned;
	}
	return learned;
}

/**
 * Whether the last rate-limit headers still describe the current server window, for a limit no
 * larger than the configured one (a throttle set below the server's limit, to leave room for
 * another integration, stays in force).
 */
function headerBudgetKnown(state: RateState, configured: Throttle, now: number): boolean {
	const { remaining, resetAt, limit } = state.budget;
	return remaining !== undefined && resetAt !== undefined && now < resetAt && (limit === undefined || limit <= configured.max);
}

function prune(log: number[], windowMs: number, now: number): number[] {
	let kept = 0;
	for (const entry of log) if (entry > now - windowMs) log[kept++] = entry;
	log.length = kept;
	return log;
}

/**
 * Waits until one more request fits the learned limit (and any hold after a 429), then logs it in
 * `state.sendLog[kind]` and returns the entry for `settled` (rateLimit.ts); undefined when no throttle
 * applies. Check and log happen without a pause in between, as in rateLimit.ts reserveBudget.
 */
export async function adaptiveThrottle(
	state: RateState,
	kind: ThrottleKind,
	configured: Throttle | undefined,
	spread = true,
): Promise<number | undefined> {
	if (!configured || configured.max <= 0) return undefined;
	const log = state.sendLog[kind];
	for (;;) {
		const now = Date.now();
		const hold = state.adaptive.holdUntil;
		if (now < hold) {
			await sleep(hold - now);
			continue;
		}
		if (kind === 'all' && headerBudgetKnown(state, configured, now)) return undefined;
		const learned = learnedFor(state, kind, configured);
		const max = Math.max(1, Math.floor(learned.allowed));
		prune(log, configured.windowMs, now);
		const spaced = spread && kind === 'all' && learned.changedAt === 0;
		const spacedUntil = spaced ? learned.lastSentAt + configured.windowMs / (max * BURST_SPREAD) : 0;
		if (log.length < max && now >= spacedUntil) {
			log.push(now);
			learned.lastSentAt = now;
			return now;
		}
		// Repeated after waking (the limit may have been cut meanwhile): waking early costs a loop only.
		await sleep(Math.max(log.length < max ? 0 : Math.min(...log) + configured.windowMs - now, spacedUntil - now, 1));
	}
}

export interface Observed {
	status: number;
	/** Lower-cased response headers. */
	headers: Record<string, string>;
	/** The service's rate-limit header names, when it has them. */
	names?: RateLimitHeaders;
	/** The throttle entries of this request (the send times adaptiveThrottle returned). */
	entries: Partial<Record<ThrottleKind, number>>;
	/** The settled log entries (response times), to drop a refused request from the window. */
	settledEntries: Partial<Record<ThrottleKind, number>>;
	throttles: Partial<Record<ThrottleKind, Throttle>>;
	/** The retry's initial delay: the longest random pause after a 429. */
	jitterMs: number;
	/** The transport's exponential backoff for this attempt. */
	backoffMs: number;
}

/** An accepted answer: counted as what fit, and the limit climbs back when it is due. */
function learnFromSuccess(state: RateState, answer: Observed, kinds: ThrottleKind[], now: number): void {
	for (const kind of kinds) {
		const throttle = answer.throttles[kind]!;
		const learned = learnedFor(state, kind, throttle);
		learned.accepted.push(now);
		prune(learned.accepted, throttle.windowMs, now);
		if (learned.allowed < throttle.max && now - learned.changedAt >= RAISE_AFTER_WINDOWS * throttle.windowMs + learned.raiseJitterMs) {
			// A twentieth of the limit, or a quarter of the way back to it when that is more.
			const step = Math.max(1, throttle.max * RAISE_STEP, (throttle.max - learned.allowed) * RAISE_SHARE);
			learned.allowed = Math.min(throttle.max, learned.allowed + step);
			learned.changedAt = now;
			learned.raiseJitterMs = Math.random() * throttle.windowMs;
		}
	}
}

/** The throttle a 429 teaches: for a bulk request (both limits), the one this process has used most of. */
function refusedKind(state: RateState, answer: Observed, kinds: ThrottleKind[], now: number): ThrottleKind {
	const usage = (kind: ThrottleKind) => {
		const throttle = answer.throttles[kind]!;
		const learned = learnedFor(state, kind, throttle);
		return prune(learned.accepted, throttle.windowMs, now).length / learned.allowed;
	};
	return kinds.length > 1 ? kinds.reduce((a, b) => (usage(b) > usage(a) ? b : a)) : kinds[0];
}

/**
 * Lowers the learned limit after a 429, once per episode: this request was sent under the current
 * limit and still did not fit. Within a window of the last cut, a 429 below the new limit teaches
 * nothing new: the window still holds requests sent before the cut (ours or other processes'),
 * which leave it as it slides.
 */
function cutAfter429(learned: LearnedLimit, throttle: Throttle, sentAt: number, fit: number, now: number): void {
	if (!(sentAt >= learned.changedAt && (fit >= learned.allowed || now - learned.changedAt >= throttle.windowMs))) return;
	// The configured limit is the account's, and the processes that share it are alike (queue-mode
	// workers): take an even share, in as many shares as what fit suggests (9 or 11 of 30 → 10), so
	// that noise in who got the first window does not leave one process behind for the whole run.
	const evenShare = fit > 0 ? throttle.max / Math.max(1, Math.round(throttle.max / fit)) : 0;
	learned.allowed = Math.max(1, Math.min(learned.allowed * CUT_MAX, Math.max(learned.allowed * CUT_MIN, evenShare)));
	learned.changedAt = now;
	learned.raiseJitterMs = Math.random() * throttle.windowMs;
}

/** The pause after a 429, by how much of the window is ours. */
function pauseAfter429(learned: LearnedLimit, throttle: Throttle, fit: number, answer: Observed, now: number): number {
	const jitter = Math.random() * Math.min(throttle.windowMs / learned.allowed, answer.jitterMs);
	const allowed = Math.floor(learned.allowed);
	// At our limit: the throttle waits for our requests to leave the window; a short random pause first.
	if (fit >= allowed) return jitter;
	// Refused below our limit while holding much of the window: it is full of requests sent before
	// the cut; wait until our oldest one has left it (the window refills from then on).
	if (fit * 2 >= allowed) return Math.max(0, Math.min(...learned.accepted) + throttle.windowMs - now) + jitter;
	// Little or nothing of ours in the window: its refill is not ours to see. The transport's
	// backoff, never longer than a window.
	return Math.min(answer.backoffMs, throttle.windowMs * (0.5 + Math.random() / 2));
}

/**
 * Learns from one answer. Returns, for a 429 the adaptive throttle handles, the short random pause
 * to take before retrying (the throttle then waits for the window to refill); undefined otherwise
 * (the transport's usual delay applies).
 */
export function observeAnswer(state: RateState, answer: Observed): number | undefined {
	const now = Date.now();
	const kinds = (Object.keys(answer.entries) as ThrottleKind[]).filter((kind) => answer.entries[kind] !== undefined);
	const fromHeaders = answer.names !== undefined && answer.headers[answer.names.remaining.toLowerCase()] !== undefined;
	if (answer.status !== 429) {
		learnFromSuccess(state, answer, kinds, now);
		return undefined;
	}
	// The server's headers already say when its window resets (reserveBudget waits for it).
	if (fromHeaders) return Math.random() * answer.jitterMs;
	if (!kinds.length) return undefined;
	// The request refused was not counted by the server: free its place in the window.
	for (const kind of kinds) {
		const log = state.sendLog[kind];
		const index = log.lastIndexOf(answer.settledEntries[kind] ?? NaN);
		if (index >= 0) log.splice(index, 1);
	}
	const kind = refusedKind(state, answer, kinds, now);
	const throttle = answer.throttles[kind]!;
	const learned = learnedFor(state, kind, throttle);
	const fit = prune(learned.accepted, throttle.windowMs, now).length;
	cutAfter429(learned, throttle, answer.entries[kind]!, fit, now);
	const pause = pauseAfter429(learned, throttle, fit, answer, now);
	// Shared by every execution of this credential in this process.
	const entry = state.adaptive;
	entry.holdUntil = Math.max(entry.holdUntil, now + pause);
	return pause;
}
