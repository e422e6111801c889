/**
 * The fault matrix: every request kind against every fault, through n8n's real WorkflowExecute and
 * the sandboxes over HTTP; after each case the sandbox's records are checked (nothing lost, nothing
 * created twice) and every error and output item is scanned for secrets. Plus continue-on-fail
 * under faults and the bad-input corpus (badInputs.ts). Prints `reliability: N cases, M passed` at the end and, with
 * RELIABILITY_DOC=1 (`npm run reliability:doc`), writes docs/reliability.md from the counts.
 */
import type { IDataObject } from 'n8n-workflow';

import { apiKeyCredentials, oauthCredentials as copperOAuth } from '../helpers/copper';
import { runNode, type RunNodeResult } from '../../tooling/harness/engine';
import { ocoyaCredentials } from '../helpers/ocoya';
import { startCopperSandbox, type CopperSandbox, type Person } from '../../tooling/sandbox/copper';
import { SEED_IDS, startOcoyaSandbox, type OcoyaSandbox } from '../../tooling/sandbox/ocoya';
import {
	applied,
	count,
	FAULTS,
	isError,
	leakedSecrets,
	outcomeOf,
	REQUEST_OPTIONS,
	summaryLine,
	tally,
	type FaultCase,
	type KindName,
	type Outcome,
} from './faults';
import { BAD_INPUTS } from './badInputs';
import { hardeningSuites } from './hardening';
import { writeReliabilityDoc } from './report';

const WORKSPACE = SEED_IDS.workspace;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface AnySandbox {
	url: string;
	requests: Array<{ method: string; path: string; status: number; body: unknown; query: Record<string, unknown> }>;
	injectFault(f: object): void;
	clearFaults(): void;
	clearRequests(): void;
}

// Credentials alternate between API key and OAuth2 so both kinds of secret go through the matrix.
const copperCredentials = (sandbox: CopperSandbox, oauth: boolean) =>
	oauth ? copperOAuth(sandbox) : apiKeyCredentials(sandbox);

let copper: CopperSandbox;
let ocoya: OcoyaSandbox;

async function run(
	service: 'copper' | 'ocoya',
	parameters: IDataObject,
	options: { items?: IDataObject[]; continueOnFail?: boolean; oauth?: boolean; credentials?: Record<string, IDataObject> } = {},
): Promise<RunNodeResult> {
	const result = await runNode({
		type: service === 'copper' ? 'copperCrm' : 'ocoya',
		parameters: {
			authentication: options.oauth ? 'oAuth2' : 'apiKey',
			requestOptions: REQUEST_OPTIONS,
			...parameters,
		},
		credentials: (options.credentials ??
			(service === 'copper' ? copperCredentials(copper, !!options.oauth) : ocoyaCredentials(ocoya, !!options.oauth))) as never,
		items: options.items,
		continueOnFail: options.continueOnFail,
	});
	// Secrets: nothing of any credential in the error, its description, the output items or the run data.
	tally.secretScans++;
	expect(
		leakedSecrets({
			message: result.error?.message,
			description: result.error?.description,
			error: result.error,
			items: result.items,
			run: result.run.data.resultData,
		}),
	).toEqual([]);
	return result;
}

/** A slow ("timeout") answer: lets the sandbox finish the request the client gave up on. */
async function settle(fault: FaultCase): Promise<void> {
	if (fault.spec.delayMs) await sleep(fault.spec.delayMs - REQUEST_OPTIONS.timeoutMs + 150);
}

function expectFaultError(result: RunNodeResult, service: 'copper' | 'ocoya', fault: FaultCase, outcome: Outcome, batch = 10) {
	const error = result.error!;
	expect(error).toBeDefined();
	expect(error.name).toBe('NodeApiError');
	if (outcome === 'bulkMismatch') {
		expect(error.message).toBe(`Copper CRM returned 0 results for ${batch} records`);
		return;
	}
	const expected = fault.message![service];
	if (typeof expected === 'string') expect(error.message).toBe(expected);
	else expect(error.message).toMatch(expected);
	if (fault.status) expect(error.description).toContain(`HTTP ${fault.status}`);
	if (fault.code) expect(error.description).toMatch(fault.code);
	if (outcome === 'notRetried') expect(error.description).toContain('Not retried: this request creates data');
	if (fault.status === 401 || fault.status === 403) expect(error.description).toContain('Check the credential');
}

