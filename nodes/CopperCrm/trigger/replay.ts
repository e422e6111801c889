/**
 * Replays and stale deliveries. Copper signs nothing: the only proof of a delivery is the secret it
 * echoes, and anyone who has seen one delivery knows it. What can be checked:
 * - a delivery seen before (same subscription, event, record type, ids, timestamp and changed
 *   attributes) within the
 *   replay window is acknowledged but not run again; the keys seen are kept in the workflow's static
 *   data, at most MAX_SEEN of them, each for the replay window;
 * - a delivery whose timestamp is older than the replay window, or further in the future than the
 *   allowed clock difference, is refused (so a captured delivery cannot be replayed verbatim later,
 *   once its key has left the seen list).
 * Copper's docs say a delivery can arrive up to 15 minutes late and that deliveries are never
 * retried; real payloads carry `timestamp` as ISO 8601 (the docs do not confirm it). Assumed here:
 * the timestamp is the event's time in ISO 8601 (Unix seconds or milliseconds are read too), and
 * the window is 60 minutes, four times the documented delay. A delivery without a timestamp cannot be
 * dated or told apart from a new event on the same records: it is run, as before.
 */
import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import type { Delivery } from './deliveries';

/** How long a delivery counts as new, and how long its key is remembered: 4 × Copper's 15-minute delay. */
export const REPLAY_WINDOW_MS = 60 * 60 * 1000;
/** How far in the future a timestamp may be (clock difference between Copper and n8n). */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;
/** At most this many delivery keys are kept in the workflow's static data (oldest dropped first). */
export const MAX_SEEN = 1000;

export type DeliveryVerdict = 'new' | 'duplicate' | 'stale' | 'future' | 'undated';

interface SeenState {
	/** Delivery key → when it was first seen (ms). */
	seenDeliveries?: Record<string, number>;
}

/** The delivery's timestamp in ms: ISO 8601, or Unix seconds / milliseconds. */
export function deliveryTime(timestamp: unknown): number | undefined {
	if (typeof timestamp === 'number' && Number.isFinite(timestamp)) return timestamp > 1e12 ? timestamp : timestamp * 1000;
	if (typeof timestamp !== 'string' || timestamp.trim() === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(timestamp.trim())) return deliveryTime(Number(timestamp));
	const time = Date.parse(timestamp);
	return Number.isNaN(time) ? undefined : time;
}

function keyOf(delivery: Delivery): string {
	const ids = [...delivery.ids].sort((a, b) => a - b).join(',');
	const changes = JSON.stringify(delivery.updated_attributes ?? {});
	const text = [delivery.subscription_id ?? '', delivery.type, delivery.event, ids, delivery.timestamp ?? '', changes].join('|');
	return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** Drops keys older than the window, then the oldest beyond MAX_SEEN. */
function prune(seen: Record<string, number>, now: number): void {
	const entries = Object.entries(seen).filter(([, at]) => at > now - REPLAY_WINDOW_MS);
	entries.sort((a, b) => a[1] - b[1]);
	const kept = entries.slice(Math.max(0, entries.length - MAX_SEEN + 1));
	for (const key of Object.keys(seen)) delete seen[key];
	for (const [key, at] of kept) seen[key] = at;
}

/** Judges a delivery and, when it is new, records its key (in the node's static data). */
export function judgeDelivery(staticData: IDataObject, delivery: Delivery, now = Date.now()): DeliveryVerdict {
	const time = deliveryTime(delivery.timestamp);
	if (time === undefined) return 'undated';
	if (time < now - REPLAY_WINDOW_MS) return 'stale';
	if (time > now + FUTURE_TOLERANCE_MS) return 'future';
	const state = staticData as SeenState;
	const seen = (state.seenDeliveries ??= {});
	const key = keyOf(delivery);
	if (seen[key] !== undefined && seen[key] > now - REPLAY_WINDOW_MS) return 'duplicate';
	prune(seen, now);
	seen[key] = now;
	return 'new';
}
