/** execution/pagination.ts decisions called directly: where the page parameters go, the total, when to stop. */
import { mayHaveMore, pageRequest, reportedTotal } from '../../../nodes/shared/execution/pagination';
import { copperService } from '../../../nodes/CopperCrm/service';
import { ocoyaService } from '../../../nodes/Ocoya/service';

const copper = copperService.pagination;
const ocoya = ocoyaService.pagination;

describe('page requests', () => {
	it('put the page into the body or the query, keeping what is there', () => {
		const base = { method: 'POST' as const, path: '/people/search', body: { name: 'x' }, qs: { a: 1 } };
		expect(pageRequest(copper, base, 2, 200)).toEqual({ ...base, body: { name: 'x', page_number: 2, page_size: 200 } });
		const query = pageRequest(ocoya, { method: 'GET', path: '/posts', qs: { a: 1 } }, 0, 50);
		expect(query.qs).toEqual({ a: 1, [ocoya.pageParam]: 0, [ocoya.sizeParam]: 50 });
	});
});

describe('stops', () => {
	it('reads the total header, ignoring what is not a number', () => {
		expect(reportedTotal(copper, { 'x-pw-total': '42' })).toBe(42);
		expect(reportedTotal(copper, { 'x-pw-total': 'many' })).toBeUndefined();
		expect(reportedTotal(copper, {})).toBeUndefined();
	});

	it('stop on a short page and at the API cap; a full page goes on whatever total is reported', () => {
		expect(mayHaveMore(copper, 199, 200, 199, undefined)).toBe(false);
		expect(mayHaveMore(copper, 200, 200, 400, undefined)).toBe(true);
		// A total smaller than (or equal to) what full pages prove may be a lie: one more page tells.
		expect(mayHaveMore(copper, 200, 200, 400, 400)).toBe(true);
		expect(mayHaveMore(copper, 200, 200, 400, 200)).toBe(true);
		expect(mayHaveMore(copper, 200, 200, copper.maxRecords!, undefined)).toBe(false);
	});
});