/** Requests the faulted call made: 2 when retried once, else 1. */
const attempts = (outcome: Outcome) => (outcome === 'retried' ? 2 : 1);

// ---------------------------------------------------------------------------------------------
// Copper: fetch, search (paged), create, update, delete, bulk create
// ---------------------------------------------------------------------------------------------

interface CaseState {
	person?: Person;
	people?: Person[];
	names?: string[];
	postId?: string;
	caption?: string;
	total?: number;
}

interface KindSpec {
	method: string;
	path: string | RegExp;
	/** Fault the second matching request (a later page / batch) instead of the first. */
	skipFirst?: boolean;
	prepare(id: string): CaseState;
	parameters(state: CaseState): IDataObject;
	items?(state: CaseState): IDataObject[];
	/** Checks the output of a successful run and the store, given whether the write was applied. */
	verify(state: CaseState, result: RunNodeResult, wasApplied: boolean, outcome: Outcome): void;
}

const copperPeopleNamed = (name: string) => copper.store.all('people').filter((p) => p.name === name).length;

const COPPER_KINDS: Record<KindName, KindSpec> = {
	fetch: {
		method: 'GET',
		path: /^\/people\/\d+$/,
		prepare: () => ({ person: copper.store.addPeople(1)[0] }),
		parameters: (s) => ({ resource: 'people', operation: 'get', person_id: String(s.person!.id) }),
		verify: (s, result, _applied, outcome) => {
			if (result.error) return;
			expect(result.items).toHaveLength(1);
			expect(result.items[0].json).toEqual(outcome === 'direct' ? { success: true } : expect.objectContaining({ id: s.person!.id }));
		},
	},
	search: {
		method: 'POST',
		path: '/people/search',
		skipFirst: true,
		prepare: () => {
			if (copper.store.count('people') % 200 === 0) copper.store.addPeople(1);
			return { total: copper.store.count('people') };
		},
		parameters: () => ({ resource: 'people', operation: 'search', returnAll: true }),
		verify: (s, result) => {
			if (result.error) return;
			const ids = result.items.map((item) => item.json.id);
			expect(ids).toHaveLength(s.total!);
			expect(new Set(ids).size).toBe(s.total!);
		},
	},
	create: {
		method: 'POST',
		path: '/people',
		prepare: (id) => ({ names: [`Matrix ${id}`] }),
		parameters: (s) => ({ resource: 'people', operation: 'create', name: s.names![0] }),
		verify: (s, result, wasApplied, outcome) => {
			expect(copperPeopleNamed(s.names![0])).toBe(wasApplied ? 1 : 0);
			if (!result.error) {
				expect(result.items).toHaveLength(1);
				expect(result.items[0].json).toEqual(outcome === 'direct' ? { success: true } : expect.objectContaining({ name: s.names![0] }));
			}
		},
	},
	update: {
		method: 'PUT',
		path: /^\/people\/\d+$/,
		prepare: (id) => {
			const person = copper.store.addPeople(1)[0];
			return { person: { ...person }, names: [`Updated ${id}`] };
		},
		parameters: (s) => ({
			resource: 'people',
			operation: 'update',
			person_id: String(s.person!.id),
			additionalFields: { title: s.names![0] },
		}),
		verify: (s, result, wasApplied, outcome) => {
			expect(copper.store.get('people', s.person!.id)?.title ?? null).toBe(wasApplied ? s.names![0] : (s.person!.title ?? null));
			if (!result.error && outcome !== 'direct') expect(result.items[0].json.title).toBe(s.names![0]);
		},
	},
	delete: {
		method: 'DELETE',
		path: /^\/people\/\d+$/,
		prepare: () => ({ person: copper.store.addPeople(1)[0] }),
		parameters: (s) => ({ resource: 'people', operation: 'delete', person_id: String(s.person!.id) }),
		verify: (s, result, wasApplied, outcome) => {
			expect(copper.store.get('people', s.person!.id) === undefined).toBe(wasApplied);
			if (!result.error && outcome !== 'direct') expect(result.items[0].json).toEqual(expect.objectContaining({ id: s.person!.id, is_deleted: true }));
		},
	},
	combinedFetch: {
		method: 'POST',
		path: '/people/search',
		prepare: () => ({ people: copper.store.addPeople(12) }),
		parameters: () => ({ resource: 'people', operation: 'get', person_id: '={{ $json.id }}' }),
		// Twelve people and a repeated one: one search by ids answers all thirteen items.
		items: (s) => [...s.people!, s.people![0]].map((p) => ({ id: p.id })),
		verify: (s, result) => {
			if (result.error) return;
			expect(result.items.map((item) => item.json.id)).toEqual([...s.people!, s.people![0]].map((p) => p.id));
		},
	},
	combinedUpdate: {
		method: 'POST',
		path: '/people/bulk_update',
		prepare: (id) => {
			const people = copper.store.addPeople(10).map((p) => ({ ...p }));
			return { people, names: people.map((_p, i) => `Combined ${id} #${i}`) };
		},
		parameters: () => ({
			resource: 'people',
			operation: 'update',
			person_id: '={{ $json.id }}',
			additionalFields: { title: '={{ $json.title }}' },
			requestOptions: { ...REQUEST_OPTIONS, combineWrites: true },
		}),
		items: (s) => s.people!.map((p, i) => ({ id: p.id, title: s.names![i] })),
		verify: (s, result, wasApplied) => {
			s.people!.forEach((p, i) => expect(copper.store.get('people', p.id)?.title ?? null).toBe(wasApplied ? s.names![i] : (p.title ?? null)));
			if (!result.error) expect(result.items.map((item) => item.json.title)).toEqual(s.names);
		},
	},
	bulk: {
		method: 'POST',
		path: '/people/bulk_create',
		prepare: (id) => ({ names: Array.from({ length: 10 }, (_v, i) => `Bulk ${id} #${i}`) }),
		parameters: () => ({ resource: 'people', operation: 'bulkCreate', bodySource: 'inputItem' }),
		items: (s) => s.names!.map((name) => ({ name })),
		verify: (s, result, wasApplied) => {
			for (const name of s.names!) expect(copperPeopleNamed(name)).toBe(wasApplied ? 1 : 0);
			if (!result.error) expect(result.items.map((item) => item.json.name)).toEqual(s.names);
		},
	},
};

