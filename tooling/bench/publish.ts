/**
 * Figure 3 of `npm run bench`: publishing 1,000 Copper people under the scaled limit, one create per
 * item and in bulk, and two workflows at once sharing one credential's budget.
 */
import { runNode } from '../harness/engine';
import { startCopperSandbox, type CopperSandbox } from '../sandbox/copper';
import { copperCredentials, median, minimumMs, throttledOptions, timed } from './common';
import { COPPER_BULK_LIMIT, COPPER_LIMIT, record, REPS, round } from './figures';

const scaledOptions = throttledOptions(COPPER_LIMIT, COPPER_BULK_LIMIT);

/** 1,000 creates on a fresh window: time, requests, 429s, failures, records created (and unique). */
async function publish(limited: CopperSandbox, operation: 'create' | 'bulkCreate', rep: number) {
	await new Promise((resolve) => setTimeout(resolve, COPPER_LIMIT.windowMs + 100)); // a fresh window
	limited.setRateLimit(COPPER_LIMIT);
	limited.clearRequests();
	const before = limited.store.count('people');
	const prefix = `${operation} ${rep}`;
	const { ms, value } = await timed(() =>
		runNode({
			type: 'copperCrm',
			parameters:
				operation === 'create'
					? { authentication: 'apiKey', resource: 'people', operation, name: '={{ $json.name }}', requestOptions: scaledOptions }
					: { authentication: 'apiKey', resource: 'people', operation, bodySource: 'inputItem', requestOptions: scaledOptions },
			credentials: copperCredentials(limited.url) as never,
			items: Array.from({ length: 1000 }, (_v, i) => ({ name: `${prefix} #${i}` })),
			continueOnFail: true,
		}),
	);
	const failures = value.items.filter((item) => item.json.error !== undefined).length + (value.error ? 1000 : 0);
	const created = limited.store.count('people') - before;
	const names = new Set(limited.store.all('people').filter((p) => p.name.startsWith(`${prefix} #`)).map((p) => p.name));
	return {
		ms,
		requests: limited.requests.length,
		throttled429: limited.requests.filter((r) => r.status === 429).length,
		failures,
		created,
		uniqueCreated: names.size,
	};
}

type Published = Awaited<ReturnType<typeof publish>>;
type Concurrent = { ms: number; requests: number; throttled429: number; failures: number; created: number };

/** Two workflows at once, one credential: 2 × 300 creates share the 180-per-window budget. */
async function concurrentRun(limited: CopperSandbox, rep: number): Promise<Concurrent> {
	await new Promise((resolve) => setTimeout(resolve, COPPER_LIMIT.windowMs + 100));
	limited.setRateLimit(COPPER_LIMIT);
	limited.clearRequests();
	const before = limited.store.count('people');
	const workflow = (name: string) =>
		runNode({
			type: 'copperCrm',
			parameters: { authentication: 'apiKey', resource: 'people', operation: 'create', name: '={{ $json.name }}', requestOptions: scaledOptions },
			credentials: copperCredentials(limited.url) as never,
			credentialId: `bench-shared-${rep}`,
			items: Array.from({ length: 300 }, (_v, i) => ({ name: `${name} ${rep} #${i}` })),
			continueOnFail: true,
		});
	const { ms, value } = await timed(() => Promise.all([workflow('concurrent A'), workflow('concurrent B')]));
	return {
		ms,
		requests: limited.requests.length,
		throttled429: limited.requests.filter((r) => r.status === 429).length,
		failures: value.reduce((sum, run) => sum + run.items.filter((item) => item.json.error !== undefined).length + (run.error ? 300 : 0), 0),
		created: limited.store.count('people') - before,
	};
}

function recordSingleAndBulk(single: Published[], bulk: Published[]): { singleMs: number; bulkMs: number } {
	const singleMs = median(single.map((r) => r.ms));
	const bulkMs = median(bulk.map((r) => r.ms));
	const list = (runs: typeof single, key: keyof (typeof single)[number]) => runs.map((r) => r[key]).join(', ');
	record({ id: 'publish.single.requests', label: 'one create per item: requests (429s)', value: `${list(single, 'requests')} (${list(single, 'throttled429')})` });
	record({ id: 'publish.single.failures', label: 'one create per item: failed items', value: list(single, 'failures'), target: '0', met: single.every((r) => r.failures === 0) });
	record({ id: 'publish.single.created', label: 'one create per item: records created, unique', value: `${list(single, 'created')}; ${list(single, 'uniqueCreated')}`, target: '1000 each', met: single.every((r) => r.created === 1000 && r.uniqueCreated === 1000) });
	record({ id: 'publish.single.ms', label: 'one create per item: wall time, median ms', value: round(singleMs, 0), note: single.map((r) => round(r.ms, 0)).join(' / ') });
	record({ id: 'publish.bulk.requests', label: 'bulk: requests (429s)', value: `${list(bulk, 'requests')} (${list(bulk, 'throttled429')})` });
	record({ id: 'publish.bulk.failures', label: 'bulk: failed items', value: list(bulk, 'failures'), target: '0', met: bulk.every((r) => r.failures === 0) });
	record({ id: 'publish.bulk.created', label: 'bulk: records created, unique', value: `${list(bulk, 'created')}; ${list(bulk, 'uniqueCreated')}`, target: '1000 each', met: bulk.every((r) => r.created === 1000 && r.uniqueCreated === 1000) });
	record({ id: 'publish.bulk.ms', label: 'bulk: wall time, median ms', value: round(bulkMs, 0), note: bulk.map((r) => round(r.ms, 0)).join(' / ') });
	record({ id: 'publish.speedup', label: 'bulk speed-up (single / bulk)', value: round(singleMs / bulkMs, 1), target: '≥ 8×', met: singleMs / bulkMs >= 8 });
	return { singleMs, bulkMs };
}

