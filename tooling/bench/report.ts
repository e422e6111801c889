/**
 * What `npm run bench` writes and prints: docs/benchmarks.json and docs/benchmarks.md (the figures with
 * their prose and a plain-words reading of the misses), and the table on the console.
 */
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { cpus } from 'os';
import { join } from 'path';

import { minimumMs } from './common';
import { ECONOMY_DOC } from './economy';
import { PAST_CAP_DOC } from './pastCap';
import { COPPER_BULK_LIMIT, COPPER_LIMIT, figures, OCOYA_LIMIT, REPS, ROOT, round, SHARED_LIMIT, TIMING_REPS, type Figure } from './figures';

const valueOf = (id: string) => Number(figures.find((f) => f.id === id)?.value);

/** Why the Return All ratio is what it is. */
function returnAllNote(notes: string[]): void {
	const ratio = figures.find((f) => f.id === 'returnAll.ratio');
	if (ratio) {
		const gap = valueOf('returnAll.nodeMs') - valueOf('returnAll.rawMs');
		notes.push(
			`- **Return All ratio ${ratio.value} (target ≤ 1.2, ${ratio.met ? 'met' : 'missed'}).** The node sends exactly the ideal requests (101: 100 full pages and ` +
				`the empty page that ends them, since a reported total is not trusted to end a full page; the raw client pages the same way; no page twice), so the gap ` +
				`of ${round(gap, 0)} ms (${round(gap / 101, 2)} ms per page of 200) is cost outside the paging logic: n8n's \`httpRequestWithAuthentication\` ` +
				`(axios and the credential's authentication on every request, where the raw client uses Node's \`fetch\`; the body read as a bounded stream), turning ` +
				`20,000 records into n8n items, and one node execution's fixed cost. Against the sandbox on localhost a page costs ~${round(valueOf('returnAll.rawMs') / 101, 1)} ms, ` +
				`so this overhead dominates the ratio; against Copper over the internet, where a page of 200 typically takes 100 ms or more, the same ` +
				`${round(gap, 0)} ms is about ${round(gap / 101, 1)} % of a 10 s run. The API-key credentials authenticate with a generic block (so n8n's HTTP Request ` +
				`node lists them), whose expressions n8n resolves on every request: ${valueOf('auth.genericUs')} µs each (figure 5b).`,
		);
	}
}

/** What the bulk rate costs per window. */
function bulkNote(notes: string[]): void {
	const bulk = figures.find((f) => f.id === 'publish.bulk.efficiency');
	if (bulk) {
		const perWindow = (valueOf('publish.bulk.ms') - Math.max(minimumMs(100, COPPER_BULK_LIMIT.max, COPPER_BULK_LIMIT.windowMs), 0)) / Math.floor(99 / COPPER_BULK_LIMIT.max);
		notes.push(
			`- **Bulk rate ${bulk.value} of the fastest schedule (target ≥ 90 %, ${bulk.met ? 'met' : 'missed'}).** The client counts each window from the *response* to ` +
				`the window's first request (the server stamps a request somewhere between send and response, so this is the only stamp that ` +
				`never lands in the server's previous window): no 429 was drawn in any repetition. The price is about one round trip per window; ` +
				`the wall time exceeds the fastest schedule by ~${round(perWindow, 1)} ms per ${COPPER_BULK_LIMIT.windowMs} ms window (the round trip, the timer's slack, and the node's ` +
				`setup of 1,000 records spread over the windows). The 20× time scaling magnifies it: at Copper's real 1 s bulk window the same round trip is ` +
				`${round((100 * perWindow) / 1000, 1)} % (with a 200 ms internet round trip, ~17 %, still without 429s, each of which would cost a back-off of ≥ 1 s). ` +
				`In a trial run before this engine change, counting from the send time drew 6 429s in 100 bulk requests and reached 78.5 %.`,
		);
	}
}

/** Ocoya's one-second reset resolution. */
function ocoyaNote(notes: string[]): void {
	notes.push(
		`- **Ocoya creates at ${figures.find((f) => f.id === 'ocoya.create.efficiency')?.value} of the fastest schedule** (no target): \`X-RateLimit-Reset\` is whole Unix ` +
			`seconds, rounded up, so each wait for a reset overshoots by up to 1 s: 4 waits in 300 creates at a 2 s window. At Ocoya's real 60 s ` +
			`window that is ≤ 1.7 %.`,
	);
}

/** How processes on one budget share it. */
function scaleOutNote(notes: string[]): void {
	const three = figures.find((f) => f.id === 'scaleOut.three.efficiency');
	if (three) {
		const fairness = figures.find((f) => f.id === 'scaleOut.three.fairness');
		const share = figures.find((f) => f.id === 'scaleOut.three.share429');
		notes.push(
			`- **Three processes on one budget: ${three.value} of the fastest schedule (target ≥ 90 %, ${three.met ? 'met' : 'missed'}), ` +
				`429s ${share?.value} (target ≤ 5 %, ${share?.met ? 'met' : 'missed'}), fairness ${fairness?.value} (target ≥ 0.67, ${fairness?.met ? 'met' : 'missed'}).** ` +
				`Each process learns its share from the first window, where all three collide once (about one 429 each), and takes an even share ` +
				`of the limit. When the three start together this gives 10 each and the run ends in the fourth window (three engines in one process, ` +
				`where starts cannot drift: about 95 % of the schedule and 3 429s). The run is only four windows long, so a process that starts late ` +
				`(on this 2-core machine, shared with other work, a child process's first request came up to a second after the others') finds the ` +
				`window taken, learns a small share and keeps it: nothing tells it when its peers finish, and the climb back (after 4 windows ` +
				`without a 429) comes after the run. Its retries before it has a share are the extra 429s. Faster climbing would reclaim the budget ` +
				`sooner but make every process probe, and each wrong probe is a 429.`,
		);
	}
}

