/**
 * Figure 8 of `npm run bench`: request economy under Copper's limits (scaled). Per-item fetches by ID
 * and by email answered by searches, and per-item updates combined into bulk requests, each against
 * the same run with combining turned off (the "before"), side by side.
 */
import { spawn } from 'child_process';
import { join } from 'path';
import { createInterface } from 'readline';

import { runNode, type RunNodeResult } from '../harness/engine';
import { startCopperSandbox } from '../sandbox/copper';
import { copperCredentials, median, minimumMs, throttledOptions, timed } from './common';

type Limit = { max: number; windowMs: number };
type Record = (figure: { id: string; label: string; value: number | string; target?: string; met?: boolean; note?: string }) => void;

export const ECONOMY_DOC = `## 8. Request economy

1,000 input items against the sandbox under the scaled Copper limits of figure 3, with the client-side throttles
set to the same windows. **Fetch by ID**: 1,000 items carrying 960 distinct existing IDs, 30 repeats of them
and 10 unknown IDs; combined (the default), the 960 IDs go in searches by \`ids\` of 200, and each unknown ID
gets its own \`GET\` (so it gets that fetch's own 404 as its error item). **Fetch by email**: 400 items, every
other email in upper case. **Update**: 1,000 people, each item's title, with "Combine Writes Into Bulk Requests"
on (10 records per \`bulk_update\`); the node runs in a child process (tooling/bench/nodeChild.ts), so the
sandbox's own work is not counted as the node's, as a real Copper runs elsewhere. "Before" is the same run with combining turned off (one request per item),
measured once. Every run uses Continue On Fail and checks that each item is paired with exactly its own
record (or, for the unknown IDs, its 404).`;

const paired = (result: RunNodeResult) => result.items.every((item, i) => (item.pairedItem as { item: number }).item === i);

type ChildRun = { ms: number; error?: string; items: Array<{ paired: number; error?: string; title?: string }>; requests: number; throttled429: number };

