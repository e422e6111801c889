/** Rate limits and faults: what is retried, what never is, and what the user sees. */
import { jsonOf, useCopperSandbox } from '../helpers/copper';

describe('Copper retries and faults', () => {
	const h = useCopperSandbox();
	const person = () => h.sandbox.store.all('people')[0] as { id: number };
	/** Runs `body` with the sandbox enforcing `limit`, and lifts it afterwards. */
	const underLimit = async (limit: { max: number; windowMs: number }, body: () => Promise<void>) => {
		h.sandbox.setRateLimit(limit);
		try {
			await body();
		} finally {
			h.sandbox.setRateLimit(false);
		}
	};

	it('retries a 429 (no Retry-After) to success', async () => {
		h.sandbox.injectFault({ method: 'GET', path: /^\/people\/\d+$/, status: 429, body: { message: 'Rate limit exceeded' }, times: 2 });
		const result = await h.run({ resource: 'people', operation: 'get', person_id: String(person().id) });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0].id).toBe(person().id);
		expect(h.sandbox.requests).toHaveLength(3);
	});

	it('honours Retry-After on 429', async () => {
		h.sandbox.injectFault({ method: 'GET', path: '/account', status: 429, headers: { 'Retry-After': '1' }, times: 1 });
		const started = Date.now();
		const result = await h.run({ resource: 'accountAndUsers', operation: 'getAccount' });
		expect(result.error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(h.sandbox.requests).toHaveLength(2);
	});

	it('retries 429 on a create too (nothing was processed), and creates once', async () => {
		const before = h.sandbox.store.count('people');
		h.sandbox.injectFault({ method: 'POST', path: '/people', status: 429, times: 1 });
		const result = await h.run({ resource: 'people', operation: 'create', name: 'After 429' });
		expect(result.error).toBeUndefined();
		expect(h.sandbox.store.count('people')).toBe(before + 1);
	});

	// The client is told twice the server's limit in the same window: the 429s it draws are retried
	// to success (and teach it the real limit, see adaptiveRate.test.ts).
	it('respects the sandbox rolling-window limit by backing off', () =>
		underLimit({ max: 3, windowMs: 300 }, async () => {
			const items = Array.from({ length: 8 }, () => ({ id: person().id }));
			const result = await h.run(
				{
					resource: 'people',
					operation: 'get',
					person_id: '={{ $json.id }}',
					requestOptions: { maxRetries: 8, initialDelayMs: 100, maxWaitSeconds: 20, throttleMax: 6, throttleWindowSeconds: 0.3, combineReads: false },
				},
				{ items },
			);
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(8);
			expect(h.sandbox.requests.some((r) => r.status === 429)).toBe(true);
		}));

	it('throttles client-side to the configured window and draws no 429', () =>
		underLimit({ max: 5, windowMs: 400 }, async () => {
			const items = Array.from({ length: 12 }, () => ({ id: person().id }));
			const result = await h.run(
				{
					resource: 'people',
					operation: 'get',
					person_id: '={{ $json.id }}',
					requestOptions: { maxRetries: 0, throttleMax: 5, throttleWindowSeconds: 0.4, combineReads: false },
				},
				{ items },
			);
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(12);
			expect(h.sandbox.requests.filter((r) => r.status === 429)).toHaveLength(0);
		}));

	describe('rate-limit state shared by executions using the same credential', () => {
		const LIMIT = { max: 6, windowMs: 1500 };
		// One request per item (combining would answer them with one search).
		const throttled = { maxRetries: 0, throttleMax: LIMIT.max, throttleWindowSeconds: LIMIT.windowMs / 1000, combineReads: false };
		const fetchPeople = (count: number, credentialId: string) =>
			h.run(
				{ resource: 'people', operation: 'get', person_id: '={{ $json.id }}', requestOptions: throttled },
				{ items: Array.from({ length: count }, () => ({ id: person().id })), continueOnFail: true, credentialId },
			);
		const errors = (result: Awaited<ReturnType<typeof fetchPeople>>) => result.items.filter((item) => item.json.error !== undefined);

		/** Under LIMIT, once the windows of earlier tests have passed. */
		const underFreshLimit = async (body: () => Promise<void>) => {
			await new Promise((resolve) => setTimeout(resolve, LIMIT.windowMs));
			await underLimit(LIMIT, body);
		};

		it('two concurrent executions share the window: 0 429s, every item fetched', () =>
			underFreshLimit(async () => {
				// 5 + 5 requests against 6 per window: each execution alone fits, together they do not.
				const [first, second] = await Promise.all([fetchPeople(5, 'shared-copper'), fetchPeople(5, 'shared-copper')]);
				expect([...errors(first), ...errors(second)]).toEqual([]);
				expect(first.items.length + second.items.length).toBe(10);
				expect(h.sandbox.requests).toHaveLength(10);
				expect(h.sandbox.requests.filter((r) => r.status === 429)).toHaveLength(0);
			}));

		it('an execution right after another waits for the window the first one used', () =>
			underFreshLimit(async () => {
				const first = await fetchPeople(6, 'sequential-copper');
				const second = await fetchPeople(3, 'sequential-copper');
				expect([...errors(first), ...errors(second)]).toEqual([]);
				expect(h.sandbox.requests.filter((r) => r.status === 429)).toHaveLength(0);
			}));

		it('separate credentials keep separate windows (the sandbox counts both, so the second draws 429s)', () =>
			underFreshLimit(async () => {
				const first = await fetchPeople(6, 'credential-a');
				// Without retries and with its own empty window, the other credential sends at once.
				const second = await fetchPeople(3, 'credential-b');
				expect(errors(first)).toEqual([]);
				expect(errors(second).length).toBeGreaterThan(0);
				expect(errors(second)[0].json.httpCode).toBe('429');
			}));
	});

	it.each([500, 502, 503, 504])('retries a read after HTTP %i', async (status) => {
		h.sandbox.injectFault({ method: 'GET', path: /^\/people\/\d+$/, status, times: 1 });
		const result = await h.run({ resource: 'people', operation: 'get', person_id: String(person().id) });
		expect(result.error).toBeUndefined();
		expect(h.sandbox.requests).toHaveLength(2);
	});

	it.each([
		['connection reset', { reset: true }],
		['timeout', { delayMs: 3000, passThrough: true }],
		['invalid JSON', { malformed: 'invalidJson' as const }],
		['HTML error page', { malformed: 'html' as const }],
	])('retries a read after a %s', async (_name, fault) => {
		h.sandbox.injectFault({ method: 'GET', path: /^\/people\/\d+$/, times: 1, ...fault });
		const result = await h.run({ resource: 'people', operation: 'get', person_id: String(person().id) });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0].id).toBe(person().id);
		expect(h.sandbox.requests.length).toBeGreaterThanOrEqual(2);
	});

	it.each([
		['HTTP 500', { status: 500 }],
		['HTTP 503', { status: 503 }],
		['connection reset', { reset: true }],
	])('never retries a create after a %s', async (_name, fault) => {
		const before = h.sandbox.store.count('people');
		h.sandbox.injectFault({ method: 'POST', path: '/people', times: 1, ...fault });
		const result = await h.run({ resource: 'people', operation: 'create', name: 'Only Once' });
		expect(result.error).toBeDefined();
		expect(result.error?.description).toEqual(expect.stringContaining('Not retried'));
		expect(h.sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/people')).toHaveLength(1);
		expect(h.sandbox.store.count('people')).toBe(before);
	});

	it('gives up after the configured retries with a clear error', async () => {
		h.sandbox.injectFault({ method: 'GET', path: '/account', status: 503, times: Infinity, body: { message: 'Service down' } });
		const result = await h.run({ resource: 'accountAndUsers', operation: 'getAccount' });
		expect(result.error?.message).toBe('Service down');
		expect(result.error?.description).toEqual(expect.stringContaining('Gave up after 5 attempts'));
		expect(h.sandbox.requests).toHaveLength(5);
	});

	it('does not retry a 4xx and carries Copper’s message', async () => {
		const result = await h.run({ resource: 'people', operation: 'get', person_id: '999999999' });
		expect(result.error?.message).toBe('Resource not found');
		expect(result.error?.description).toEqual(expect.stringContaining('HTTP 404'));
		expect(h.sandbox.requests).toHaveLength(1);
	});

	it('reports a 422 validation message from Copper', async () => {
		h.sandbox.injectFault({
			method: 'POST',
			path: '/people',
			status: 422,
			body: { success: false, status: 422, message: 'Validation Error: Email is taken' },
		});
		const result = await h.run({ resource: 'people', operation: 'create', name: 'Dup' });
		expect(result.error?.message).toBe('Validation Error: Email is taken');
		expect(result.error?.name).toBe('NodeApiError');
	});
});