// ---------------------------------------------------------------------------------------------
// Ocoya: fetch (/me), search (paged list), create, update, delete (no bulk endpoint)
// ---------------------------------------------------------------------------------------------

const ocoyaPostsCaptioned = (caption: string) =>
	ocoya.store.allPosts().filter((post) => post.posts[0]?.caption === caption).length;

const OCOYA_KINDS: Partial<Record<KindName, KindSpec>> = {
	fetch: {
		method: 'GET',
		path: '/me',
		prepare: () => ({}),
		parameters: () => ({ resource: 'user', operation: 'me' }),
		verify: (_s, result, _applied, outcome) => {
			if (result.error) return;
			expect(result.items).toHaveLength(1);
			expect(result.items[0].json).toEqual(outcome === 'direct' ? { success: true } : expect.objectContaining({ email: expect.any(String) }));
		},
	},
	search: {
		method: 'GET',
		path: '/post',
		skipFirst: true,
		prepare: () => {
			if (ocoya.store.listPosts(WORKSPACE).length % 50 === 0) ocoya.store.addPosts(WORKSPACE, 1);
			return { total: ocoya.store.listPosts(WORKSPACE).length };
		},
		parameters: () => ({ resource: 'posts', operation: 'list', workspaceId: WORKSPACE, returnAll: true }),
		verify: (s, result) => {
			if (result.error) return;
			const ids = result.items.map((item) => item.json.id);
			expect(ids).toHaveLength(s.total!);
			expect(new Set(ids).size).toBe(s.total!);
		},
	},
	create: {
		method: 'POST',
		path: '/post',
		prepare: (id) => ({ caption: `Matrix ${id}` }),
		parameters: (s) => ({ resource: 'posts', operation: 'create', workspaceId: WORKSPACE, caption: s.caption }),
		verify: (s, result, wasApplied, outcome) => {
			expect(ocoyaPostsCaptioned(s.caption!)).toBe(wasApplied ? 1 : 0);
			if (!result.error) {
				expect(result.items[0].json).toEqual(outcome === 'direct' ? { success: true } : expect.objectContaining({ postGroupId: expect.any(String) }));
			}
		},
	},
	update: {
		method: 'PATCH',
		path: /^\/post\/[^/]+$/,
		prepare: (id) => ({ postId: ocoya.store.createPost(WORKSPACE, { caption: 'before' }).id, caption: `Updated ${id}` }),
		parameters: (s) => ({
			resource: 'posts',
			operation: 'update',
			post_id: s.postId,
			scheduledAt: '2031-01-02T03:04:05Z',
			additionalFields: { caption: s.caption },
		}),
		verify: (s, _result, wasApplied) => {
			const post = ocoya.store.getPost(s.postId!)!;
			expect(post.scheduledAt).toBe(wasApplied ? '2031-01-02T03:04:05.000Z' : null);
		},
	},
	delete: {
		method: 'DELETE',
		path: /^\/post\/[^/]+$/,
		prepare: () => ({ postId: ocoya.store.createPost(WORKSPACE, { caption: 'to delete' }).id }),
		parameters: (s) => ({ resource: 'posts', operation: 'delete', post_id: s.postId }),
		verify: (s, _result, wasApplied) => {
			expect(ocoya.store.getPost(s.postId!) === undefined).toBe(wasApplied);
		},
	},
};

