/**
 * `npx ts-node --transpile-only tooling/bench/worst-case.ts`: how long one request can take with
 * the default Request Options when the server misbehaves, measured (not a test: it takes minutes).
 * Scenarios, each one Copper "Get a Person" run in n8n-core's real WorkflowExecute against the sandbox:
 *   - trickle: the answer arrives one byte every 200 ms, forever (the idle timeout never fires);
 *   - silent: the server accepts the request and never answers (the idle timeout fires).
 * Prints the elapsed time, the number of attempts and the error of each. Needs `npm run build`.
 */
import { runNode } from '../harness/engine';
import { startCopperSandbox } from '../sandbox/copper';

async function main(): Promise<void> {
	const copper = await startCopperSandbox({ seed: 'minimal' });
	const person = copper.store.addPeople(1)[0];
	const credentials = { copperCrmApi: { apiKey: 'test-api-key', email: 'owner@sandbox.test', baseUrl: copper.url } };
	const scenarios = [
		{ name: 'trickle (1 byte / 200 ms, forever)', fault: { trickle: { everyMs: 200 } } },
		{ name: 'silent (never answers)', fault: { delayMs: 10 * 60_000 } },
	];
	for (const scenario of (process.env.SCENARIO ? scenarios.filter((s) => s.name.startsWith(process.env.SCENARIO!)) : scenarios)) {
		copper.clearFaults();
		copper.clearRequests();
		copper.injectFault({ method: 'GET', path: `/people/${person.id}`, times: Infinity, ...scenario.fault });
		const started = Date.now();
		const push = copper.requests.push.bind(copper.requests);
		const times: string[] = [];
		copper.requests.push = (...entries) => {
			times.push(((Date.now() - started) / 1000).toFixed(1));
			return push(...entries);
		};
		const result = await runNode({ type: 'copperCrm', parameters: { resource: 'people', operation: 'get', person_id: String(person.id) }, credentials: credentials as never });
		const seconds = ((Date.now() - started) / 1000).toFixed(1);
		copper.requests.push = push;
		console.log(`${scenario.name}: ${seconds} s, ${times.length} attempts (sent at ${times.join(', ')} s), error: ${result.error?.message} | ${result.error?.description}`);
	}
	await copper.close();
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
