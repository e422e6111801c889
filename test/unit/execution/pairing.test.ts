/**
 * execution/combine.ts and execution/bulk.ts called directly: every input item gets exactly one output
 * item, paired to it, with its own record or its own error, whatever order and shape the answers have.
 */
import type { IDataObject } from 'n8n-workflow';

import { copperOperations } from '../../../nodes/CopperCrm/catalog';
import { copperService } from '../../../nodes/CopperCrm/service';
import { executeBulk, executeCombinedWrites } from '../../../nodes/shared/execution/bulk';
import { executeCombinedReads } from '../../../nodes/shared/execution/combine';
import { buildRequest } from '../../../nodes/shared/execution/request';
import { send } from '../../../nodes/shared/transport/transport';
import { fakeRun, pairs, type Sent } from './fakeRun';

const operation = (value: string) => copperOperations.find((op) => op.resource === 'people' && op.value === value)!;

describe('reads combined into searches', () => {
	const people = new Map([1, 2, 3].map((id) => [id, { id, name: `Person ${id}` }]));
	const answer = (sent: Sent) => {
		if (sent.path === '/people/search') {
			const ids = (sent.body!.ids as number[]).filter((id) => people.has(id)).reverse();
			return { status: 200, body: ids.map((id) => people.get(id)) };
		}
		const id = Number(sent.path.split('/').pop());
		return people.has(id) ? { status: 200, body: people.get(id) } : { status: 404, body: { message: 'Resource not found' } };
	};

	it('answer each item with its own record, in input order; a key the search misses gets its own fetch and error', async () => {
		const op = operation('get');
		const { run, transport, fail, sent } = fakeRun(copperService, op, [1, 2, 1, 999, 3].map((id) => ({ person_id: String(id) })), answer);
		const single = async (itemIndex: number) => [(await send(transport, buildRequest(run, op, itemIndex), 'read', itemIndex)).body as IDataObject];
		const out = await executeCombinedReads(run, transport, single, fail);
		expect(pairs(out)).toEqual([
			[0, { id: 1, name: 'Person 1' }],
			[1, { id: 2, name: 'Person 2' }],
			[2, { id: 1, name: 'Person 1' }],
			[3, { error: 'Resource not found' }],
			[4, { id: 3, name: 'Person 3' }],
		]);
		// One search for the four distinct keys, then the one fetch of the key it did not answer.
		expect(sent.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /people/search', 'GET /people/999']);
		expect(sent[0].body!.ids).toEqual([1, 2, 999, 3]);
	});

	it('a bad item fails alone, before any request', async () => {
		const op = operation('get');
		const { run, transport, fail, sent } = fakeRun(copperService, op, [{ person_id: '2' }, { person_id: 'abc' }], answer);
		const out = await executeCombinedReads(run, transport, async () => [], fail);
		expect(pairs(out).map(([item, json]) => [item, Object.keys(json as object)[0]])).toEqual([
			[0, 'id'],
			[1, 'error'],
		]);
		expect(sent).toHaveLength(1);
	});
});

describe('bulk writes', () => {
	const created = (sent: Sent) => ({ status: 200, body: (sent.body!.people as IDataObject[]).map((record, i) => ({ id: 100 + i, ...record })) });

	it('send batches of the API maximum and pair every result with its item', async () => {
		const items = Array.from({ length: 23 }, (_v, i) => ({ bodySource: 'inputItem', name: `N${i}` }));
		const { run, transport, fail, sent } = fakeRun(copperService, operation('bulkCreate'), items, created);
		const out = await executeBulk(run, transport, fail);
		expect(sent.map((request) => (request.body!.people as unknown[]).length)).toEqual([10, 10, 3]);
		expect(pairs(out).map(([item, json]) => [item, (json as IDataObject).name])).toEqual(items.map((item, i) => [i, item.name]));
	});

	it('a record the API rejects becomes its own item error; the others succeed', async () => {
		const items = [0, 1, 2].map((i) => ({ bodySource: 'inputItem', name: `N${i}` }));
		const rejectSecond = (sent: Sent) => ({
			status: 200,
			body: (sent.body!.people as IDataObject[]).map((record, i) => (i === 1 ? { success: false, error: 'name taken' } : { id: i, ...record })),
		});
		const { run, transport, fail } = fakeRun(copperService, operation('bulkCreate'), items, rejectSecond);
		const out = await executeBulk(run, transport, fail);
		expect(pairs(out)).toEqual([
			[0, { id: 0, bodySource: 'inputItem', name: 'N0' }],
			[1, { error: 'name taken' }],
			[2, { id: 2, bodySource: 'inputItem', name: 'N2' }],
		]);
	});

	it('an answer with the wrong number of results fails every item of that batch, paired', async () => {
		const items = [0, 1].map((i) => ({ bodySource: 'inputItem', name: `N${i}` }));
		const { run, transport, fail } = fakeRun(copperService, operation('bulkCreate'), items, () => ({ status: 200, body: [{ id: 1 }] }));
		const out = await executeBulk(run, transport, fail);
		expect(pairs(out).map(([item]) => item)).toEqual([0, 1]);
		for (const item of out) expect(String(item.json.error)).toContain('returned 1 results for 2 records');
	});

	it('single updates combined into bulk_update carry each item its id', async () => {
		const items = [7, 8].map((id) => ({ person_id: String(id), additionalFields: { title: `T${id}` } }));
		const { run, transport, fail, sent } = fakeRun(copperService, operation('update'), items, (request) => ({ status: 200, body: request.body!.people }));
		const out = await executeCombinedWrites(run, transport, fail);
		expect(sent.map((request) => request.path)).toEqual(['/people/bulk_update']);
		expect(pairs(out).map(([item, json]) => [item, (json as IDataObject).id])).toEqual([
			[0, 7],
			[1, 8],
		]);
	});
});