function targetRequests(sandbox: AnySandbox, kind: KindSpec) {
	return sandbox.requests.filter(
		(r) => r.method === kind.method && (typeof kind.path === 'string' ? r.path === kind.path : kind.path.test(r.path)),
	);
}

async function matrixCase(service: 'copper' | 'ocoya', kindName: KindName, fault: FaultCase, faultIndex: number) {
	const done = count(`${service} matrix`);
	const sandbox = (service === 'copper' ? copper : ocoya) as unknown as AnySandbox;
	const kind = (service === 'copper' ? COPPER_KINDS : OCOYA_KINDS)[kindName]!;
	const outcome = outcomeOf(kindName, fault);
	const wasApplied = applied(outcome, fault, service);
	const state = kind.prepare(`${service} ${kindName} ${fault.name}`);
	const before = service === 'copper' ? copper.store.count('people') : ocoya.store.allPosts().length;
	sandbox.clearRequests();
	sandbox.clearFaults();
	if (kind.skipFirst) sandbox.injectFault({ method: kind.method, path: kind.path, passThrough: true, times: 1 });
	sandbox.injectFault({ method: kind.method, path: kind.path, times: 1, ...fault.spec });

	const started = Date.now();
	// A 401 under OAuth2 makes n8n refresh the token (hostileTransportOAuth2.test.ts covers it); here it is the API key's.
	const oauth = faultIndex % 2 === 1 && fault.status !== 401;
	const result = await run(service, kind.parameters(state), { items: kind.items?.(state), oauth });
	const elapsed = Date.now() - started;
	await settle(fault);

	if (isError(outcome)) expectFaultError(result, service, fault, outcome);
	else expect(result.error).toBeUndefined();
	if (fault.minWaitMs && !isError(outcome)) expect(elapsed).toBeGreaterThanOrEqual(fault.minWaitMs);

	const requests = targetRequests(sandbox, kind);
	if (kind.skipFirst) {
		// Pages: each requested once, except the faulted second page, requested again when retried.
		const pageOf = (r: AnySandbox['requests'][number]) =>
			service === 'copper' ? (r.body as { page_number: number }).page_number : Number(r.query.page);
		const pages = requests.map(pageOf);
		const first = service === 'copper' ? 1 : 0;
		if (outcome === 'retried') {
			const sequence = Array.from({ length: Math.ceil(state.total! / (service === 'copper' ? 200 : 50)) }, (_v, i) => first + i);
			expect(pages).toEqual([sequence[0], sequence[1], ...sequence.slice(1)]);
		} else {
			expect(pages).toEqual([first, first + 1]);
		}
	} else {
		expect(requests).toHaveLength(attempts(outcome));
	}

	kind.verify(state, result, wasApplied, outcome);
	// Nothing lost, nothing created twice: the record count moved only by what this case wrote.
	const after = service === 'copper' ? copper.store.count('people') : ocoya.store.allPosts().length;
	const delta = kindName === 'create' ? 1 : kindName === 'bulk' ? 10 : kindName === 'delete' ? -1 : 0;
	expect(after - before).toBe(wasApplied ? delta : 0);
	done();
}

