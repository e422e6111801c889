/**
 * The fault matrix: every request kind against every fault, through n8n's real WorkflowExecute and
 * the sandboxes over HTTP; after each case the sandbox's records are checked (nothing lost, nothing
 * created twice) and every error and output item is scanned for secrets. Plus continue-on-fail
 * under faults and a bad-input corpus. Prints `reliability: N cases, M passed` at the end and, with
 * RELIABILITY_DOC=1 (`npm run reliability:doc`), writes docs/reliability.md from the counts.
 */
import type { IDataObject } from 'n8n-workflow';

import { apiKeyCredentials, oauthCredentials as copperOAuth } from '../helpers/copper';
import { runNode, type RunNodeResult } from '../helpers/engine';
import { ocoyaCredentials } from '../helpers/ocoya';
import { startCopperSandbox, type CopperSandbox, type Person } from '../sandbox/copper';
import { SEED_IDS, startOcoyaSandbox, type OcoyaSandbox } from '../sandbox/ocoya';
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
import { hardeningSuites } from './hardening';
import { hostileTransportSuites } from './hostileTransport';
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
	// A 401 under OAuth2 makes n8n refresh the token (hostileTransport.test.ts covers it); here it is the API key's.
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
	if (process.env.RELIABILITY_DOC) writeReliabilityDoc();
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
hostileTransportSuites();

// ---------------------------------------------------------------------------------------------
// Bad input: caught locally with zero requests, or sent safely (encoded, intact)
// ---------------------------------------------------------------------------------------------

interface BadInput {
	name: string;
	service: 'copper' | 'ocoya';
	parameters: IDataObject;
	items?: IDataObject[];
	/** Caught locally: a NodeOperationError naming this field, zero requests. */
	field?: string;
	/** Sent: checks on the recorded requests and the result. */
	sent?: (requests: AnySandbox['requests'], result: RunNodeResult) => void;
}

const HUGE = 'x'.repeat(100_000);
const UNICODE = 'Zoë 李小龍 🚀 ﷽ \u202eevil\u202c "quoted" <b>';

