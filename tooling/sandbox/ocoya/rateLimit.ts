/** Fixed-window rate limiter keyed by credential (API key or OAuth token). */

import type { RateLimitConfig } from './types';

export interface RateLimitDecision {
	allowed: boolean;
	headers: Record<string, string>;
}

interface Bucket {
	windowStart: number;
	count: number;
}

export class FixedWindowRateLimiter {
	private config: RateLimitConfig | false;
	private readonly buckets = new Map<string, Bucket>();

	constructor(config: RateLimitConfig | false = false) {
		this.config = FixedWindowRateLimiter.validate(config);
	}

	private static validate(config: RateLimitConfig | false): RateLimitConfig | false {
		if (config === false) return false;
		if (!Number.isInteger(config.max) || config.max < 0) throw new Error('rateLimit.max must be a non-negative integer');
		if (!(config.windowMs > 0)) throw new Error('rateLimit.windowMs must be > 0');
		return { max: config.max, windowMs: config.windowMs };
	}

	/** Replaces the configuration and starts fresh windows for every key. */
	setConfig(config: RateLimitConfig | false): void {
		this.config = FixedWindowRateLimiter.validate(config);
		this.buckets.clear();
	}

	get enabled(): boolean {
		return this.config !== false;
	}

	/**
	 * Counts one request for `key`. Returns null when rate limiting is disabled (no headers are sent).
	 * `X-RateLimit-Reset` is the window end in Unix epoch seconds, rounded up.
	 */
	consume(key: string, now: number = Date.now()): RateLimitDecision | null {
		const config = this.config;
		if (config === false) return null;
		let bucket = this.buckets.get(key);
		if (!bucket || now >= bucket.windowStart + config.windowMs) {
			bucket = { windowStart: now, count: 0 };
			this.buckets.set(key, bucket);
		}
		const allowed = bucket.count < config.max;
		if (allowed) bucket.count++;
		return {
			allowed,
			headers: {
				'X-RateLimit-Limit': String(config.max),
				'X-RateLimit-Remaining': String(Math.max(0, config.max - bucket.count)),
				'X-RateLimit-Reset': String(Math.ceil((bucket.windowStart + config.windowMs) / 1000)),
			},
		};
	}
}