function recordRates(singleMs: number, bulkMs: number): void {
	const singleMin = minimumMs(1000, COPPER_LIMIT.max, COPPER_LIMIT.windowMs);
	const bulkMin = Math.max(minimumMs(100, COPPER_BULK_LIMIT.max, COPPER_BULK_LIMIT.windowMs), minimumMs(100, COPPER_LIMIT.max, COPPER_LIMIT.windowMs));
	const singleRate = 1000 / (singleMs / 1000);
	record({
		id: 'publish.single.rate',
		label: `one create per item: requests/s (allowed ${COPPER_LIMIT.max / (COPPER_LIMIT.windowMs / 1000)}/s on average)`,
		value: round(singleRate, 1),
		note: 'above the average allowed rate because the first window is a burst of 180',
	});
	record({
		id: 'publish.single.efficiency',
		label: `one create per item: fastest schedule the limit permits (${singleMin} ms) / wall time`,
		value: `${round((100 * singleMin) / singleMs, 1)} %`,
		target: '≥ 90 %',
		met: singleMin / singleMs >= 0.9,
	});
	record({
		id: 'publish.bulk.efficiency',
		label: `bulk: fastest schedule the limit permits (${bulkMin} ms) / wall time`,
		value: `${round((100 * bulkMin) / bulkMs, 1)} %`,
		target: '≥ 90 %',
		met: bulkMin / bulkMs >= 0.9,
	});
}

function recordConcurrent(concurrent: Concurrent[]): void {
	const concurrentMin = minimumMs(600, COPPER_LIMIT.max, COPPER_LIMIT.windowMs);
	record({
		id: 'publish.concurrent.requests',
		label: 'two workflows at once, one credential, 300 creates each: requests (429s)',
		value: `${concurrent.map((r) => r.requests).join(', ')} (${concurrent.map((r) => r.throttled429).join(', ')})`,
		target: '600 (0)',
		met: concurrent.every((r) => r.requests === 600 && r.throttled429 === 0),
	});
	record({
		id: 'publish.concurrent.failures',
		label: 'two workflows at once: failed items; records created',
		value: `${concurrent.map((r) => r.failures).join(', ')}; ${concurrent.map((r) => r.created).join(', ')}`,
		target: '0; 600',
		met: concurrent.every((r) => r.failures === 0 && r.created === 600),
	});
	record({
		id: 'publish.concurrent.efficiency',
		label: `two workflows at once: fastest schedule the limit permits (${concurrentMin} ms) / wall time`,
		value: `${round((100 * concurrentMin) / median(concurrent.map((r) => r.ms)), 1)} %`,
		note: concurrent.map((r) => `${round(r.ms, 0)} ms`).join(' / '),
	});
}

export async function publishFigures(): Promise<void> {
	console.log(`\n3. Publishing 1,000 Copper people under ${COPPER_LIMIT.max} per ${COPPER_LIMIT.windowMs} ms (bulk ${COPPER_BULK_LIMIT.max} per ${COPPER_BULK_LIMIT.windowMs} ms)`);
	const limited = await startCopperSandbox({ seed: 'minimal', rateLimit: COPPER_LIMIT, bulkRateLimit: COPPER_BULK_LIMIT });
	const single: Published[] = [];
	const bulk: Published[] = [];
	for (let rep = 0; rep < REPS; rep++) {
		single.push(await publish(limited, 'create', rep));
		bulk.push(await publish(limited, 'bulkCreate', rep));
	}
	const concurrent: Concurrent[] = [];
	for (let rep = 0; rep < REPS; rep++) concurrent.push(await concurrentRun(limited, rep));
	await limited.close();
	const { singleMs, bulkMs } = recordSingleAndBulk(single, bulk);
	recordRates(singleMs, bulkMs);
	recordConcurrent(concurrent);
}
