/** Shared bits of the benchmark: credentials for the sandboxes, timing and statistics. */
import { COPPER_APPLICATION_HEADER } from '../../nodes/CopperCrm/applicationHeader';

export const COPPER_KEY = 'test-api-key';
export const COPPER_EMAIL = 'owner@sandbox.test';
export const OCOYA_KEY = 'test-ocoya-key';

export const copperCredentials = (url: string) => ({ copperCrmApi: { apiKey: COPPER_KEY, email: COPPER_EMAIL, baseUrl: url } });
export const ocoyaCredentials = (url: string) => ({ ocoyaApi: { apiKey: OCOYA_KEY, baseUrl: url } });

/** The headers the node's API-key credential sends, for the raw client. */
export const COPPER_HEADERS: Record<string, string> = {
	'X-PW-AccessToken': COPPER_KEY,
	'X-PW-UserEmail': COPPER_EMAIL,
	...COPPER_APPLICATION_HEADER,
	'Content-Type': 'application/json',
	Accept: 'application/json',
};

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Times `work`, starting from a collected heap when the bench runs with --expose-gc, so that one side
 * of a comparison never pays for the garbage the other side left behind.
 */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
	(globalThis as { gc?: () => void }).gc?.();
	const started = process.hrtime.bigint();
	const value = await work();
	return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

/** The fastest any client can send `n` requests under a sliding limit of `max` per `windowMs`. */
export const minimumMs = (n: number, max: number, windowMs: number) => Math.floor((n - 1) / max) * windowMs;


/** Request Options that set the node's client-side throttles to a (scaled) limit, with retries for the odd 429. */
export const throttledOptions = (limit: { max: number; windowMs: number }, bulkLimit: { max: number; windowMs: number }) => ({
	throttleMax: limit.max,
	throttleWindowSeconds: limit.windowMs / 1000,
	bulkThrottleMax: bulkLimit.max,
	bulkThrottleWindowSeconds: bulkLimit.windowMs / 1000,
	maxRetries: 8,
	initialDelayMs: 100,
	maxWaitSeconds: 60,
	timeoutMs: 10_000,
});