// ---------------------------------------------------------------------------------------------
// Continue On Fail under faults: one output per input item, paired, in order
// ---------------------------------------------------------------------------------------------

async function continueOnFailCase(
	service: 'copper' | 'ocoya',
	kindName: 'fetch' | 'create' | 'bulk' | 'combinedFetch' | 'combinedUpdate',
	fault: FaultCase,
	faultIndex: number,
) {
	const done = count(`${service} continue-on-fail`);
	const sandbox = (service === 'copper' ? copper : ocoya) as unknown as AnySandbox;
	const kind = (service === 'copper' ? COPPER_KINDS : OCOYA_KINDS)[kindName]!;
	const outcome = outcomeOf(kindName, fault);
	const wasApplied = applied(outcome, fault, service);
	const id = `${service} cof ${kindName} ${fault.name}`;
	let items: IDataObject[];
	let parameters: IDataObject;
	/** Input items hit by the fault (the second request). */
	let faulted: number[];
	if (kindName === 'combinedFetch') {
		// 250 items: two searches by ids (200 + 50); the second is faulted.
		items = copper.store.addPeople(250).map((p) => ({ id: p.id }));
		parameters = { resource: 'people', operation: 'get', person_id: '={{ $json.id }}' };
		faulted = Array.from({ length: 50 }, (_v, i) => 200 + i);
	} else if (kindName === 'combinedUpdate') {
		// 25 items: three bulk updates (10 + 10 + 5); the second is faulted.
		items = copper.store.addPeople(25).map((p, i) => ({ id: p.id, title: `${id} #${i}` }));
		parameters = {
			resource: 'people',
			operation: 'update',
			person_id: '={{ $json.id }}',
			additionalFields: { title: '={{ $json.title }}' },
			requestOptions: { ...REQUEST_OPTIONS, combineWrites: true },
		};
		faulted = Array.from({ length: 10 }, (_v, i) => 10 + i);
	} else if (kindName === 'bulk') {
		items = Array.from({ length: 25 }, (_v, i) => ({ name: `${id} #${i}` }));
		parameters = { resource: 'people', operation: 'bulkCreate', bodySource: 'inputItem' };
		faulted = Array.from({ length: 10 }, (_v, i) => 10 + i);
	} else if (kindName === 'create') {
		items = [0, 1, 2].map((i) => ({ name: `${id} #${i}` }));
		parameters =
			service === 'copper'
				? { resource: 'people', operation: 'create', name: '={{ $json.name }}' }
				: { resource: 'posts', operation: 'create', workspaceId: WORKSPACE, caption: '={{ $json.name }}' };
		faulted = [1];
	} else {
		items = service === 'copper' ? copper.store.addPeople(3).map((p) => ({ id: p.id })) : [{ n: 0 }, { n: 1 }, { n: 2 }];
		// One GET per item (combining would answer the three with one search: see combinedFetch).
		parameters =
			service === 'copper'
				? { resource: 'people', operation: 'get', person_id: '={{ $json.id }}', requestOptions: { ...REQUEST_OPTIONS, combineReads: false } }
				: { resource: 'user', operation: 'me' };
		faulted = [1];
	}
	sandbox.clearRequests();
	sandbox.clearFaults();
	sandbox.injectFault({ method: kind.method, path: kind.path, passThrough: true, times: 1 });
	sandbox.injectFault({ method: kind.method, path: kind.path, times: 1, ...fault.spec });
	const result = await run(service, parameters, { items, continueOnFail: true, oauth: faultIndex % 2 === 0 });
	await settle(fault);

	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(items.length);
	expect(result.items.map((item) => item.pairedItem)).toEqual(items.map((_item, i) => ({ item: i })));
	result.items.forEach((item, i) => {
		const hit = faulted.includes(i);
		if (hit && isError(outcome)) {
			expect(item.json.error).toEqual(expect.any(String));
		} else {
			expect(item.json.error).toBeUndefined();
			if (hit && outcome === 'direct') expect(item.json).toEqual({ success: true });
			else if ((kindName === 'fetch' || kindName === 'combinedFetch') && service === 'copper') expect(item.json.id).toBe(items[i].id);
			else if (kindName === 'combinedUpdate') expect(item.json.title).toBe(items[i].title);
			else if (kindName === 'fetch') expect(item.json.email).toEqual(expect.any(String));
			else if (service === 'copper') expect(item.json.name).toBe(items[i].name);
			else expect(item.json.postGroupId).toEqual(expect.any(String));
		}
	});
	if (kindName === 'combinedUpdate') {
		items.forEach((item, i) => {
			const title = copper.store.get('people', item.id as number)?.title ?? null;
			expect(title === item.title).toBe(!(faulted.includes(i) && !wasApplied));
		});
	} else if (kindName !== 'fetch' && kindName !== 'combinedFetch') {
		items.forEach((item, i) => {
			const name = item.name as string;
			const stored = service === 'copper' ? copperPeopleNamed(name) : ocoyaPostsCaptioned(name);
			expect(stored).toBe(faulted.includes(i) && !wasApplied ? 0 : 1);
		});
	}
	done();
}