const BAD_INPUTS: BadInput[] = [
	{ name: 'malformed JSON body', service: 'copper', parameters: { resource: 'people', operation: 'create', bodySource: 'json', bodyJson: '{"name": ' }, field: 'Body (JSON)' },
	{ name: 'JSON body that is a string', service: 'copper', parameters: { resource: 'people', operation: 'create', bodySource: 'json', bodyJson: '"just text"' }, field: 'Body (JSON)' },
	{ name: 'JSON body that is a number', service: 'copper', parameters: { resource: 'people', operation: 'create', bodySource: 'json', bodyJson: '42' }, field: 'Body (JSON)' },
	{ name: 'non-numeric ID', service: 'copper', parameters: { resource: 'people', operation: 'get', person_id: 'abc' }, field: 'Person ID' },
	{ name: 'negative ID', service: 'copper', parameters: { resource: 'people', operation: 'get', person_id: '-5' }, field: 'Person ID' },
	{ name: 'fractional ID', service: 'copper', parameters: { resource: 'people', operation: 'get', person_id: '1.5' }, field: 'Person ID' },
	{ name: 'ID beyond 2^53', service: 'copper', parameters: { resource: 'people', operation: 'get', person_id: '99999999999999999999' }, field: 'Person ID' },
	{ name: 'ID as an object (expression)', service: 'copper', parameters: { resource: 'people', operation: 'delete', person_id: '={{ {a: 1} }}' }, field: 'Person ID' },
	{ name: 'ID ../users', service: 'copper', parameters: { resource: 'people', operation: 'get', person_id: '../users' }, field: 'Person ID' },
	{ name: 'ID 1?x=y', service: 'copper', parameters: { resource: 'people', operation: 'delete', person_id: '1?x=y' }, field: 'Person ID' },
	{ name: 'ID 1#frag', service: 'copper', parameters: { resource: 'people', operation: 'update', person_id: '1#frag' }, field: 'Person ID' },
	{ name: 'whitespace-only required name', service: 'copper', parameters: { resource: 'people', operation: 'create', name: '   ' }, field: 'Name' },
	{ name: 'empty required name (expression)', service: 'copper', parameters: { resource: 'people', operation: 'create', name: '={{ "" }}' }, field: 'Name' },
	{ name: 'required name from a missing field', service: 'copper', parameters: { resource: 'people', operation: 'create', name: '={{ $json.missing }}' }, field: 'Name' },
	{ name: 'invalid date', service: 'copper', parameters: { resource: 'tasks', operation: 'create', name: 'T', additionalFields: { due_date: 'next tuesday-ish' } }, field: 'Due Date' },
	{ name: 'impossible date 2024-13-45', service: 'copper', parameters: { resource: 'tasks', operation: 'create', name: 'T', additionalFields: { due_date: '2024-13-45' } }, field: 'Due Date' },
	{ name: 'non-numeric ID list', service: 'copper', parameters: { resource: 'people', operation: 'search', filters: { assignee_ids: '1, two' } }, field: 'Assignee IDs' },
	{ name: 'malformed raw filter', service: 'copper', parameters: { resource: 'people', operation: 'search', filters: { rawFilter: '{oops}' } }, field: 'Raw JSON Filter' },
	{ name: 'raw filter that is an array', service: 'copper', parameters: { resource: 'people', operation: 'search', filters: { rawFilter: '[1]' } }, field: 'Raw JSON Filter' },
	{ name: 'bulk records that are not objects', service: 'copper', parameters: { resource: 'people', operation: 'bulkCreate', bodySource: 'json', bodyJson: '[1, "x"]' }, field: 'Body' },
	{ name: 'bulk update with a non-numeric ID', service: 'copper', parameters: { resource: 'people', operation: 'bulkUpdate', bodySource: 'fields', id: 'abc' }, field: 'Person ID' },
	{ name: 'custom call path with ..', service: 'copper', parameters: { resource: 'customApiCall', operation: 'customApiCall', customMethod: 'GET', customPath: '/people/../users' }, field: 'Path' },
	// Custom API Call paths that URL parsing would resolve outside the written path (or the base path), whatever the encoding.
	...(
		[
			['copper', '/people\\..\\users'],
			['copper', '/people/%2e%2e/users'],
			['copper', '/people/%2E./users'],
			['copper', '/people/%252e%252e/users'],
			['copper', '/people/..%5cusers'],
			['copper', '/people/%5c%5cevil.example'],
			['copper', '/people%2f..%2fusers'],
			['copper', '/people//search'],
			['copper', '/%2e%2e/%2e%2e/oauth/token'],
			['copper', '/people/%zz'],
			['copper', '/people/%00'],
			['ocoya', '/post\\..\\..\\me'],
			['ocoya', '/post/%2e%2e%2fme'],
			['ocoya', '/post/.%2E/me'],
		] as const
	).map(
		([service, path]): BadInput => ({
			name: `${service} custom call path ${path}`,
			service,
			parameters: { resource: 'customApiCall', operation: 'customApiCall', customMethod: 'DELETE', customPath: path },
			field: 'Path',
		}),
	),
	{ name: 'single-record create with a list body', service: 'copper', parameters: { resource: 'people', operation: 'create', bodySource: 'json', bodyJson: '[{"name": "A"}, {"name": "B"}]' }, field: 'Body' },
	{ name: 'single-record update with a list as input item', service: 'copper', parameters: { resource: 'people', operation: 'update', person_id: '1', bodySource: 'json', bodyJson: '[]' }, field: 'Body' },
	{ name: 'Ocoya create with a list body', service: 'ocoya', parameters: { resource: 'posts', operation: 'create', workspaceId: WORKSPACE, bodySource: 'json', bodyJson: '[{"caption": "A"}]' }, field: 'Body' },
	{ name: 'bulk body wrapped in its key', service: 'copper', parameters: { resource: 'people', operation: 'bulkCreate', bodySource: 'json', bodyJson: '{"people": [{"name": "A"}]}' }, field: 'Body' },
	{ name: 'bulk list with a nested list', service: 'copper', parameters: { resource: 'people', operation: 'bulkCreate', bodySource: 'json', bodyJson: '[[{"name": "A"}]]' }, field: 'Body' },
	...['not-an-email', 'a@b', 'two@@example.com', 'spaced name@example.com', '<x@example.com>', 'x@example.com, y@example.com'].map(
		(email): BadInput => ({
			name: `person email ${JSON.stringify(email)}`,
			service: 'copper',
			parameters: { resource: 'people', operation: 'create', name: 'E', additionalFields: { emails: { values: [{ email, category: 'work' }] } } },
			field: 'Email',
		}),
	),
	{ name: 'lead email that is not an address', service: 'copper', parameters: { resource: 'leads', operation: 'create', name: 'L', additionalFields: { email: { value: { email: 'lead at example', category: 'work' } } } }, field: 'Email' },
	{
		name: 'a valid email with a plus tag and a non-ASCII local part is sent',
		service: 'copper',
		parameters: { resource: 'people', operation: 'create', name: 'Plus', additionalFields: { emails: { values: [{ email: 'zoë.o+tag@example.co.uk', category: 'work' }] } } },
		sent: (requests, result) => {
			expect(result.error).toBeUndefined();
			expect(requests).toHaveLength(1);
			expect((requests[0].body as { emails: Array<{ email: string }> }).emails[0].email).toBe('zoë.o+tag@example.co.uk');
		},
	},
	{ name: 'fetch a person by an email that is not an address', service: 'copper', parameters: { resource: 'people', operation: 'fetchByEmail', email: 'bob@' }, field: 'Email' },
	{ name: 'Ocoya caption over 10,000 characters', service: 'ocoya', parameters: { resource: 'posts', operation: 'create', workspaceId: WORKSPACE, caption: 'y'.repeat(10_001) }, field: 'Caption' },
	{ name: 'Ocoya media URL javascript:', service: 'ocoya', parameters: { resource: 'posts', operation: 'create', workspaceId: WORKSPACE, caption: 'Hi', mediaUrls: 'javascript:alert(1)' }, field: 'Media URLs' },
	{ name: 'Ocoya invalid schedule time', service: 'ocoya', parameters: { resource: 'posts', operation: 'create', workspaceId: WORKSPACE, caption: 'Hi', scheduledAt: '2024-02-30T25:61:00' }, field: 'Scheduled At' },
	{ name: 'Ocoya empty workspace', service: 'ocoya', parameters: { resource: 'posts', operation: 'create', workspaceId: '={{ "" }}', caption: 'Hi' }, field: 'Workspace' },
	{ name: 'Ocoya post ID ../me', service: 'ocoya', parameters: { resource: 'posts', operation: 'delete', post_id: '../me' }, field: 'Post ID' },
	{ name: 'Ocoya post ID a?b=c', service: 'ocoya', parameters: { resource: 'posts', operation: 'delete', post_id: 'a?b=c' }, field: 'Post ID' },
	{ name: 'Ocoya post ID ..\\me (backslash)', service: 'ocoya', parameters: { resource: 'posts', operation: 'delete', post_id: '..\\me' }, field: 'Post ID' },
	{ name: 'Ocoya post ID with a control character', service: 'ocoya', parameters: { resource: 'posts', operation: 'delete', post_id: 'a\u0000b' }, field: 'Post ID' },
	{ name: 'Ocoya post ID with a space', service: 'ocoya', parameters: { resource: 'posts', operation: 'update', post_id: 'a b', scheduledAt: '2031-01-01T00:00:00Z' }, field: 'Post ID' },
	...['..', '.'].map(
		(id): BadInput => ({
			name: `Ocoya post ID "${id}" (a dot-segment) refused`,
			service: 'ocoya',
			parameters: { resource: 'posts', operation: 'delete', post_id: id },
			field: 'Post ID',
		}),
	),
	{
		name: 'huge string (100,000 characters) sent intact',
		service: 'copper',
		parameters: { resource: 'people', operation: 'create', name: HUGE },
		sent: (requests, result) => {
			expect(result.error).toBeUndefined();
			expect(requests).toHaveLength(1);
			expect((requests[0].body as { name: string }).name).toBe(HUGE);
			expect(copper.store.get('people', result.items[0].json.id as number)?.name).toBe(HUGE);
		},
	},
	{
		name: 'unicode name sent intact',
		service: 'copper',
		parameters: { resource: 'people', operation: 'create', name: UNICODE },
		sent: (requests, result) => {
			expect(result.error).toBeUndefined();
			expect(requests).toHaveLength(1);
			expect(result.items[0].json.name).toBe(UNICODE);
			expect(copper.store.get('people', result.items[0].json.id as number)?.name).toBe(UNICODE);
		},
	},
	{
		name: 'unicode caption sent intact (Ocoya)',
		service: 'ocoya',
		parameters: { resource: 'posts', operation: 'create', workspaceId: WORKSPACE, caption: UNICODE },
		sent: (requests, result) => {
			expect(result.error).toBeUndefined();
			expect(requests).toHaveLength(1);
			expect(ocoyaPostsCaptioned(UNICODE)).toBe(1);
		},
	},
	...(
		[
			['a%2Fb', '/post/a%252Fb'],
			['ïd-😀', '/post/%C3%AFd-%F0%9F%98%80'],
			['x:y@z', '/post/x%3Ay%40z'],
			['%2e%2E', '/post/%252e%252E'],
			['100%', '/post/100%25'],
		] as const
	).map(
		([id, path]): BadInput => ({
			name: `Ocoya post ID ${id} encoded into one segment`,
			service: 'ocoya',
			parameters: { resource: 'posts', operation: 'delete', post_id: id },
			sent: (requests, result) => {
				expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([`DELETE ${path}`]);
				expect(result.error?.name).toBe('NodeApiError');
				expect(result.error?.message).toBe('Post not found.');
			},
		}),
	),
	{
		name: 'oversize bulk list (25 records in one item) split 10 + 10 + 5',
		service: 'copper',
		parameters: {
			resource: 'people',
			operation: 'bulkCreate',
			bodySource: 'json',
			bodyJson: JSON.stringify(Array.from({ length: 25 }, (_v, i) => ({ name: `Oversize ${i}` }))),
		},
		sent: (requests, result) => {
			expect(result.error).toBeUndefined();
			expect(requests.map((r) => (r.body as { people: unknown[] }).people.length)).toEqual([10, 10, 5]);
			expect(result.items).toHaveLength(25);
			for (let i = 0; i < 25; i++) expect(copperPeopleNamed(`Oversize ${i}`)).toBe(1);
		},
	},
	{
		name: 'oversize bulk input (1,001 items) in 101 requests, each record once',
		service: 'copper',
		parameters: { resource: 'people', operation: 'bulkCreate', bodySource: 'inputItem' },
		items: Array.from({ length: 1001 }, (_v, i) => ({ name: `Many ${i}` })),
		sent: (requests, result) => {
			expect(result.error).toBeUndefined();
			expect(requests).toHaveLength(101);
			expect(requests.every((r) => (r.body as { people: unknown[] }).people.length <= 10)).toBe(true);
			expect(result.items).toHaveLength(1001);
			expect(copper.store.all('people').filter((p) => p.name.startsWith('Many ')).length).toBe(1001);
		},
	},
];

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
			entry.sent!(sandbox.requests, result);
		}
		done();
	});
});