/** One node execution in a child process (tooling/bench/nodeChild.ts); `beforeGo` runs once it is warmed up. */
async function runInChild(job: object, beforeGo: () => void): Promise<Omit<ChildRun, 'requests' | 'throttled429'>> {
	const child = spawn(process.execPath, ['--expose-gc', '-r', 'ts-node/register/transpile-only', join(__dirname, 'nodeChild.ts')], {
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	const lines = createInterface({ input: child.stdout });
	const next = () => new Promise<string>((resolve) => lines.once('line', resolve));
	child.stdin.write(`${JSON.stringify(job)}\n`);
	if ((await next()) !== 'ready') throw new Error('the bench child did not start');
	beforeGo();
	child.stdin.write('go\n');
	const result = JSON.parse(await next()) as Omit<ChildRun, 'requests' | 'throttled429'>;
	child.stdin.end();
	return result;
}

/** What every part of figure 8 works with: one sandbox under the scaled limits and its 1,400 people. */
interface Economy {
	record: Record;
	reps: number;
	limit: Limit;
	bulkLimit: Limit;
	sandbox: Awaited<ReturnType<typeof startCopperSandbox>>;
	options: ReturnType<typeof throttledOptions>;
	people: Array<{ id: number; emails: Array<{ email: string }> }>;
}

/** One node execution in this process on a fresh window, Continue On Fail: time, result, requests, 429s. */
async function run(eco: Economy, parameters: object, items: object[], combine: object, target = eco.sandbox) {
	await new Promise((resolve) => setTimeout(resolve, eco.limit.windowMs + 100)); // a fresh window
	if (target === eco.sandbox) eco.sandbox.setRateLimit(eco.limit);
	target.clearRequests();
	const { ms, value } = await timed(() =>
		runNode({
			type: 'copperCrm',
			parameters: { authentication: 'apiKey', ...parameters, requestOptions: { ...eco.options, ...combine } },
			credentials: copperCredentials(target.url) as never,
			items: items as never,
			continueOnFail: true,
		}),
	);
	if (value.error) throw value.error;
	return { ms, value, requests: target.requests.length, throttled429: target.requests.filter((r) => r.status === 429).length };
}

/** Fetch by ID: 1,000 items (960 distinct IDs, 30 repeats, 10 unknown), combined against one request per item. */
async function fetchByIdFigures(eco: Economy): Promise<void> {
	const known = eco.people.slice(0, 960).map((p) => p.id);
	const fetchItems = [...known, ...known.slice(0, 30), ...Array.from({ length: 10 }, (_v, i) => 990_000_000 + i)].map((id) => ({ id }));
	const expectedIds = fetchItems.map((item) => (item.id >= 990_000_000 ? undefined : item.id));
	const fetchById = { resource: 'people', operation: 'get', person_id: '={{ $json.id }}' };
	const fetchOk = (result: RunNodeResult) =>
		result.items.length === 1000 &&
		paired(result) &&
		result.items.every((item, i) => (expectedIds[i] === undefined ? item.json.httpCode === '404' : item.json.id === expectedIds[i]));
	const before = await run(eco, fetchById, fetchItems, { combineReads: false });
	const after = [];
	for (let rep = 0; rep < eco.reps; rep++) after.push(await run(eco, fetchById, fetchItems, {}));
	const targetRequests = Math.ceil(960 / 200) + 10;
	eco.record({ id: 'economy.fetch.before', label: 'fetch 1,000 by ID, one request per item: requests; wall time ms', value: `${before.requests}; ${Math.round(before.ms)}` });
	eco.record({
		id: 'economy.fetch.requests',
		label: 'fetch 1,000 by ID, combined: requests (searches + single fetches of unknown IDs)',
		value: after.map((r) => r.requests).join(', '),
		target: `${targetRequests} (5 searches + 10 unknown IDs)`,
		met: after.every((r) => r.requests === targetRequests),
	});
	eco.record({
		id: 'economy.fetch.paired',
		label: 'fetch 1,000 by ID, combined: every item its own record (unknown IDs: their 404)',
		value: after.map((r) => (fetchOk(r.value) ? 'yes' : 'no')).join(', '),
		target: 'yes',
		met: after.every((r) => fetchOk(r.value)) && fetchOk(before.value),
	});
	eco.record({ id: 'economy.fetch.ms', label: 'fetch 1,000 by ID, combined: wall time, median ms', value: Math.round(median(after.map((r) => r.ms))), note: after.map((r) => Math.round(r.ms)).join(' / ') });
}

/** Fetch by email: 400 items, every other email in upper case. */
async function fetchByEmailFigures(eco: Economy): Promise<void> {
	const emailItems = eco.people.slice(0, 400).map((p, i) => ({ email: i % 2 ? p.emails[0].email.toUpperCase() : p.emails[0].email }));
	const byEmail = { resource: 'people', operation: 'fetchByEmail', email: '={{ $json.email }}' };
	const emailRuns = [];
	for (let rep = 0; rep < eco.reps; rep++) emailRuns.push(await run(eco, byEmail, emailItems, {}));
	const emailOk = (result: RunNodeResult) => paired(result) && result.items.every((item, i) => item.json.id === eco.people[i].id);
	eco.record({
		id: 'economy.email.requests',
		label: 'fetch 400 people by email, combined: requests',
		value: emailRuns.map((r) => r.requests).join(', '),
		target: '≤ 3',
		met: emailRuns.every((r) => r.requests <= 3 && emailOk(r.value)),
		note: `each item its own person: ${emailRuns.map((r) => (emailOk(r.value) ? 'yes' : 'no')).join(', ')} (one request per item: 400)`,
	});
}

/** Update 1,000 people in a child process: one PUT per item, combined into bulk_update, and with no limit anywhere. */
async function updateRuns(eco: Economy) {
	// Update in bulk: the node in a child process, so the sandbox's own CPU (in this process) is not the node's.
	const updateItems = eco.people.slice(0, 1000).map((p, i) => ({ id: p.id, title: `Economy ${i}` }));
	const update = { resource: 'people', operation: 'update', person_id: '={{ $json.id }}', additionalFields: { title: '={{ $json.title }}' } };
	const inChild = async (combine: object, target = eco.sandbox): Promise<ChildRun> => {
		await new Promise((resolve) => setTimeout(resolve, eco.limit.windowMs + 100)); // a fresh window
		if (target === eco.sandbox) eco.sandbox.setRateLimit(eco.limit);
		const parameters = { authentication: 'apiKey', ...update, requestOptions: { ...eco.options, ...combine } };
		const run = await runInChild({ url: target.url, parameters, items: updateItems }, () => target.clearRequests());
		return { ...run, requests: target.requests.length, throttled429: target.requests.filter((r) => r.status === 429).length };
	};
	const updateOk = (run: ChildRun) =>
		!run.error && run.items.length === 1000 && run.items.every((item, i) => item.paired === i && !item.error && item.title === updateItems[i].title);
	const singleUpdate = await inChild({});
	const bulkRuns: ChildRun[] = [];
	for (let rep = 0; rep < eco.reps; rep++) bulkRuns.push(await inChild({ combineWrites: true }));
	const bulkMin = Math.max(minimumMs(100, eco.bulkLimit.max, eco.bulkLimit.windowMs), minimumMs(100, eco.limit.max, eco.limit.windowMs));
	const bulkMs = median(bulkRuns.map((r) => r.ms));
	// The same run with no limit anywhere (sandbox and client): what building and sending 1,000 updates costs.
	const free = await startCopperSandbox({ seed: 'minimal' });
	free.store.addPeople(1400);
	const unlimited: ChildRun[] = [];
	for (let rep = 0; rep < eco.reps; rep++) unlimited.push(await inChild({ combineWrites: true, throttleMax: 0, bulkThrottleMax: 0 }, free));
	await free.close();
	const floorMs = median(unlimited.map((r) => r.ms));
	return { updateOk, singleUpdate, bulkRuns, unlimited, bulkMin, bulkMs, floorMs };
}

async function updateFigures(eco: Economy): Promise<void> {
	const { updateOk, singleUpdate, bulkRuns, unlimited, bulkMin, bulkMs, floorMs } = await updateRuns(eco);
	eco.record({ id: 'economy.update.before', label: 'update 1,000 people, one PUT per item: requests; wall time ms', value: `${singleUpdate.requests}; ${Math.round(singleUpdate.ms)}` });
	eco.record({
		id: 'economy.update.requests',
		label: 'update 1,000 people, combined into bulk_update: requests (429s)',
		value: `${bulkRuns.map((r) => r.requests).join(', ')} (${bulkRuns.map((r) => r.throttled429).join(', ')})`,
		target: '100',
		met: bulkRuns.every((r) => r.requests === 100),
	});
	eco.record({
		id: 'economy.update.failures',
		label: 'update 1,000 people, combined: failed or unpaired items',
		value: bulkRuns.map((r) => r.items.filter((item) => item.error !== undefined).length + (updateOk(r) ? 0 : 1)).join(', '),
		target: '0',
		met: bulkRuns.every(updateOk) && updateOk(singleUpdate),
	});
	eco.record({
		id: 'economy.update.efficiency',
		label: `update 1,000 people, combined: fastest schedule the bulk limit permits (${bulkMin} ms) / wall time`,
		value: `${Math.round((1000 * bulkMin) / bulkMs) / 10} %`,
		target: '≥ 90 %',
		met: bulkMin / bulkMs >= 0.9,
		note: bulkRuns.map((r) => Math.round(r.ms)).join(' / '),
	});
	eco.record({
		id: 'economy.update.unlimitedMs',
		label: 'update 1,000 people, combined, no limit anywhere: wall time, median ms (what the run itself costs)',
		value: Math.round(floorMs),
		note: unlimited.map((r) => Math.round(r.ms)).join(' / '),
	});
}

export async function economyFigures(record: Record, reps: number, limit: Limit, bulkLimit: Limit): Promise<void> {
	const sandbox = await startCopperSandbox({ seed: 'minimal', rateLimit: limit, bulkRateLimit: bulkLimit });
	const eco: Economy = { record, reps, limit, bulkLimit, sandbox, options: throttledOptions(limit, bulkLimit), people: sandbox.store.addPeople(1400) };
	await fetchByIdFigures(eco);
	await fetchByEmailFigures(eco);
	await updateFigures(eco);
	await sandbox.close();
}
