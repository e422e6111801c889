/**
 * `npm run bench`: runs the built nodes in n8n-core's real WorkflowExecute against the sandboxes,
 * measures every figure side by side in the same run (median of REPS repetitions), prints a table
 * and writes docs/benchmarks.json and docs/benchmarks.md. Requests are counted from the sandboxes'
 * request logs. Nothing here is estimated: a missed target is reported as missed.
 *
 * One file per figure: returnAll.ts (1), limit.ts (2), publish.ts (3), ocoya.ts (4), fetchOverhead.ts
 * (5), authCost.ts (5b), memory.ts (6), scaleOut.ts (7), economy.ts (8), pastCap.ts (9); figures.ts holds what they share, report.ts
 * writes the documents. `BENCH_ONLY=scaleOut` runs figure 7 alone and merges it into the last full run;
 * `BENCH_ONLY=pastCap` runs figure 9 alone and replaces only that section.
 */
import { cpus } from 'os';

import { startCopperSandbox } from '../sandbox/copper';
import { authCostFigures } from './authCost';
import { economyFigures } from './economy';
import { fetchOverheadFigures } from './fetchOverhead';
import { COPPER_BULK_LIMIT, COPPER_LIMIT, figures, ONLY, record, REPS, ROOT, round } from './figures';
import { limitFigures } from './limit';
import { memoryFigures } from './memory';
import { pastCapFigures, writePastCapSection } from './pastCap';
import { ocoyaFigures } from './ocoya';
import { publishFigures } from './publish';
import { printTable, writeReports } from './report';
import { returnAllFigures, warmUp } from './returnAll';
import { scaleOut } from './scaleOut';

/** Figures 1, 2, 5 and 6: Copper reads of 20,000 people, without a server-side limit. */
async function readFigures(): Promise<void> {
	const copper = await startCopperSandbox({ seed: 'minimal' });
	copper.store.addPeople(20_000 - copper.store.count('people'));
	await warmUp(copper);
	await returnAllFigures(copper);
	await limitFigures(copper);
	await fetchOverheadFigures(copper);
	console.log('\n5b. Credential authentication per request (generic block)');
	await authCostFigures(record, REPS);
	await memoryFigures(copper);
	await copper.close();
}

async function main(): Promise<void> {
	const started = Date.now();
	console.log(`bench: ${REPS} repetitions per figure, Node ${process.version}, ${cpus().length} CPUs`);
	if (ONLY === 'scaleOut') {
		await scaleOut();
		writeReports(round((Date.now() - started) / 1000, 0), 'scaleOut.');
		printTable();
		process.exit(0);
	}
	if (ONLY === 'pastCap') {
		console.log('\n9. Return All past the 100,000-record search cap');
		await pastCapFigures(record, REPS);
		writePastCapSection(ROOT, figures, REPS, round((Date.now() - started) / 1000, 0));
		printTable();
		process.exit(0);
	}
	await readFigures();
	await publishFigures();
	await ocoyaFigures();
	await scaleOut();
	console.log(`\n8. Request economy under ${COPPER_LIMIT.max} per ${COPPER_LIMIT.windowMs} ms (bulk ${COPPER_BULK_LIMIT.max} per ${COPPER_BULK_LIMIT.windowMs} ms)`);
	await economyFigures(record, REPS, COPPER_LIMIT, COPPER_BULK_LIMIT);
	console.log('\n9. Return All past the 100,000-record search cap');
	await pastCapFigures(record, REPS);
	const totalSeconds = round((Date.now() - started) / 1000, 0);
	console.log(`\nbench finished in ${totalSeconds} s`);
	writeReports(totalSeconds);
	printTable();
	process.exit(0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
