/**
 * transport/rateLimit.ts and transport/adaptiveRate.ts decisions called directly: header budgets
 * (read, kept across out-of-order answers, reserved against requests in flight), and the learned
 * limit (a 429 cuts it to an even share, once per episode; success does not raise it early).
 */
import { adaptiveThrottle, observeAnswer, type Observed } from '../../../nodes/shared/transport/adaptiveRate';
import { rateStateFor, recordBudget, reserveBudget } from '../../../nodes/shared/transport/rateLimit';

const names = { remaining: 'X-RateLimit-Remaining', reset: 'X-RateLimit-Reset', limit: 'X-RateLimit-Limit' };
let counter = 0;
const freshState = () => rateStateFor('unitTest', String(++counter), 'http://unit.test');

describe('header budgets', () => {
	it('reads remaining, reset (seconds from now) and limit; the lowest count of one window wins', () => {
		const state = freshState();
		recordBudget(state, names, { 'x-ratelimit-remaining': '5', 'x-ratelimit-reset': '30', 'x-ratelimit-limit': '10' });
		expect(state.budget.remaining).toBe(5);
		expect(state.budget.limit).toBe(10);
		expect(state.budget.resetAt! - Date.now()).toBeGreaterThan(29_000);
		const resetAt = state.budget.resetAt;
		state.budget.resetAt = resetAt;
		recordBudget(state, names, { 'x-ratelimit-remaining': '7', 'x-ratelimit-reset': String(Math.floor(resetAt! / 1000)) });
		expect(state.budget.remaining).toBe(7);
	});

	it('ignores answers without the headers', () => {
		const state = freshState();
		recordBudget(state, names, {});
		recordBudget(state, undefined, { 'x-ratelimit-remaining': '1' });
		expect(state.budget).toEqual({});
	});

	it('reserves at once while the budget less requests in flight is left; gives up waiting at maxWait', async () => {
		const state = freshState();
		state.budget = { remaining: 1, resetAt: Date.now() + 60_000, limit: 10 };
		expect(await reserveBudget(state, 1000, 0)).toBe(0);
		expect(state.inFlight).toBe(1);
		const waited = await reserveBudget(state, 30, 0);
		expect(waited).toBeGreaterThanOrEqual(25);
		expect(state.inFlight).toBe(2);
	});

	it('a reset window gives the full limit back', async () => {
		const state = freshState();
		state.budget = { remaining: 0, resetAt: Date.now() - 1000, limit: 10 };
		expect(await reserveBudget(state, 0, 0)).toBe(0);
		expect(state.budget.remaining).toBe(10);
	});
});

describe('shared states', () => {
	it('are one per credential and base URL; idle ones are forgotten once many credentials were used', () => {
		const idle = rateStateFor('unitTest', 'idle', 'http://unit.test');
		const busy = rateStateFor('unitTest', 'busy', 'http://unit.test');
		busy.inFlight = 1;
		expect(rateStateFor('unitTest', 'idle', 'http://unit.test')).toBe(idle);
		for (let i = 0; i < 300; i++) rateStateFor('unitTest', `many-${i}`, 'http://unit.test');
		expect(rateStateFor('unitTest', 'idle', 'http://unit.test')).not.toBe(idle);
		expect(rateStateFor('unitTest', 'busy', 'http://unit.test')).toBe(busy);
		busy.inFlight = 0;
	});
});

describe('adaptive throttle', () => {
	const throttle = { max: 30, windowMs: 60_000 };
	const answer = (status: number, entry: number): Observed => ({
		status,
		headers: {},
		entries: { all: entry },
		settledEntries: { all: entry },
		throttles: { all: throttle },
		jitterMs: 1,
		backoffMs: 1,
	});

	it('a 429 after ten accepted requests cuts the limit to an even share (10 of 30), once', async () => {
		const state = freshState();
		for (let i = 0; i < 10; i++) observeAnswer(state, answer(200, await adaptiveThrottle(state, 'all', throttle, false) as number));
		const refused = (await adaptiveThrottle(state, 'all', throttle, false)) as number;
		expect(observeAnswer(state, answer(429, refused))).toBeGreaterThanOrEqual(0);
		// Ten in the window and a limit of ten: the next request waits for the window to refill.
		expect(state.sendLog.all).toHaveLength(10);
		const next = Promise.race([adaptiveThrottle(state, 'all', throttle, false), new Promise((resolve) => setTimeout(() => resolve('waiting'), 50))]);
		expect(await next).toBe('waiting');
	});

	it('no throttle configured: nothing is logged', async () => {
		const state = freshState();
		expect(await adaptiveThrottle(state, 'all', undefined)).toBeUndefined();
		expect(state.sendLog.all).toEqual([]);
	});
});