/** Plain-words reading of the misses, from the measured figures. */
function analysis(): string {
	const notes: string[] = [];
	for (const note of [returnAllNote, bulkNote, ocoyaNote, scaleOutNote]) note(notes);
	return `## Reading the results\n\n${notes.join('\n')}`;
}

export function printTable(): void {
	const rows = figures.map((f) => [f.id, String(f.value), f.target ?? '', f.met === undefined ? '' : f.met ? 'met' : 'MISSED']);
	const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), ['figure', 'value', 'target', ''][i].length));
	const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ');
	console.log(`\n${line(['figure', 'value', 'target', ''])}`);
	for (const row of rows) console.log(line(row));
}

const cell = (text: string) => text.replace(/\|/g, '\\|');
const table = (prefix: string[]) =>
	[
		'| figure | measured | target | |',
		'|---|---|---|---|',
		...figures
			.filter((f) => prefix.some((p) => f.id.startsWith(p)))
			.map((f) => `| ${cell(f.label)} | ${cell(String(f.value))}${f.note ? ` <br><sub>${cell(f.note)}</sub>` : ''} | ${f.target ?? ''} | ${f.met === undefined ? '' : f.met ? 'met' : '**missed**'} |`),
	].join('\n');

type Meta = { date: string; node: string; cpus: number; cpuModel?: string; repetitions: number; totalSeconds: number; partial?: unknown };

/** docs/benchmarks.md: how the run was made, what was missed, the reading, then each figure's prose and table. */
function markdown(meta: Meta, totalSeconds: number, onlyPrefix?: string): string {
	const missed = figures.filter((f) => f.met === false);
	return `# Benchmarks

Generated by \`npm run bench\` (tooling/bench/bench.ts) on ${meta.date.slice(0, 10)}: Node ${meta.node}, ${meta.cpus} × ${meta.cpuModel ?? 'CPU'},
${meta.repetitions} repetitions per figure (medians; the individual runs are listed under a figure where they vary),
${meta.totalSeconds} s in total. Raw figures: [benchmarks.json](benchmarks.json).${
		onlyPrefix
			? `\nSection 7 alone was re-run on ${new Date().toISOString().slice(0, 10)} (\`BENCH_ONLY=scaleOut npm run bench\`, ${REPS} repetitions, ${totalSeconds} s); the other sections are the full run's figures.`
			: ''
	}

Everything runs the built package in n8n-core's real \`WorkflowExecute\` (tooling/harness/engine.ts) against the
sandboxes over HTTP on 127.0.0.1; requests are counted from the sandboxes' request logs. The "raw client" is
plain \`fetch\` with the same headers, looping over the same sandbox in the same process, run alternately
with the node; for Return All it keeps every record in an array, as the node does (it builds no n8n items).
The bench runs with \`--expose-gc\` and every timed run starts from a collected heap, so neither side pays for
the other's garbage. The side-by-side timings (figures 1 and 5) take ${TIMING_REPS} repetitions.

${missed.length ? `**Targets missed in this run:** ${missed.map((f) => `${f.label} (${f.value}, target ${f.target})`).join('; ')}.` : '**Every target was met in this run.**'}

${analysis()}

${sections()}`;
}

