/** Figure 4 of `npm run bench`: Ocoya under its scaled limit with X-RateLimit-* headers (list 2,000 posts, create 300). */
import { runNode } from '../harness/engine';
import { SEED_IDS, startOcoyaSandbox, type OcoyaSandbox } from '../sandbox/ocoya';
import { median, minimumMs, ocoyaCredentials, timed } from './common';
import { OCOYA_LIMIT, record, REPS, round } from './figures';

const workspace = SEED_IDS.workspace;
const ocoyaOptions = { throttleMax: OCOYA_LIMIT.max, throttleWindowSeconds: OCOYA_LIMIT.windowMs / 1000, maxRetries: 8, initialDelayMs: 100, maxWaitSeconds: 60, timeoutMs: 10_000 };

/** One run on fresh windows: list every post, or create 300. */
async function ocoyaRun(ocoya: OcoyaSandbox, kind: 'list' | 'create', rep: number) {
	ocoya.setRateLimit(OCOYA_LIMIT); // fresh windows: a run starts without knowing the budget
	ocoya.clearRequests();
	ocoya.rateLimited429Count = 0;
	const { ms, value } = await timed(() =>
		runNode({
			type: 'ocoya',
			parameters:
				kind === 'list'
					? { authentication: 'apiKey', resource: 'posts', operation: 'list', workspaceId: workspace, returnAll: true, requestOptions: ocoyaOptions }
					: {
							authentication: 'apiKey',
							resource: 'posts',
							operation: 'create',
							workspaceId: SEED_IDS.secondWorkspace,
							caption: '={{ $json.caption }}',
							requestOptions: ocoyaOptions,
						},
			credentials: ocoyaCredentials(ocoya.url) as never,
			items: kind === 'list' ? undefined : Array.from({ length: 300 }, (_v, i) => ({ caption: `bench ${rep} #${i}` })),
			continueOnFail: true,
		}),
	);
	return {
		ms,
		requests: ocoya.requests.length,
		status429: ocoya.rateLimited429Count,
		failures: value.items.filter((item) => item.json.error !== undefined).length + (value.error ? 1 : 0),
		items: value.items.length,
		unique: new Set(value.items.map((item) => item.json.id ?? item.json.postGroupId)).size,
	};
}

type OcoyaRun = Awaited<ReturnType<typeof ocoyaRun>>;

function recordOcoya(lists: OcoyaRun[], creates: OcoyaRun[]): void {
	const ocoyaMin = minimumMs(300, OCOYA_LIMIT.max, OCOYA_LIMIT.windowMs);
	const ocoyaCreateMs = median(creates.map((r) => r.ms));
	record({ id: 'ocoya.list.requests', label: 'list 2,000 posts: requests; unique items', value: `${lists.map((r) => r.requests).join(', ')}; ${lists.map((r) => r.unique).join(', ')}`, target: '41; 2000', met: lists.every((r) => r.requests === 41 && r.unique === 2000) });
	record({ id: 'ocoya.list.ms', label: 'list 2,000 posts: wall time, median ms', value: round(median(lists.map((r) => r.ms)), 0) });
	record({ id: 'ocoya.list.failures', label: 'list: failures; HTTP 429 received', value: `${lists.map((r) => r.failures).join(', ')}; ${lists.map((r) => r.status429).join(', ')}`, target: '0; 0', met: lists.every((r) => r.failures === 0 && r.status429 === 0) });
	record({ id: 'ocoya.create.requests', label: 'create 300 posts: requests; unique posts', value: `${creates.map((r) => r.requests).join(', ')}; ${creates.map((r) => r.unique).join(', ')}`, target: '300; 300', met: creates.every((r) => r.requests === 300 && r.unique === 300) });
	record({ id: 'ocoya.create.failures', label: 'create: failures; HTTP 429 received', value: `${creates.map((r) => r.failures).join(', ')}; ${creates.map((r) => r.status429).join(', ')}`, target: '0; 0', met: creates.every((r) => r.failures === 0 && r.status429 === 0) });
	record({ id: 'ocoya.create.ms', label: 'create 300 posts: wall time, median ms', value: round(ocoyaCreateMs, 0), note: creates.map((r) => round(r.ms, 0)).join(' / ') });
	record({
		id: 'ocoya.create.efficiency',
		label: `create: fastest schedule the limit permits (${ocoyaMin} ms) / wall time`,
		value: `${round((100 * ocoyaMin) / ocoyaCreateMs, 1)} %`,
		note: 'X-RateLimit-Reset has one-second resolution, so each wait for a reset overshoots by up to 1 s',
	});
}

export async function ocoyaFigures(): Promise<void> {
	console.log(`\n4. Ocoya under ${OCOYA_LIMIT.max} per ${OCOYA_LIMIT.windowMs} ms with X-RateLimit-* headers`);
	const ocoya = await startOcoyaSandbox({ seed: 'minimal', rateLimit: OCOYA_LIMIT });
	ocoya.store.addPosts(workspace, 2000 - ocoya.store.listPosts(workspace).length);
	const lists: OcoyaRun[] = [];
	const creates: OcoyaRun[] = [];
	for (let rep = 0; rep < REPS; rep++) {
		lists.push(await ocoyaRun(ocoya, 'list', rep));
		creates.push(await ocoyaRun(ocoya, 'create', rep));
	}
	await ocoya.close();
	recordOcoya(lists, creates);
}
