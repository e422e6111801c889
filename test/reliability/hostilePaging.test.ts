/**
 * Hostile servers (issue 19, items 4, 5 and 7): paging that cannot loop or lie, results paired by key
 * where the answer has one, and poll watermarks from the server's clock. The sandboxes misbehave on
 * purpose (page number ignored, clamped or shifted back, a lying X-PW-TOTAL, answers out of order, a
 * clock hours away from n8n's); everything runs through the real engine or n8n's own contexts.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { MAX_PAGES, admitPage, checkPageBound, createPageGuard } from '../../nodes/shared/execution/pageGuard';
import { FAST_RETRIES } from '../helpers/sandboxSuite';
import { apiKeyCredentials, jsonOf, useCopperSandbox } from '../helpers/copper';
import { listSearchOf, pollTrigger } from '../../tooling/harness/engine';
import { ocoyaCredentials, useOcoyaSandbox, WORKSPACE } from '../helpers/ocoya';
import type { PagingFault } from '../../tooling/sandbox/contract';
import { countedIt } from './faults';
import { writeReliabilityDoc } from './report';

afterAll(() => {
	if (process.env.RELIABILITY_DOC) writeReliabilityDoc('hostile servers');
});

const MISBEHAVIOURS: Array<[string, PagingFault]> = [
	['ignores page_number', { ignorePageNumber: true }],
	['repeats the last page forever', { clampToPage: 2 }],
	['answers the page before', { shiftBack: true }],
];

describe('Copper: paging that cannot loop or lie', () => {
	const it = countedIt('hostile paging');
	const h = useCopperSandbox();
	const searches = () => h.sandbox.requests.filter((r) => r.path === '/people/search');

	beforeAll(() => {
		h.sandbox.store.addPeople(1000 - h.sandbox.store.count('people'));
	});

	describe.each(MISBEHAVIOURS)('a server that %s', (_name, paging) => {
		it('stops Return All with a clear error on the first repeated page; with a total header and without', async () => {
			for (const headers of [undefined, { 'X-PW-TOTAL': '' }]) {
				h.sandbox.clearRequests();
				h.sandbox.injectFault({ method: 'POST', path: '/people/search', times: Infinity, paging, headers });
				const result = await h.run({ resource: 'people', operation: 'search', returnAll: true });
				h.sandbox.clearFaults();
				expect(result.error?.message).toMatch(/^Copper CRM answered page \d+ with records already read: the server repeats pages$/);
				expect(searches().length).toBeLessThanOrEqual(3);
			}
		});

		it('fails only the item with Continue On Fail, paired to it', async () => {
			h.sandbox.injectFault({ method: 'POST', path: '/people/search', times: Infinity, paging });
			const result = await h.run({ resource: 'people', operation: 'search', returnAll: true }, { continueOnFail: true, items: [{}, {}] });
			expect(result.items.map((item) => [item.pairedItem, typeof item.json.error])).toEqual([
				[{ item: 0 }, 'string'],
				[{ item: 1 }, 'string'],
			]);
		});
	});

	it('keeps reading full pages past a smaller X-PW-TOTAL: 1,000 of 1,000, not 200', async () => {
		for (const total of ['200', '150', '0', '-5', 'abc']) {
			h.sandbox.clearRequests();
			h.sandbox.injectFault({ method: 'POST', path: '/people/search', times: Infinity, passThrough: true, headers: { 'X-PW-TOTAL': total } });
			const result = await h.run({ resource: 'people', operation: 'search', returnAll: true });
			h.sandbox.clearFaults();
			expect(result.error).toBeUndefined();
			const ids = jsonOf(result).map((person) => person.id);
			expect(ids).toHaveLength(1000);
			expect(new Set(ids).size).toBe(1000);
			expect(searches()).toHaveLength(6);
		}
	});

	it('a total larger than the records does not keep it reading: the first short (here empty) page ends it', async () => {
		h.sandbox.injectFault({ method: 'POST', path: '/people/search', times: Infinity, passThrough: true, headers: { 'X-PW-TOTAL': '999999' } });
		const result = await h.run({ resource: 'people', operation: 'search', returnAll: true });
		expect(jsonOf(result)).toHaveLength(1000);
		expect(searches()).toHaveLength(6);
	});

	it('a server that answers the last page again past the end ends the list once its total is read (no error)', async () => {
		// 1,000 records: five full pages, then page 6 (asked because a total is only a hint) repeats page 5.
		h.sandbox.injectFault({ method: 'POST', path: '/people/search', times: Infinity, paging: { clampToPage: 5 } });
		const result = await h.run({ resource: 'people', operation: 'search', returnAll: true });
		expect(result.error).toBeUndefined();
		const ids = jsonOf(result).map((person) => person.id);
		expect(ids).toHaveLength(1000);
		expect(new Set(ids).size).toBe(1000);
		expect(searches()).toHaveLength(6);
		// Without a total it cannot know: the repeated page is an error, nothing returned twice.
		h.sandbox.clearFaults();
		h.sandbox.injectFault({ method: 'POST', path: '/people/search', times: Infinity, paging: { clampToPage: 5 }, headers: { 'X-PW-TOTAL': '' } });
		const blind = await h.run({ resource: 'people', operation: 'search', returnAll: true });
		expect(blind.error?.message).toContain('answered page 6 with records already read');
	});

	it('a record that moves back a page while paging is emitted once', async () => {
		// Page 2 answers with its own 200 records but the first one of page 1 in place of its last.
		const all = jsonOf(await h.run({ resource: 'people', operation: 'search', returnAll: true, filters: { sort_by: 'name' } }));
		const page2 = [...all.slice(200, 399), all[0]];
		h.sandbox.clearRequests();
		h.sandbox.injectFault({ method: 'POST', path: '/people/search' , passThrough: true });
		h.sandbox.injectFault({ method: 'POST', path: '/people/search', status: 200, body: page2 });
		const result = await h.run({ resource: 'people', operation: 'search', returnAll: true, filters: { sort_by: 'name' } });
		const ids = jsonOf(result).map((person) => person.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toHaveLength(999);
	});

	it('the record picker ends on a repeated page instead of offering the same page forever', async () => {
		h.sandbox.injectFault({ method: 'POST', path: '/people/search', times: Infinity, paging: { ignorePageNumber: true } });
		const credentials = apiKeyCredentials(h.sandbox) as never;
		const parameters = { authentication: 'apiKey', resource: 'people', operation: 'get' };
		const tokens: Array<string | undefined> = [];
		let token: string | undefined;
		let calls = 0;
		do {
			const page = await listSearchOf('copperCrm', 'searchPeople', parameters, credentials, '', token);
			token = page.paginationToken as string | undefined;
			tokens.push(token);
			calls++;
		} while (token && calls < 10);
		expect(calls).toBe(2);
		expect(tokens[1]).toBeUndefined();
	});

	it('the poll trigger fails its poll on a repeated page instead of emitting duplicates', async () => {
		const { poll } = await pollTrigger('copperCrmPollTrigger', { authentication: 'apiKey', entity: 'people', event: 'new' }, apiKeyCredentials(h.sandbox) as never);
		await poll();
		const added = h.sandbox.store.addPeople(450, () => ({ date_created: Math.floor(Date.now() / 1000) + 50 })) as Array<{ id: number }>;
		h.sandbox.injectFault({ method: 'POST', path: '/people/search', times: Infinity, paging: { ignorePageNumber: true } });
		await expect(poll()).rejects.toThrow('the server repeats pages');
		h.sandbox.clearFaults();
		const emitted = (await poll()).map((person) => person.id);
		expect(new Set(emitted).size).toBe(emitted.length);
		expect(emitted).toEqual(expect.arrayContaining(added.map((person) => person.id)));
		for (const person of added) h.sandbox.store.remove('people', person.id);
	});
});

describe('Ocoya: paging that cannot loop', () => {
	const it = countedIt('hostile paging');
	const h = useOcoyaSandbox();
	beforeAll(() => {
		h.sandbox.store.addPosts(WORKSPACE, 160);
	});

	describe.each(MISBEHAVIOURS)('a server that %s', (_name, paging) => {
		it('List posts (Return All) ends with a clear error', async () => {
			h.sandbox.injectFault({ method: 'GET', path: '/post', times: Infinity, paging });
			const result = await h.run({ resource: 'posts', operation: 'list', workspaceId: WORKSPACE, returnAll: true });
			expect(result.error?.message).toMatch(/^Ocoya answered page \d+ with records already read: the server repeats pages$/);
			expect(h.sandbox.requests.length).toBeLessThanOrEqual(4);
		});

		it('the status poll of the Ocoya Trigger ends with a clear error', async () => {
			h.sandbox.clearFaults();
			const { poll } = await pollTrigger('ocoyaPostTrigger', { authentication: 'apiKey', workspaceId: WORKSPACE, event: 'statusChanged' }, ocoyaCredentials(h.sandbox) as never);
			h.sandbox.injectFault({ method: 'GET', path: '/post', times: Infinity, paging });
			await expect(poll()).rejects.toThrow('the server repeats pages');
		});

		it('the new-post poll of the Ocoya Trigger ends with a clear error', async () => {
			h.sandbox.clearFaults();
			const { poll } = await pollTrigger('ocoyaPostTrigger', { authentication: 'apiKey', workspaceId: WORKSPACE, event: 'newPost' }, ocoyaCredentials(h.sandbox) as never);
			await poll();
			const added = h.sandbox.store.addPosts(WORKSPACE, 120);
			h.sandbox.injectFault({ method: 'GET', path: '/post', times: Infinity, paging });
			// Clamped at page 2, the poll meets a post it saw (on page 2) before any page repeats.
			if ('clampToPage' in paging) expect((await poll()).map((post) => post.id).sort()).toEqual(added.map((post) => post.id).sort());
			else await expect(poll()).rejects.toThrow('the server repeats pages');
		});
	});

	it('a well-behaved server still gives every post once', async () => {
		const result = await h.run({ resource: 'posts', operation: 'list', workspaceId: WORKSPACE, returnAll: true });
		const ids = jsonOf(result).map((post) => post.id);
		expect(ids.length).toBeGreaterThanOrEqual(160);
		expect(new Set(ids).size).toBe(ids.length);
	});
});

describe('the page guard (unit)', () => {
	const it = countedIt('hostile paging');
	const node = { name: 'Node' } as INode;

	it('refuses a page past its bound, and is never looser than MAX_PAGES', () => {
		const guard = createPageGuard(3);
		for (let page = 0; page < 3; page++) {
			checkPageBound(guard, node, 'Svc', 0);
			admitPage(guard, [{ id: `${page}` }], node, 'Svc', page, 0);
		}
		expect(() => checkPageBound(guard, node, 'Svc', 0)).toThrow('Stopped reading Svc after 3 pages');
		expect(createPageGuard(10 ** 9).maxPages).toBe(MAX_PAGES);
	});

	it('drops records read before, refuses a page of only those, and lets records without IDs through', () => {
		const guard = createPageGuard();
		expect(admitPage(guard, [{ id: 1 }, { id: 2 }], node, 'Svc', 1, 0)).toEqual([{ id: 1 }, { id: 2 }]);
		expect(admitPage(guard, [{ id: '2' }, { id: 3 }], node, 'Svc', 2, 0)).toEqual([{ id: 3 }]);
		expect(() => admitPage(guard, [{ id: 3 }, { id: 1 }], node, 'Svc', 3, 0)).toThrow('page 3 with records already read');
		expect(admitPage(guard, [{ name: 'no id' }, 'text'], node, 'Svc', 4, 0)).toEqual([{ name: 'no id' }, 'text']);
		expect(admitPage(guard, [], node, 'Svc', 5, 0)).toEqual([]);
		expect(admitPage(guard, [{ id: 3 }], node, 'Svc', 6, 0, true)).toBeUndefined();
		// Lists mixing kinds: the same id under another type is another record.
		expect(admitPage(guard, [{ id: 1, type: 'company' }, { id: 1, type: 'person' }], node, 'Svc', 7, 0)).toHaveLength(2);
		expect(() => admitPage(guard, [{ id: 1, type: 'company' }], node, 'Svc', 8, 0)).toThrow('page 8');
	});
});

describe('Copper: pairing by key where the answer has one', () => {
	const it = countedIt('pairing by key');
	const h = useCopperSandbox();
	let people: Array<{ id: number; name: string }>;
	beforeAll(() => {
		people = h.sandbox.store.addPeople(5) as Array<{ id: number; name: string }>;
	});
	const stored = (id: number) => h.sandbox.store.get('people', id) as unknown as IDataObject;

	it('bulk update results in another order still pair every item with its own record', async () => {
		const answer = [...people].reverse().map((person) => ({ ...stored(person.id), title: `Title ${person.id}` }));
		h.sandbox.injectFault({ method: 'POST', path: '/people/bulk_update', status: 200, body: answer });
		const result = await h.run(
			{ resource: 'people', operation: 'bulkUpdate', bodySource: 'fields', id: '={{ $json.id }}', additionalFields: { title: '={{ "Title " + $json.id }}' } },
			{ items: people.map((person) => ({ id: person.id })) },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.pairedItem, item.json.id])).toEqual(people.map((person, index) => [{ item: index }, person.id]));
	});

	it('a record the bulk answer has no result for fails alone; a foreign or garbage element pairs with nothing', async () => {
		const answer = [stored(people[2].id), { id: 999999999, name: 'Someone else' }, 'garbage', [stored(people[0].id)], stored(people[1].id)];
		h.sandbox.injectFault({ method: 'POST', path: '/people/bulk_update', status: 200, body: answer });
		const result = await h.run(
			{ resource: 'people', operation: 'bulkUpdate', bodySource: 'fields', id: '={{ $json.id }}', additionalFields: { title: 'x' } },
			{ items: people.slice(0, 3).map((person) => ({ id: person.id })), continueOnFail: true },
		);
		const out = result.items.map((item) => [item.pairedItem, item.json.id ?? item.json.error]);
		expect(out).toEqual([
			[{ item: 0 }, `Copper CRM returned no result for the record with ID ${people[0].id}`],
			[{ item: 1 }, people[1].id],
			[{ item: 2 }, people[2].id],
		]);
	});

	it('updates combined into bulk requests pair by id too', async () => {
		const answer = [...people].reverse().map((person) => stored(person.id));
		h.sandbox.injectFault({ method: 'POST', path: '/people/bulk_update', status: 200, body: answer });
		const result = await h.run(
			{
				resource: 'people',
				operation: 'update',
				person_id: '={{ $json.id }}',
				bodySource: 'fields',
				additionalFields: { title: 'combined' },
				requestOptions: { ...FAST_RETRIES, combineWrites: true },
			},
			{ items: people.map((person) => ({ id: person.id })) },
		);
		expect(result.error).toBeUndefined();
		expect(h.sandbox.requests.filter((r) => r.path === '/people/bulk_update')).toHaveLength(1);
		expect(result.items.map((item) => [item.pairedItem, item.json.id])).toEqual(people.map((person, index) => [{ item: index }, person.id]));
	});

	it('bulk creates keep positional pairing and refuse an answer of another length', async () => {
		h.sandbox.injectFault({ method: 'POST', path: '/people/bulk_create', status: 200, body: [stored(people[0].id)] });
		const result = await h.run({ resource: 'people', operation: 'bulkCreate', bodySource: 'inputItem' }, { items: [{ name: 'A' }, { name: 'B' }] });
		expect(result.error?.message).toBe('Copper CRM returned 1 results for 2 records');
	});

	it('a combined search answer holding a list or a scalar pairs it with no item', async () => {
		const [a, b, c] = people;
		h.sandbox.injectFault({ method: 'POST', path: '/people/search', status: 200, body: [[stored(a.id), stored(b.id)], 42, stored(c.id)] });
		const result = await h.run({ resource: 'people', operation: 'get', person_id: '={{ $json.id }}' }, { items: [a, b, c].map((person) => ({ id: person.id })) });
		expect(result.error).toBeUndefined();
		// a and b were not answered by an object: each is fetched on its own; c comes from the search.
		expect(result.items.map((item) => [item.pairedItem, item.json.id])).toEqual([
			[{ item: 0 }, a.id],
			[{ item: 1 }, b.id],
			[{ item: 2 }, c.id],
		]);
		expect(h.sandbox.requests.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual([`/people/${a.id}`, `/people/${b.id}`]);
	});
});

describe('Copper poll watermark: Copper’s clock, never n8n’s', () => {
	const h = useCopperSandbox();
	afterEach(() => {
		h.sandbox.store.clockSkewSeconds = 0;
	});

	const it = countedIt('poll watermark');
	for (const [name, skew] of [
		['an hour behind n8n', -3600],
		['a day behind n8n', -86400],
		['ten minutes ahead of n8n', 600],
	] as const)
		it(`with Copper’s clock ${name}, a record created after an empty first poll is emitted once`, async () => {
		h.sandbox.store.clockSkewSeconds = skew;
		for (const project of h.sandbox.store.all('projects')) h.sandbox.store.remove('projects', (project as { id: number }).id);
		const { poll, staticData } = await pollTrigger('copperCrmPollTrigger', { authentication: 'apiKey', entity: 'projects', event: 'new' }, apiKeyCredentials(h.sandbox) as never);
		expect(await poll()).toEqual([]);
		const watermark = (Object.values(staticData())[0] as { watermark?: number } | undefined)?.watermark ?? JSON.stringify(staticData()).match(/"watermark":(\d+)/)?.[1];
		expect(Math.abs(Number(watermark) - h.sandbox.store.now())).toBeLessThanOrEqual(2);
		const [created] = h.sandbox.store.addRecords('projects', 1) as Array<{ id: number }>;
		expect((await poll()).map((project) => project.id)).toEqual([created.id]);
		expect(await poll()).toEqual([]);
	});
});
