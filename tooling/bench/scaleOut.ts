/**
 * Figure 7 of `npm run bench`: several processes on one budget (each a child process with its own
 * engine and rate state, createChild.ts), and one process under a tighter limit than configured.
 */
import { spawn } from 'child_process';
import { join } from 'path';

import { startCopperSandbox, type CopperSandbox } from '../sandbox/copper';
import { median, minimumMs } from './common';
import { record, REPS, ROOT, round, SHARED_LIMIT } from './figures';

interface ChildResult {
	startedAt: number;
	finishedAt: number;
	items: number;
	errorItems: number;
}

/** The child processes of one run, each waiting for "go" once warmed up (createChild.ts). */
function startChildren(copper: CopperSandbox, configured: { max: number; windowMs: number }, work: Array<{ prefix: string; count: number }>) {
	const children = work.map(({ prefix, count }) =>
		spawn(
			process.execPath,
			['-r', 'ts-node/register/transpile-only', join(__dirname, 'createChild.ts'), copper.url, prefix, String(count), String(configured.max), String(configured.windowMs)],
			{ cwd: ROOT, env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' }, stdio: ['pipe', 'pipe', 'inherit'] },
		),
	);
	const outputs = children.map((child) => {
		let text = '';
		const ready = new Promise<void>((resolve, reject) => {
			child.stdout!.on('data', (chunk: Buffer) => {
				text += chunk.toString();
				if (text.includes('ready\n')) resolve();
			});
			child.on('exit', (code) => (code ? reject(new Error(`bench child exited ${code}`)) : undefined));
		});
		const done = new Promise<ChildResult>((resolve, reject) =>
			child.on('exit', (code) => (code ? reject(new Error(`bench child exited ${code}`)) : resolve(JSON.parse(text.trim().split('\n').pop()!) as ChildResult))),
		);
		return { ready, done };
	});
	return { children, outputs };
}

/** Starts `count` creates in child processes (one engine and one rate state each), all at once. */
async function runProcesses(
	copper: CopperSandbox,
	serverLimit: { max: number; windowMs: number },
	configured: { max: number; windowMs: number },
	work: Array<{ prefix: string; count: number }>,
) {
	const { children, outputs } = startChildren(copper, configured, work);
	await Promise.all(outputs.map((o) => o.ready));
	await new Promise((resolve) => setTimeout(resolve, serverLimit.windowMs + 100)); // a fresh window
	copper.setRateLimit(serverLimit);
	copper.clearRequests();
	const t0 = Date.now();
	// When each request arrived (BENCH_TRACE=1 prints them all), for the processes' start-up latency.
	const stamps: number[] = [];
	const push = copper.requests.push.bind(copper.requests);
	copper.requests.push = (...entries) => (stamps.push(Date.now() - t0), push(...entries));
	for (const child of children) child.stdin!.write('go\n');
	const results = await Promise.all(outputs.map((o) => o.done));
	if (process.env.BENCH_TRACE) {
		const trace = copper.requests.map((r, i) => `${stamps[i]}:${String((r.body as { name?: string })?.name ?? '').split(' ').slice(1, 3).join('')}${r.status === 429 ? '!' : ''}`);
		console.log(`trace: ${trace.join(' ')}\n  processes: ${results.map((r) => `${r.startedAt - t0}..${r.finishedAt - t0}`).join(', ')}`);
	}
	const requests = copper.requests.length;
	const throttled429 = copper.requests.filter((r) => r.status === 429).length;
	const expected = work.reduce((sum, w) => sum + w.count, 0);
	let unique = 0;
	let created = 0;
	for (const { prefix } of work) {
		const names = copper.store.all('people').filter((p) => p.name.startsWith(`${prefix} #`)).map((p) => p.name);
		created += names.length;
		unique += new Set(names).size;
	}
	const walls = results.map((r) => r.finishedAt - r.startedAt);
	return {
		ms: Math.max(...results.map((r) => r.finishedAt)) - Math.min(...results.map((r) => r.startedAt)),
		requests,
		throttled429,
		lost: expected - unique,
		duplicated: created - unique,
		errorItems: results.reduce((sum, r) => sum + r.errorItems + (r.items === 0 ? 1 : 0), 0),
		fairness: Math.min(...walls) / Math.max(...walls),
		walls,
		/** From "go" to the first request the sandbox saw (start-up of the processes' first run). */
		firstRequestMs: stamps[0] ?? 0,
	};
}

export async function scaleOut(): Promise<void> {
	const W = SHARED_LIMIT.windowMs;
	console.log(`\n7. Three processes on one budget of ${SHARED_LIMIT.max} per ${W} ms; one process under half its configured limit`);
	const copper = await startCopperSandbox({ seed: 'minimal' });
	const three: Array<Awaited<ReturnType<typeof runProcesses>>> = [];
	const half: Array<Awaited<ReturnType<typeof runProcesses>>> = [];
	const halfLimit = { max: SHARED_LIMIT.max / 2, windowMs: W };
	for (let rep = 0; rep < REPS; rep++) {
		// Every process is told the shared budget (the documented limit); together they send 3 × 40.
		three.push(await runProcesses(copper, SHARED_LIMIT, SHARED_LIMIT, ['A', 'B', 'C'].map((p) => ({ prefix: `scale ${rep} ${p}`, count: 40 }))));
		// Told 30 per window, the account allows 15 (another integration uses the rest).
		half.push(await runProcesses(copper, halfLimit, SHARED_LIMIT, [{ prefix: `half ${rep}`, count: 45 }]));
	}
	await copper.close();
	const rows = (id: string, label: string, runs: typeof three, schedule: number, expected: number) => {
		const ms = median(runs.map((r) => r.ms));
		const share = runs.map((r) => r.throttled429 / r.requests);
		record({
			id: `scaleOut.${id}.efficiency`,
			label: `${label}: fastest schedule the limit permits (${schedule} ms) / wall time`,
			value: `${round((100 * schedule) / ms, 1)} %`,
			note: `${runs.map((r) => `${round(r.ms, 0)} ms`).join(' / ')}; first request after ${runs.map((r) => round(r.firstRequestMs, 0)).join(' / ')} ms`,
			target: '≥ 90 %',
			met: schedule / ms >= 0.9,
		});
		record({
			id: `scaleOut.${id}.share429`,
			label: `${label}: requests answered 429`,
			value: runs.map((r, i) => `${r.throttled429} of ${r.requests} (${round(100 * share[i], 1)} %)`).join(', '),
			target: '≤ 5 %',
			met: share.every((v) => v <= 0.05),
		});
		record({
			id: `scaleOut.${id}.records`,
			label: `${label}: lost; duplicated; error items (of ${expected})`,
			value: `${runs.map((r) => r.lost).join(', ')}; ${runs.map((r) => r.duplicated).join(', ')}; ${runs.map((r) => r.errorItems).join(', ')}`,
			target: '0; 0; 0',
			met: runs.every((r) => r.lost === 0 && r.duplicated === 0 && r.errorItems === 0),
		});
	};
	rows('three', '3 processes × 40 creates, one shared limit', three, minimumMs(120, SHARED_LIMIT.max, W), 120);
	record({
		id: 'scaleOut.three.fairness',
		label: '3 processes: fastest process’s wall time / slowest’s',
		value: three.map((r) => round(r.fairness)).join(', '),
		note: three.map((r) => r.walls.map((w) => round(w, 0)).join(' · ')).join(' / '),
		target: '≥ 0.67',
		met: three.every((r) => r.fairness >= 2 / 3),
	});
	rows('half', '1 process × 45 creates, server limit half the configured one', half, minimumMs(45, halfLimit.max, W), 45);
}