// ---------------------------------------------------------------------------------------------
// Suites
// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
	copper = await startCopperSandbox({ seed: 'minimal' });
	ocoya = await startOcoyaSandbox({ seed: 'minimal' });
	copper.store.addPeople(430);
	ocoya.store.addPosts(WORKSPACE, 130);
});

afterAll(async () => {
	await copper?.close();
	await ocoya?.close();
	const line = summaryLine();
	console.log(`${line} (${tally.secretScans} runs scanned for secrets)`);
	if (process.env.RELIABILITY_DOC) writeReliabilityDoc('matrix');
});

const faultRows = FAULTS.map((fault, index) => [fault.name, fault, index] as const);

describe('fault matrix: Copper CRM', () => {
	for (const kind of ['fetch', 'search', 'create', 'update', 'delete', 'bulk', 'combinedFetch', 'combinedUpdate'] as const) {
		it.each(faultRows)(`${kind} × %s`, async (_name, fault, index) => await matrixCase('copper', kind, fault, index));
	}
});

describe('fault matrix: Ocoya', () => {
	for (const kind of ['fetch', 'search', 'create', 'update', 'delete'] as const) {
		it.each(faultRows)(`${kind} × %s`, async (_name, fault, index) => await matrixCase('ocoya', kind, fault, index));
	}
});

describe('continue on fail under faults', () => {
	for (const [service, kind] of [
		['copper', 'fetch'],
		['copper', 'create'],
		['copper', 'bulk'],
		['copper', 'combinedFetch'],
		['copper', 'combinedUpdate'],
		['ocoya', 'fetch'],
		['ocoya', 'create'],
	] as const) {
		it.each(faultRows)(`${service} ${kind} × %s`, async (_name, fault, index) => await continueOnFailCase(service, kind, fault, index));
	}
});

hardeningSuites({ copper: () => copper, ocoya: () => ocoya, workspace: WORKSPACE, run });

describe('bad-input corpus', () => {
	it.each(BAD_INPUTS.map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
		const done = count('bad input');
		const sandbox = (entry.service === 'copper' ? copper : ocoya) as unknown as AnySandbox;
		sandbox.clearRequests();
		sandbox.clearFaults();
		const parameters = entry.parameters.operation === 'bulkCreate' ? { ...entry.parameters, requestOptions: { ...REQUEST_OPTIONS, bulkThrottleMax: 0 } } : entry.parameters;
		const result = await run(entry.service, parameters, { items: entry.items });
		if (entry.field) {
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toContain(`"${entry.field}`);
			expect(sandbox.requests).toHaveLength(0);
		} else {
			entry.sent!(sandbox.requests, result, { copper, ocoya });
		}
		done();
	});
});
