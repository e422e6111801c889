/**
 * values/parse.ts called directly: every reader of loose input, and bad input as a field error,
 * never a bare SyntaxError.
 */
import { parseJson, toBoolean, toDate, toEntries, toId, toList, toNumber, unwrapCollection, unwrapLocator } from '../../../nodes/shared/values/parse';
import { thrownBy, valueContext } from '../context';

const ctx = valueContext();

describe('unwrapCollection', () => {
	it('unwraps a collection given as JSON text', () => {
		expect(unwrapCollection(ctx, 'Emails', '{"values":[{"email":"a@b.co"}]}', 'values')).toEqual([{ email: 'a@b.co' }]);
		expect(unwrapCollection(ctx, 'Emails', { values: [1] }, 'values')).toEqual([1]);
		expect(unwrapCollection(ctx, 'Emails', [1], 'values')).toEqual([1]);
	});

	it('reports broken JSON text as a field error naming the field', () => {
		const error = thrownBy(() => unwrapCollection(ctx, 'Emails', '[{"email": ', 'values'));
		expect(error.constructorName).toBe('NodeOperationError');
		expect(error.message).toContain('"Emails"');
		expect(error.message).toContain('not valid JSON');
	});
});

describe('readers', () => {
	it('toId accepts integers only', () => {
		expect(toId(ctx, 'ID', '7')).toBe(7);
		expect(toId(ctx, 'ID', '-7', true)).toBe(-7);
		for (const bad of ['-7', '1.5', '9007199254740993', {}, '']) expect(thrownBy(() => toId(ctx, 'ID', bad)).message).toContain('"ID"');
	});

	it('toList reads arrays, JSON arrays and comma lists', () => {
		expect(toList('[1,2]')).toEqual([1, 2]);
		expect(toList('a, b,,c')).toEqual(['a', 'b', 'c']);
		expect(toList('[broken, x')).toEqual(['[broken', 'x']);
		expect(toList(3)).toEqual([3]);
	});

	it('toNumber and toBoolean reject what they cannot read', () => {
		expect(toNumber(ctx, 'N', ' 3 ')).toBe(3);
		expect(thrownBy(() => toNumber(ctx, 'N', true)).message).toContain('"N"');
		expect(toBoolean(ctx, 'B', 'Yes')).toBe(true);
		expect(toBoolean(ctx, 'B', 'off')).toBe(false);
		expect(thrownBy(() => toBoolean(ctx, 'B', 'maybe')).message).toContain('"B"');
	});

	it('toDate reads epoch seconds and milliseconds, ISO, RFC 2822 and SQL', () => {
		const seconds = (value: unknown) => toDate(ctx, 'D', value).toSeconds();
		expect(seconds(1704153600)).toBe(1704153600);
		expect(seconds(1704153600000)).toBe(1704153600);
		expect(seconds('2024-01-02 00:00:00')).toBe(1704153600);
		expect(seconds('Tue, 02 Jan 2024 00:00:00 +0000')).toBe(1704153600);
		expect(thrownBy(() => toDate(ctx, 'D', 'soon')).message).toContain('"D"');
	});

	it('parseJson names the field', () => {
		expect(parseJson(ctx, 'J', '{"a":1}')).toEqual({ a: 1 });
		expect(thrownBy(() => parseJson(ctx, 'J', '{')).constructorName).toBe('NodeOperationError');
	});

	it('unwraps locator values and collections', () => {
		expect(unwrapLocator({ __rl: true, mode: 'id', value: '5' })).toBe('5');
		expect(toEntries(undefined)).toEqual([]);
		expect(toEntries({ a: 1 })).toEqual([{ a: 1 }]);
	});
});
