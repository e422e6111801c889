/**
 * Ocoya's X-RateLimit-* headers carry the server's own count, which every process using the key
 * shares: the node trusts them over its local sliding window (nodes/shared/transport/adaptiveRate.ts).
 * Here two processes (separate rate states: separate credential IDs with the same key, as two
 * queue-mode workers) have a local window of 5 requests per 20 s while the server's fixed window
 * is 5 per second: going by the headers, 12 requests take a few seconds; going by the local
 * windows, each process would wait 20 s after its fifth request.
 */
import { useOcoyaSandbox } from '../helpers/ocoya';

describe('Ocoya: rate-limit headers over local counting', () => {
	const h = useOcoyaSandbox();
	afterEach(() => h.sandbox.setRateLimit(false));

	it('two processes follow the server’s window from the headers, not their local 20 s window; nothing fails', async () => {
		h.sandbox.setRateLimit({ max: 5, windowMs: 1000 });
		h.sandbox.rateLimited429Count = 0;
		const run = (credentialId: string) =>
			h.run(
				{
					resource: 'user',
					operation: 'me',
					requestOptions: { maxRetries: 8, initialDelayMs: 100, maxWaitSeconds: 30, timeoutMs: 5000, throttleMax: 5, throttleWindowSeconds: 20 },
				},
				{ items: Array.from({ length: 6 }, () => ({})), continueOnFail: true, credentialId },
			);
		const started = Date.now();
		const [a, b] = await Promise.all([run('ocoya-process-a'), run('ocoya-process-b')]);
		const elapsed = Date.now() - started;
		const errors = [...a.items, ...b.items].filter((item) => item.json.error !== undefined);
		expect(errors).toEqual([]);
		expect(a.items.length + b.items.length).toBe(12);
		expect(h.sandbox.requests.filter((r) => r.status !== 429)).toHaveLength(12);
		// Not a speed target: the local window alone could not finish before 20 s.
		expect(elapsed).toBeLessThan(15_000);
		console.log(`two processes, 12 requests under 5 per s: ${elapsed} ms, ${h.sandbox.rateLimited429Count} 429s`);
	});
});
