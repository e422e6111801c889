/**
 * Figure 1 of `npm run bench`: Return All over 20,000 Copper people, the node against a raw fetch
 * client side by side, and the fixed cost of one node execution.
 */
import { runNode } from '../harness/engine';
import type { CopperSandbox } from '../sandbox/copper';
import { COPPER_HEADERS, copperCredentials, median, timed } from './common';
import { record, round, TIMING_REPS } from './figures';

// Keeps every record, as Return All does (it does not build n8n items: that is part of the node's cost),
// and pages as the node does: only a short page ends the list (a reported total does not end a full page).
async function rawReturnAll(copper: CopperSandbox): Promise<number> {
	const records: unknown[] = [];
	for (let page = 1; ; page++) {
		const response = await fetch(`${copper.url}/people/search`, {
			method: 'POST',
			headers: COPPER_HEADERS,
			body: JSON.stringify({ page_size: 200, page_number: page }),
		});
		const batch = (await response.json()) as unknown[];
		records.push(...batch);
		if (batch.length < 200) return records.length;
	}
}

/** Loads the package into n8n's loader and warms both HTTP clients, outside the measurements. */
export async function warmUp(copper: CopperSandbox): Promise<void> {
	const credentials = copperCredentials(copper.url) as never;
	for (let i = 0; i < 3; i++) {
		await runNode({ type: 'copperCrm', parameters: { authentication: 'apiKey', resource: 'people', operation: 'search', returnAll: false, limit: 200 }, credentials });
		await (await fetch(`${copper.url}/people/search`, { method: 'POST', headers: COPPER_HEADERS, body: '{"page_size":200}' })).json();
	}
}

/** The node's and the raw client's Return All, alternately: times, requests and unique records. */
async function sideBySide(copper: CopperSandbox, total: number) {
	const credentials = copperCredentials(copper.url) as never;
	const searches = () => copper.requests.filter((r) => r.path === '/people/search');
	const node1: number[] = [];
	const raw1: number[] = [];
	const requests1: number[] = [];
	const unique1: number[] = [];
	for (let rep = 0; rep < TIMING_REPS; rep++) {
		// Alternate the order so neither side always runs on a warmer process.
		const runNodeSide = async () => {
			copper.clearRequests();
			const { ms, value } = await timed(() =>
				runNode({ type: 'copperCrm', parameters: { authentication: 'apiKey', resource: 'people', operation: 'search', returnAll: true }, credentials }),
			);
			if (value.error) throw value.error;
			node1.push(ms);
			requests1.push(searches().length);
			unique1.push(new Set(value.items.map((item) => item.json.id)).size);
		};
		const runRawSide = async () => {
			copper.clearRequests();
			const { ms, value } = await timed(() => rawReturnAll(copper));
			if (value !== total) throw new Error(`raw client saw ${value} of ${total}`);
			raw1.push(ms);
		};
		if (rep % 2) {
			await runRawSide();
			await runNodeSide();
		} else {
			await runNodeSide();
			await runRawSide();
		}
	}
	return { node1, raw1, requests1, unique1 };
}

/** Where the gap comes from: one node execution with one request (limit 1) minus one raw request. */
async function fixedCost(copper: CopperSandbox): Promise<number> {
	const credentials = copperCredentials(copper.url) as never;
	const fixedNode: number[] = [];
	const fixedRaw: number[] = [];
	for (let rep = 0; rep < 5; rep++) {
		fixedNode.push(
			(await timed(() => runNode({ type: 'copperCrm', parameters: { authentication: 'apiKey', resource: 'people', operation: 'search', returnAll: false, limit: 1 }, credentials }))).ms,
		);
		fixedRaw.push(
			(await timed(async () => (await fetch(`${copper.url}/people/search`, { method: 'POST', headers: COPPER_HEADERS, body: '{"page_size":1}' })).json())).ms,
		);
	}
	return median(fixedNode) - median(fixedRaw);
}

export async function returnAllFigures(copper: CopperSandbox): Promise<void> {
	const total = copper.store.count('people');
	console.log(`\n1. Return All, ${total} Copper people`);
	const { node1, raw1, requests1, unique1 } = await sideBySide(copper, total);
	const ratio1 = median(node1) / median(raw1);
	record({ id: 'returnAll.requests', label: 'requests sent (every repetition)', value: requests1.join(', '), target: 'exactly 101 (100 full pages and the empty page that ends them)', met: requests1.every((n) => n === 101) });
	record({ id: 'returnAll.unique', label: 'unique records returned (every repetition)', value: unique1.join(', '), target: `exactly ${total}`, met: unique1.every((n) => n === total) });
	record({ id: 'returnAll.nodeMs', label: 'node wall time, median ms', value: round(median(node1), 0), note: node1.map((v) => round(v, 0)).join(' / ') });
	record({ id: 'returnAll.rawMs', label: 'raw fetch client wall time, median ms', value: round(median(raw1), 0), note: raw1.map((v) => round(v, 0)).join(' / ') });
	record({ id: 'returnAll.ratio', label: 'node / raw client', value: round(ratio1), target: '≤ 1.2', met: ratio1 <= 1.2 });
	record({ id: 'returnAll.fixedMs', label: 'one node execution with one request (limit 1) minus one raw request, median ms', value: round(await fixedCost(copper), 1) });
}
