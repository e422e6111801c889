/**
 * Child process of the past-the-cap benchmark (tooling/bench/pastCap.ts): one Return All over a Copper
 * sandbox living in the parent, through the node in the real engine (`node`) or by a raw `fetch` client
 * doing the same keyset slicing by hand (`raw`). argv: url, mode, entity. Prints one JSON line: wall
 * time, records and unique IDs, peak RSS (getrusage), RSS and heap before the run and, after a
 * collection with the items still held, what the items take; for the node also the heap of a Set of
 * the IDs and an array of the records, the structures the slicing adds while the items are built.
 */
import { runNode } from '../harness/engine';
import { COPPER_HEADERS, copperCredentials } from './common';

type Body = Record<string, unknown>;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

/** Keyset slicing by hand: what any careful client has to do past the cap. */
async function rawSliced(url: string, entity: string): Promise<unknown[]> {
	const activities = entity === 'activities';
	const [key, bound] = activities ? ['activity_date', 'maximum_activity_date'] : ['date_created', 'minimum_created_date'];
	const base: Body = activities ? {} : { sort_by: 'date_created', sort_direction: 'asc' };
	const out: unknown[] = [];
	const seen = new Set<unknown>();
	let start: number | undefined;
	for (;;) {
		let read = 0;
		let total = 0;
		let last: number | undefined;
		for (let page = 1; ; page++) {
			const body = { ...base, ...(start === undefined ? {} : { [bound]: activities ? start + 1 : start - 1 }), page_size: 200, page_number: page };
			const response = await fetch(`${url}/${entity}/search`, { method: 'POST', headers: COPPER_HEADERS, body: JSON.stringify(body) });
			const batch = (await response.json()) as Body[];
			total = Number(response.headers.get('x-pw-total'));
			read += batch.length;
			for (const record of batch) {
				last = record[key] as number;
				if (seen.has(record.id)) continue;
				seen.add(record.id);
				out.push(record);
			}
			if (batch.length < 200 || read >= total || read >= 100_000) break;
		}
		if (read >= total || last === undefined || last === start) return out;
		start = last;
	}
}

async function main(): Promise<void> {
	const [url, mode, entity] = process.argv.slice(2);
	// The client-side throttle off (Throttle Max 0): this times the engine, not Copper's 180 requests a minute.
	const parameters = { authentication: 'apiKey', resource: entity, operation: 'search', requestOptions: { throttleMax: 0 } };
	const credentials = copperCredentials(url) as never;
	await runNode({ type: 'copperCrm', parameters: { ...parameters, returnAll: false, limit: 1 }, credentials });
	await rawSliced(url, 'leads');
	gc();
	const baselineRss = process.memoryUsage().rss;
	const baselineHeap = process.memoryUsage().heapUsed;
	const started = process.hrtime.bigint();
	let records: Body[];
	if (mode === 'node') {
		const result = await runNode({ type: 'copperCrm', parameters: { ...parameters, returnAll: true }, credentials });
		if (result.error) throw result.error;
		records = result.items.map((item) => item.json as Body);
	} else {
		records = (await rawSliced(url, entity)) as Body[];
	}
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const peakRss = process.resourceUsage().maxRSS * 1024;
	gc();
	const heldRss = process.memoryUsage().rss;
	const heldHeap = process.memoryUsage().heapUsed;
	const ids = records.map((record) => record.id);
	const before = process.memoryUsage().heapUsed;
	const ours = { set: new Set(ids), list: records.slice() };
	gc();
	const oursHeap = process.memoryUsage().heapUsed - before;
	const unique = ours.set.size;
	process.stdout.write(`${JSON.stringify({ ms, items: records.length, unique, baselineRss, baselineHeap, peakRss, heldRss, heldHeap, oursHeap })}\n`);
	process.exit(0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
