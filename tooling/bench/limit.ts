/** Figure 2 of `npm run bench`: Limit 250 of 20,000 Copper people takes exactly 2 requests. */
import { runNode } from '../harness/engine';
import type { CopperSandbox } from '../sandbox/copper';
import { copperCredentials } from './common';
import { record, REPS } from './figures';

export async function limitFigures(copper: CopperSandbox): Promise<void> {
	const credentials = copperCredentials(copper.url) as never;
	const searches = () => copper.requests.filter((r) => r.path === '/people/search');
	console.log('\n2. Limit 250 of 20,000');
	const requests2: number[] = [];
	for (let rep = 0; rep < REPS; rep++) {
		copper.clearRequests();
		const result = await runNode({
			type: 'copperCrm',
			parameters: { authentication: 'apiKey', resource: 'people', operation: 'search', returnAll: false, limit: 250 },
			credentials,
		});
		if (result.error || result.items.length !== 250) throw new Error('limit 250 did not return 250 items');
		requests2.push(searches().length);
	}
	record({ id: 'limit250.requests', label: 'requests sent (every repetition)', value: requests2.join(', '), target: 'exactly 2', met: requests2.every((n) => n === 2) });
}
