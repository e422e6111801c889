/**
 * Child process of the benchmark: one n8n process (its own rate-limit state, as a queue-mode
 * worker) creating Copper people through the real engine. Arguments: sandbox URL, name prefix,
 * count, throttle max, throttle window (ms). Warms the engine up on a sandbox of its own, prints
 * `ready`, starts on a `go` line on stdin, and prints its result as one JSON line.
 */
import { createInterface } from 'readline';

import { runNode } from '../harness/engine';
import { startCopperSandbox } from '../sandbox/copper';
import { copperCredentials } from './common';

async function main(): Promise<void> {
	const [url, prefix, countText, maxText, windowText] = process.argv.slice(2);
	const count = Number(countText);
	const credentials = copperCredentials(url) as never;
	// Warm-up on a sandbox of its own (the engine's first run of an operation costs a few hundred ms),
	// so that every process sends its first request as soon as it is told to go.
	const warmUp = await startCopperSandbox({ seed: 'minimal' });
	await runNode({
		type: 'copperCrm',
		parameters: { authentication: 'apiKey', resource: 'people', operation: 'create', name: '={{ $json.name }}' },
		credentials: copperCredentials(warmUp.url) as never,
		items: [{ name: 'warm-up 1' }, { name: 'warm-up 2' }],
	});
	await warmUp.close();
	const lines = createInterface({ input: process.stdin });
	const go = new Promise<void>((resolve) => lines.once('line', () => resolve()));
	process.stdout.write('ready\n');
	await go;
	const startedAt = Date.now();
	const result = await runNode({
		type: 'copperCrm',
		parameters: {
			authentication: 'apiKey',
			resource: 'people',
			operation: 'create',
			name: '={{ $json.name }}',
			requestOptions: {
				throttleMax: Number(maxText),
				throttleWindowSeconds: Number(windowText) / 1000,
				maxRetries: 8,
				initialDelayMs: 100,
				maxWaitSeconds: 60,
				timeoutMs: 10_000,
			},
		},
		credentials,
		items: Array.from({ length: count }, (_v, i) => ({ name: `${prefix} #${i}` })),
		continueOnFail: true,
	});
	const finishedAt = Date.now();
	const errorItems = result.items.filter((item) => item.json.error !== undefined).length + (result.error ? count : 0);
	process.stdout.write(`${JSON.stringify({ startedAt, finishedAt, items: result.items.length, errorItems })}\n`);
	lines.close();
	process.exit(0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
