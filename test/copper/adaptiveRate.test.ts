/**
 * The adaptive budget (nodes/shared/transport/adaptiveRate.ts) through the real engine against the Copper
 * sandbox's rolling-window limit, which sends no rate-limit headers (as Copper):
 * - a server limit half the configured one is learned from the first 429, so a long run draws one
 *   or two 429s instead of a few per window, and still creates every record once;
 * - several processes sharing one budget (each its own rate state, as queue-mode workers: here
 *   separate credential IDs with the same key) settle on shares that fit together;
 * - the learned limit climbs back once the server allows more, and never above the configured one.
 * Without the adaptation (exponential backoff on every 429) each of these draws many more 429s.
 */
import { jsonOf, useCopperSandbox } from '../helpers/copper';

describe('Copper adaptive rate limit (learned from 429s)', () => {
	const h = useCopperSandbox();
	const status429 = () => h.sandbox.requests.filter((r) => r.status === 429).length;
	const freshWindow = (windowMs: number) => new Promise((resolve) => setTimeout(resolve, windowMs + 50));
	const createPeople = (prefix: string, count: number, throttle: { max: number; windowMs: number }, credentialId: string) =>
		h.run(
			{
				resource: 'people',
				operation: 'create',
				name: '={{ $json.name }}',
				requestOptions: {
					maxRetries: 8,
					initialDelayMs: 100,
					maxWaitSeconds: 30,
					timeoutMs: 5000,
					throttleMax: throttle.max,
					throttleWindowSeconds: throttle.windowMs / 1000,
				},
			},
			{ items: Array.from({ length: count }, (_v, i) => ({ name: `${prefix} #${i}` })), continueOnFail: true, credentialId },
		);
	/** Every name of the run exists exactly once in the sandbox. */
	const expectCreatedOnce = (prefix: string, count: number) => {
		const names = h.sandbox.store
			.all('people')
			.map((p) => p.name)
			.filter((name) => name.startsWith(`${prefix} #`));
		expect(names).toHaveLength(count);
		expect(new Set(names).size).toBe(count);
	};
	const errors = (result: Awaited<ReturnType<typeof createPeople>>) => jsonOf(result).filter((json) => json.error !== undefined);

	afterEach(() => h.sandbox.setRateLimit(false));

	it('learns a server limit half the configured one from the first 429: few 429s, every record created once', async () => {
		const server = { max: 10, windowMs: 1000 };
		await freshWindow(server.windowMs);
		h.sandbox.setRateLimit(server);
		h.sandbox.clearRequests();
		const result = await createPeople('half limit', 40, { max: 20, windowMs: 1000 }, 'adaptive-half');
		expect(result.error).toBeUndefined();
		expect(errors(result)).toEqual([]);
		expect(result.items).toHaveLength(40);
		expectCreatedOnce('half limit', 40);
		// 40 accepted requests; the 429s are the whole price of not knowing the limit.
		expect(h.sandbox.requests.length - status429()).toBe(40);
		expect(status429()).toBeGreaterThan(0);
		expect(status429()).toBeLessThanOrEqual(2);
	});

	it('three processes sharing one budget settle on shares that fit: few 429s, every record created once', async () => {
		const server = { max: 15, windowMs: 1000 };
		await freshWindow(server.windowMs);
		h.sandbox.setRateLimit(server);
		h.sandbox.clearRequests();
		const runs = await Promise.all(
			['A', 'B', 'C'].map((name) => createPeople(`process ${name}`, 20, server, `adaptive-process-${name}`)),
		);
		for (const [index, run] of runs.entries()) {
			expect(run.error).toBeUndefined();
			expect(errors(run)).toEqual([]);
			expectCreatedOnce(`process ${'ABC'[index]}`, 20);
		}
		expect(h.sandbox.requests.length - status429()).toBe(60);
		// The first window's collision costs about one 429 per process; after it the shares fit.
		expect(status429()).toBeLessThanOrEqual(5);
	});

	it('climbs back when the server allows more again, never above the configured limit', async () => {
		const configured = { max: 8, windowMs: 250 };
		await freshWindow(configured.windowMs);
		h.sandbox.setRateLimit({ max: 4, windowMs: 250 });
		const first = await createPeople('climb first', 12, configured, 'adaptive-climb');
		expect(errors(first)).toEqual([]);
		expect(status429()).toBeGreaterThan(0);
		// The server now allows the configured limit: the learned limit rises back to it, one step per
		// few windows, and never above it (the sandbox would answer 429 to a ninth request in a window).
		h.sandbox.setRateLimit(configured);
		h.sandbox.clearRequests();
		// How many requests the sandbox saw, sampled every 10 ms, to find the busiest window.
		const samples: Array<[number, number]> = [];
		const sampler = setInterval(() => samples.push([Date.now(), h.sandbox.requests.length]), 10);
		const second = await createPeople('climb second', 100, configured, 'adaptive-climb');
		clearInterval(sampler);
		expect(errors(second)).toEqual([]);
		expectCreatedOnce('climb second', 100);
		expect(status429()).toBe(0);
		expect(h.sandbox.requests).toHaveLength(100);
		let busiest = 0;
		for (const [at, count] of samples) {
			const before = samples.find(([t]) => t >= at - configured.windowMs + 20);
			if (before) busiest = Math.max(busiest, count - before[1]);
		}
		// Above the learned 4 per window: the limit climbed back.
		expect(busiest).toBeGreaterThan(4);
	});
});
