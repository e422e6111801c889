/** Figure 6 of `npm run bench`: peak memory of the 20,000-record Return All, in a child process (rssChild.ts). */
import { execFile } from 'child_process';
import { join } from 'path';

import type { CopperSandbox } from '../sandbox/copper';
import { median } from './common';
import { record, REPS, ROOT, round } from './figures';

export async function memoryFigures(copper: CopperSandbox): Promise<void> {
	const total = copper.store.count('people');
	console.log('\n6. Peak memory of the 20,000-record Return All (child process, engine and node only)');
	const rssRuns: Array<{ baselineRss: number; peakRss: number; items: number }> = [];
	for (let rep = 0; rep < REPS; rep++) {
		// Asynchronous: the sandbox answering the child lives in this process's event loop.
		const output = await new Promise<string>((resolve, reject) =>
			execFile(
				process.execPath,
				['-r', 'ts-node/register/transpile-only', join(__dirname, 'rssChild.ts'), copper.url],
				{ cwd: ROOT, env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' }, encoding: 'utf8', maxBuffer: 1 << 20 },
				(error, stdout) => (error ? reject(error) : resolve(stdout)),
			),
		);
		const line = output.trim().split('\n').pop()!;
		const parsed = JSON.parse(line) as { baselineRss: number; peakRss: number; items: number; error?: string };
		if (parsed.error || parsed.items !== total) throw new Error(`child run failed: ${line}`);
		rssRuns.push(parsed);
	}
	const mb = (bytes: number) => round(bytes / 1024 / 1024, 0);
	record({ id: 'rss.peakMb', label: 'peak RSS, median MB', value: mb(median(rssRuns.map((r) => r.peakRss))), note: rssRuns.map((r) => mb(r.peakRss)).join(' / ') });
	record({ id: 'rss.baselineMb', label: 'RSS before the run (engine and package loaded), median MB', value: mb(median(rssRuns.map((r) => r.baselineRss))) });
	record({ id: 'rss.growthMb', label: 'peak minus baseline, median MB', value: mb(median(rssRuns.map((r) => r.peakRss - r.baselineRss))) });
}
