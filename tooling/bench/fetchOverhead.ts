/** Figure 5 of `npm run bench`: the engine's overhead on 1,000 single-record fetches against 1,000 raw fetches. */
import { runNode } from '../harness/engine';
import type { CopperSandbox } from '../sandbox/copper';
import { COPPER_HEADERS, copperCredentials, median, timed } from './common';
import { record, round, TIMING_REPS } from './figures';

export async function fetchOverheadFigures(copper: CopperSandbox): Promise<void> {
	const credentials = copperCredentials(copper.url) as never;
	console.log('\n5. Engine overhead: 1,000 single-record fetches');
	const ids = copper.store.all('people').slice(0, 1000).map((person) => person.id);
	const node5: number[] = [];
	const raw5: number[] = [];
	for (let rep = 0; rep < TIMING_REPS; rep++) {
		const nodeSide = async () => {
			copper.clearRequests();
			const { ms, value } = await timed(() =>
				runNode({
					type: 'copperCrm',
					// The client-side throttle (180 per 60 s) is turned off here: this measures the engine, not the limit;
					// and one GET per item (combined into searches, 1,000 fetches take 5 requests: figure 8).
					parameters: { authentication: 'apiKey', resource: 'people', operation: 'get', person_id: '={{ $json.id }}', requestOptions: { throttleMax: 0, combineReads: false } },
					credentials,
					items: ids.map((id) => ({ id })),
				}),
			);
			if (value.error || value.items.length !== 1000 || copper.requests.length !== 1000) throw new Error('1,000 fetches failed');
			node5.push(ms);
		};
		const rawSide = async () => {
			const { ms } = await timed(async () => {
				for (const id of ids) {
					const response = await fetch(`${copper.url}/people/${id}`, { headers: COPPER_HEADERS });
					await response.json();
				}
			});
			raw5.push(ms);
		};
		if (rep % 2) {
			await rawSide();
			await nodeSide();
		} else {
			await nodeSide();
			await rawSide();
		}
	}
	const ratio5 = median(node5) / median(raw5);
	record({ id: 'fetch1000.nodeMs', label: 'node wall time, median ms', value: round(median(node5), 0), note: node5.map((v) => round(v, 0)).join(' / ') });
	record({ id: 'fetch1000.rawMs', label: 'raw fetch client wall time, median ms', value: round(median(raw5), 0), note: raw5.map((v) => round(v, 0)).join(' / ') });
	record({ id: 'fetch1000.ratio', label: 'node / raw client', value: round(ratio5) });
	record({ id: 'fetch1000.perRequestOverheadMs', label: 'engine overhead per request, ms', value: round((median(node5) - median(raw5)) / 1000, 3) });
}
