/**
 * Figure 9 of `npm run bench`: Return All past Copper's 100,000-record search cap (keyset slicing) at
 * the real size, against a sandbox enforcing the real cap. Alone: `BENCH_ONLY=pastCap npm run bench`,
 * which replaces only this section of docs/benchmarks.md and these figures in docs/benchmarks.json.
 */
import { execFile } from 'child_process';
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { loadavg } from 'os';
import { join } from 'path';

import { seedVolume, startCopperSandbox, type CopperSandbox } from '../sandbox/copper';
import { median } from './common';

type Figure = { id: string; label: string; value: number | string; target?: string; met?: boolean; note?: string };
type Record = (figure: Figure) => void;

const PEOPLE = 250_000;
const ACTIVITIES = 150_000;
const PEOPLE_PER_SECOND = 4;
const ACTIVITIES_PER_SECOND = 50;
const CAP = 100_000;
const PAGE = 200;

export const PAST_CAP_DOC = `## 9. Return All past the 100,000-record search cap

Copper returns only the first ${CAP.toLocaleString('en-US')} records of a search. The sandbox enforces that cap; the node reads
past it in slices (nodes/shared/execution/keysetSlicing.ts): ordered by a date the search filters on, a new
search starts one second before the last date read, and every ID is emitted once. **People**: ${PEOPLE.toLocaleString('en-US')}, ${PEOPLE_PER_SECOND} created
per second, Return All without a sort (sliced by creation date). **Activities**: ${ACTIVITIES.toLocaleString('en-US')}, ${ACTIVITIES_PER_SECOND} on every second
(newest first, sliced by activity date). The ideal is one request per ${PAGE} records; the target allows one more per
slice. The node runs with its client-side throttle off (*Throttle Max* 0), so the engine is timed, not Copper's
180 requests a minute: under that limit the requests alone take at least \`floor((requests − 1) / 180)\` minutes
(a one-off run of the 250,000 people with the throttle on took 367 s against that floor of 360 s). Node and raw client run alternately, each in a child process of its own (tooling/bench/pastCapChild.ts)
while the sandbox stays in the parent; the raw client is plain \`fetch\` doing the same slicing by hand (same sort,
same bounds, the same Set of IDs) and keeps the records, building no n8n items. Memory is the node's child:
peak RSS (getrusage) and its growth over the RSS before the run; the heap the output items hold after a
collection (what n8n keeps of the output); and the slicing's own structures on top of the records while it
reads (the Set of emitted IDs and the list of records handed to the router), measured by building them again
over the same records.`;

interface ChildRun {
	ms: number;
	items: number;
	unique: number;
	baselineRss: number;
	peakRss: number;
	heldRss: number;
	baselineHeap: number;
	heldHeap: number;
	oursHeap: number;
	requests: number;
	slices: number;
}