/** Each figure's prose (its heading first), then its table: the figures whose id starts with one of the prefixes. */
const SECTIONS: Array<[prose: string, prefixes: string[]]> = [
	[
		`## 1. Return All over 20,000 Copper people`,
		['returnAll.'],
	],
	[
		`## 2. Limit 250 of 20,000`,
		['limit250.'],
	],
	[
		`## 3. Publishing 1,000 Copper people under the scaled limit

The sandbox enforces Copper's limits scaled down 20× in time (the same shape, shorter windows):
${COPPER_LIMIT.max} requests per ${COPPER_LIMIT.windowMs / 1000} s (Copper: 180 per 60 s) and, for bulk endpoints, ${COPPER_BULK_LIMIT.max} per
${COPPER_BULK_LIMIT.windowMs} ms (Copper: 3 per second). The node's *Request Options* set its client-side throttle to the same windows.
Every item runs with Continue On Fail so that a failure is counted instead of stopping the run.

"Fastest schedule the limit permits" is the time the last request could start at the earliest under the
sliding window (\`floor((n − 1) / max) × window\`); the share is that divided by the measured wall time. The plain
requests-per-second figure is above the average allowed rate because a sliding window lets the first 180
requests go at once. "Two workflows at once" runs two executions concurrently with the same credential:
the client-side throttle is shared by every execution using a credential, so together they keep to the
one budget the server counts.`,
		['publish.'],
	],
	[
		`## 4. Ocoya under its scaled limit

The sandbox enforces ${OCOYA_LIMIT.max} requests per ${OCOYA_LIMIT.windowMs / 1000} s per key (Ocoya: 60 per 60 s) as a fixed window with
\`X-RateLimit-Limit/Remaining/Reset\` headers; the node reads them and, when the budget is spent, waits for the
reset instead of drawing a 429. Each run starts on fresh windows. Creates go to a second workspace so the list
stays at 2,000 posts (40 full pages of 50 and one empty page).`,
		['ocoya.'],
	],
	[
		`## 5. Engine overhead: 1,000 single-record fetches

1,000 input items, one \`GET /people/{id}\` each, through the node (client-side throttle turned off with
Throttle Max 0, so only the engine is measured) against 1,000 sequential \`fetch\` calls.`,
		['fetch1000.'],
	],
	[
		`## 5b. The API-key credential's generic block, per request

The API-key credentials authenticate with a generic block of \`{{$credentials…}}\` expressions (so n8n's HTTP
Request node can use them); n8n resolves them on every request. Timed here through n8n's own credentials
helper, against the same headers set by a function.`,
		['auth.'],
	],
	[
		`## 6. Memory of the 20,000-record Return All

Measured in a child process that holds only the engine, the package and the run (the sandbox stays in the
parent): peak RSS from \`getrusage\` (\`process.resourceUsage().maxRSS\`), baseline after a warm-up run.`,
		['rss.'],
	],
	[
		`## 7. Several processes on one budget

n8n's queue mode runs executions in several worker processes, each with its own client-side throttle;
the vendor counts one budget per API key. Here each process is a child process running the engine
(tooling/bench/createChild.ts), all against one Copper sandbox enforcing ${SHARED_LIMIT.max} requests per
${SHARED_LIMIT.windowMs / 1000} s (a sliding window without rate-limit headers, as Copper; the budget measured in issue 13,
30 per 10 s, scaled 5× in time). Every process is configured with that whole budget (*Request Options*:
Throttle ${SHARED_LIMIT.max} per ${SHARED_LIMIT.windowMs / 1000} s): none knows the others. They start together on a fresh window.
The second row is one process told ${SHARED_LIMIT.max} per window whose account allows half of it (another
integration uses the rest). The adaptive budget (nodes/shared/transport/adaptiveRate.ts) learns the real share from the
first 429s. Before it (issue 13, against an independent Copper fake): 3 × 40 creates drew 20 429s in 140
requests (14 %) and used 73 % of the schedule, the first process finishing in about half the time of the
last; the tighter single process drew 9 429s in 54 requests and used 68 %. "Lost" and "duplicated" are
counted by name in the sandbox's store, "error items" from the processes' outputs.`,
		['scaleOut.'],
	],
	[
		`${ECONOMY_DOC}`,
		['economy.'],
	],
	[PAST_CAP_DOC, ['pastCap.']],
];

const sections = (): string => `${SECTIONS.map(([prose, prefixes]) => `${prose}\n\n${table(prefixes)}`).join('\n\n')}\n`;

/**
 * The sections measured outside `npm run bench` (from section 10 on: the MCP e2e's tool answer sizes),
 * kept as they are when the bench rewrites the document.
 */
function measuredElsewhere(mdPath: string): string {
	const md = existsSync(mdPath) ? readFileSync(mdPath, 'utf8') : '';
	const start = md.indexOf('\n## 10. ');
	return start === -1 ? '' : `${md.slice(start).trimEnd()}\n`;
}

/**
 * Writes docs/benchmarks.json and .md. With `onlyPrefix` (a partial run), the figures of that
 * section replace theirs in the last full run's JSON and the rest is kept as it was measured.
 */
export function writeReports(totalSeconds: number, onlyPrefix?: string): void {
	const jsonPath = join(ROOT, 'docs', 'benchmarks.json');
	let meta: Meta = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, repetitions: REPS, totalSeconds };
	if (onlyPrefix && existsSync(jsonPath)) {
		const previous = JSON.parse(readFileSync(jsonPath, 'utf8')) as { meta: typeof meta; figures: Figure[] };
		const fresh = figures.splice(0);
		figures.push(...previous.figures.filter((f) => !f.id.startsWith(onlyPrefix)), ...fresh);
		meta = { ...previous.meta, partial: { section: onlyPrefix.replace(/\.$/, ''), date: meta.date, repetitions: REPS, totalSeconds } };
	}
	writeFileSync(jsonPath, `${JSON.stringify({ meta, limits: { copper: COPPER_LIMIT, copperBulk: COPPER_BULK_LIMIT, ocoya: OCOYA_LIMIT, shared: SHARED_LIMIT }, figures }, null, 2)}\n`);
	const mdPath = join(ROOT, 'docs', 'benchmarks.md');
	writeFileSync(mdPath, markdown(meta, totalSeconds, onlyPrefix) + measuredElsewhere(mdPath));
}
