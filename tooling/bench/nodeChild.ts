/**
 * Child process of the benchmark: runs one Copper CRM node execution through the real engine against a
 * sandbox that lives in the parent process (as a real API lives on another machine, its CPU is not the
 * node's). Reads one JSON line from stdin, `{ url, parameters, items }`, warms the engine up on a sandbox
 * of its own first, prints `ready`, runs on a `go` line, and prints one JSON line: the wall time and,
 * per output item, its paired input, error and the `title` field.
 */
import { createInterface } from 'readline';

import { runNode } from '../harness/engine';
import { startCopperSandbox } from '../sandbox/copper';
import { copperCredentials } from './common';

async function main(): Promise<void> {
	const lines = createInterface({ input: process.stdin });
	const next = () => new Promise<string>((resolve) => lines.once('line', resolve));
	const job = JSON.parse(await next()) as { url: string; parameters: object; items: object[] };
	const warmUp = await startCopperSandbox({ seed: 'minimal' });
	const people = warmUp.store.addPeople(20).map((p) => ({ id: p.id, title: 'warm-up' }));
	await runNode({ type: 'copperCrm', parameters: job.parameters as never, credentials: copperCredentials(warmUp.url) as never, items: people as never, continueOnFail: true });
	await warmUp.close();
	process.stdout.write('ready\n');
	await next();
	const started = process.hrtime.bigint();
	const result = await runNode({
		type: 'copperCrm',
		parameters: job.parameters as never,
		credentials: copperCredentials(job.url) as never,
		items: job.items as never,
		continueOnFail: true,
	});
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const items = result.items.map((item) => ({
		paired: (item.pairedItem as { item: number }).item,
		error: item.json.error as string | undefined,
		title: item.json.title as string | undefined,
	}));
	process.stdout.write(`${JSON.stringify({ ms, error: result.error?.message, items })}\n`);
	lines.close();
	process.exit(0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
