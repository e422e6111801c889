/**
 * Child process of the benchmark: runs Return All over a Copper sandbox (URL in argv[2]) through
 * the real engine and reports its own peak RSS (getrusage maxRSS), so the sandbox's memory is not counted.
 */
import { runNode } from '../harness/engine';
import { copperCredentials } from './common';

async function main(): Promise<void> {
	const url = process.argv[2];
	// Warm up: load the package and the engine before taking the baseline.
	await runNode({ type: 'copperCrm', parameters: { authentication: 'apiKey', resource: 'people', operation: 'search', returnAll: false, limit: 1 }, credentials: copperCredentials(url) as never });
	const baselineRss = process.memoryUsage().rss;
	const result = await runNode({
		type: 'copperCrm',
		parameters: { authentication: 'apiKey', resource: 'people', operation: 'search', returnAll: true },
		credentials: copperCredentials(url) as never,
	});
	const peakRss = process.resourceUsage().maxRSS * 1024;
	process.stdout.write(
		`${JSON.stringify({ items: result.items.length, error: result.error?.message, baselineRss, peakRss, endRss: process.memoryUsage().rss })}\n`,
	);
	process.exit(0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
