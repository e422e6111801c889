/**
 * values/conversion.ts called directly: one converter per field type, and errors naming the field
 * (nested fields by their path, "Emails › Email").
 */
import type { FieldSpec } from '../../../nodes/shared/catalog';
import { convertFields, convertValue } from '../../../nodes/shared/values/conversion';
import { thrownBy, valueContext } from '../context';

const ctx = valueContext();

const emails: FieldSpec = {
	name: 'emails',
	label: 'Emails',
	type: 'list',
	fields: [
		{ name: 'email', label: 'Email', type: 'string', format: 'email' },
		{ name: 'category', label: 'Category', type: 'options', options: [{ name: 'Work', value: 'work' }] },
	],
};

describe('nested field errors', () => {
	it('name the path of a list entry field: "Emails › Email"', () => {
		const error = thrownBy(() => convertValue(emails, { values: [{ email: 'not an address' }] }, ctx));
		expect(error.constructorName).toBe('NodeOperationError');
		expect(error.message).toContain('"Emails › Email"');
	});

	it('name the path of an object field', () => {
		const address: FieldSpec = { name: 'address', label: 'Address', type: 'object', fields: [{ name: 'zip', label: 'Zip', type: 'number' }] };
		expect(thrownBy(() => convertValue(address, { value: { zip: 'abc' } }, ctx)).message).toContain('"Address › Zip"');
	});

	it('top-level fields keep their own label', () => {
		expect(thrownBy(() => convertFields([{ name: 'n', label: 'Count', type: 'number' }], { n: 'x' }, ctx)).message).toContain('"Count"');
	});
});

describe('converters', () => {
	const one = (spec: Omit<FieldSpec, 'name' | 'label'>, raw: unknown) => convertValue({ name: 'f', label: 'F', ...spec } as FieldSpec, raw, ctx);

	it('converts lists, ids, numbers, booleans and dates', () => {
		expect(one({ type: 'idList' }, '1, 2,3')).toEqual([1, 2, 3]);
		expect(one({ type: 'id' }, ' 42 ')).toBe(42);
		expect(one({ type: 'number', min: 1 }, '2.5')).toBe(2.5);
		expect(one({ type: 'boolean' }, 'false')).toBe(false);
		expect(one({ type: 'dateTime' }, '2024-01-02T00:00:00Z')).toBe(1704153600);
		expect(one({ type: 'dateTime', dateFormat: 'monthDayYear' }, '2024-01-02T00:00:00Z')).toBe('1/2/2024');
	});

	it('leaves empty values out and requires required ones', () => {
		expect(one({ type: 'string' }, '  ')).toBeUndefined();
		expect(thrownBy(() => one({ type: 'string', required: true }, '')).message).toContain('a value is required');
	});

	it('rejects bad values with the field named', () => {
		for (const [spec, raw] of [
			[{ type: 'id' }, 'abc'],
			[{ type: 'stringId' }, '../x'],
			[{ type: 'stringId' }, 'a\u0001b'],
			[{ type: 'number', max: 3 }, 4],
			[{ type: 'urlList' }, 'ftp://x.org'],
			[{ type: 'json' }, '{bad'],
			[{ type: 'idList', maxItems: 2 }, '1,2,3'],
		] as Array<[Omit<FieldSpec, 'name' | 'label'>, unknown]>) {
			const error = thrownBy(() => one(spec, raw));
			expect(error.constructorName).toBe('NodeOperationError');
			expect(error.message).toMatch(/^Invalid value for "F"/);
		}
	});

	it('keeps keys it does not describe and maps apiName', () => {
		expect(convertFields([{ name: 'a', apiName: 'b', label: 'A', type: 'string' }], { a: 'x', other: 1, empty: '' }, ctx)).toEqual({ b: 'x', other: 1 });
	});
});

describe('collections given as JSON text', () => {
	it('read the entries', () => {
		expect(convertValue(emails, '{"values":[{"email":"a@b.co"}]}', ctx)).toEqual([{ email: 'a@b.co' }]);
	});

	it('report broken JSON as a field error, not a bare SyntaxError', () => {
		const error = thrownBy(() => convertValue(emails, '[{"email": ', ctx));
		expect(error.constructorName).toBe('NodeOperationError');
		expect(error.message).toContain('"Emails"');
	});
});