function child(sandbox: CopperSandbox, mode: 'node' | 'raw', entity: string): Promise<ChildRun> {
	sandbox.clearRequests();
	return new Promise((resolve, reject) => {
		execFile(
			process.execPath,
			['--expose-gc', '--max-old-space-size=4096', '-r', 'ts-node/register/transpile-only', join(__dirname, 'pastCapChild.ts'), sandbox.url, mode, entity],
			{ maxBuffer: 1 << 20, timeout: 600_000 },
			(error, stdout) => {
				if (error) return reject(error);
				// The child's warm-up (a Limit 1 search, page size 1) is not part of the run.
				const searches = sandbox.requests.filter((r) => r.path === `/${entity}/search` && (r.body as { page_size?: number }).page_size === PAGE);
				const slices = searches.filter((r) => (r.body as { page_number?: number }).page_number === 1).length;
				resolve({ ...(JSON.parse(stdout.trim().split('\n').pop()!) as ChildRun), requests: searches.length, slices });
			},
		);
	});
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function measure(record: Record, reps: number, entity: string, expected: number, sandbox: CopperSandbox): Promise<void> {
	const name = `${expected.toLocaleString('en-US')} ${entity}`;
	const node: ChildRun[] = [];
	const raw: ChildRun[] = [];
	for (let rep = 0; rep < reps; rep++) {
		node.push(await child(sandbox, 'node', entity));
		raw.push(await child(sandbox, 'raw', entity));
	}
	const ideal = Math.ceil(expected / PAGE);
	const list = (runs: ChildRun[], pick: (r: ChildRun) => number) => runs.map(pick).join(', ');
	record({
		id: `pastCap.${entity}.requests`,
		label: `${name}: requests (slices); ideal ${ideal}`,
		value: `${list(node, (r) => r.requests)} (${list(node, (r) => r.slices)})`,
		target: `≤ ${ideal} + slices`,
		met: node.every((r) => r.requests <= ideal + r.slices),
		note: `raw client: ${list(raw, (r) => r.requests)}`,
	});
	record({
		id: `pastCap.${entity}.unique`,
		label: `${name}: records returned; unique IDs`,
		value: node.map((r) => `${r.items}; ${r.unique}`).join(', '),
		target: `${expected}; ${expected}`,
		met: node.every((r) => r.items === expected && r.unique === expected),
	});
	const nodeMs = median(node.map((r) => r.ms));
	const rawMs = median(raw.map((r) => r.ms));
	record({ id: `pastCap.${entity}.nodeMs`, label: `${name}: node wall time, median ms`, value: Math.round(nodeMs), note: node.map((r) => Math.round(r.ms)).join(' / ') });
	record({ id: `pastCap.${entity}.rawMs`, label: `${name}: raw client slicing by hand, median ms`, value: Math.round(rawMs), note: raw.map((r) => Math.round(r.ms)).join(' / ') });
	record({ id: `pastCap.${entity}.ratio`, label: `${name}: node / raw client`, value: Number((nodeMs / rawMs).toFixed(2)) });
	const growth = (runs: ChildRun[]) => mb(median(runs.map((r) => r.peakRss - r.baselineRss)));
	record({
		id: `pastCap.${entity}.memory`,
		label: `${name}: node peak RSS, MB (growth over the RSS before the run); heap the output items hold after the run, MB`,
		value: `${mb(median(node.map((r) => r.peakRss)))} (+${growth(node)}); ${mb(median(node.map((r) => r.heldHeap - r.baselineHeap)))}`,
		note: `raw client: peak ${mb(median(raw.map((r) => r.peakRss)))} MB (+${growth(raw)}); records held ${mb(median(raw.map((r) => r.heldHeap - r.baselineHeap)))} MB`,
	});
	record({
		id: `pastCap.${entity}.ours`,
		label: `${name}: slicing's own structures (ID Set + record list), MB`,
		value: mb(median(node.map((r) => r.oursHeap))),
	});
}

export async function pastCapFigures(record: Record, reps: number): Promise<void> {
	const sandbox = await startCopperSandbox({ seed: 'minimal' });
	for (const id of [...sandbox.store.people.keys()]) sandbox.store.people.delete(id);
	sandbox.store.activities.clear();
	seedVolume(sandbox.store, { entity: 'people', count: PEOPLE, perSecond: PEOPLE_PER_SECOND });
	seedVolume(sandbox.store, { entity: 'activities', count: ACTIVITIES, perSecond: ACTIVITIES_PER_SECOND });
	try {
		await measure(record, reps, 'people', sandbox.store.count('people'), sandbox);
		await measure(record, reps, 'activities', ACTIVITIES, sandbox);
	} finally {
		await sandbox.close();
	}
}

/** The table of this section's figures, as bench.ts writes them. */
function table(figures: Figure[]): string {
	const cell = (text: string) => text.replace(/\|/g, '\\|');
	const rows = figures.map(
		(f) => `| ${cell(f.label)} | ${cell(String(f.value))}${f.note ? ` <br><sub>${cell(f.note)}</sub>` : ''} | ${f.target ?? ''} | ${f.met === undefined ? '' : f.met ? 'met' : '**missed**'} |`,
	);
	return ['| figure | measured | target | |', '|---|---|---|---|', ...rows].join('\n');
}

/** Replaces (or appends) only this section of docs/benchmarks.md and these figures of docs/benchmarks.json. */
export function writePastCapSection(root: string, figures: Figure[], reps: number, seconds: number): void {
	const mdPath = join(root, 'docs', 'benchmarks.md');
	const md = existsSync(mdPath) ? readFileSync(mdPath, 'utf8') : '# Benchmarks\n';
	const load = loadavg()[0].toFixed(1);
	const ran = `Run alone on ${new Date().toISOString().slice(0, 10)} (\`BENCH_ONLY=pastCap npm run bench\`, ${reps} repetitions, ${seconds} s; load average ${load} at the end).`;
	const section = `${PAST_CAP_DOC}\n\n${ran}\n\n${table(figures)}\n`;
	const start = md.indexOf('## 9. ');
	const end = start === -1 ? -1 : md.indexOf('\n## ', start + 1);
	const next = start === -1 ? `${md.trimEnd()}\n\n${section}` : `${md.slice(0, start)}${section}${end === -1 ? '' : md.slice(end)}`;
	writeFileSync(mdPath, next);
	const jsonPath = join(root, 'docs', 'benchmarks.json');
	if (!existsSync(jsonPath)) return;
	const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as { figures: Figure[] };
	json.figures = [...json.figures.filter((f) => !f.id.startsWith('pastCap.')), ...figures];
	writeFileSync(jsonPath, `${JSON.stringify(json, null, 2)}\n`);
}
