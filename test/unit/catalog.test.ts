/** catalog.ts customFieldEntityOf: the one reading of `customFieldEntity`, for executions and dropdowns alike. */
import { customFieldEntityOf, type OperationSpec } from '../../nodes/shared/catalog';

const op = (customFieldEntity?: string) => ({ customFieldEntity }) as OperationSpec;

describe('customFieldEntityOf', () => {
	it('gives a fixed entity as it is', () => {
		expect(customFieldEntityOf(op('person'), () => 'ignored')).toBe('person');
	});

	it('reads `{param}` from the parameter it names', () => {
		const read = jest.fn(() => 'companies');
		expect(customFieldEntityOf(op('{entity_name_in_plural}'), read)).toBe('companies');
		expect(read).toHaveBeenCalledWith('entity_name_in_plural');
	});

	it('knows none when there is no entity, or its parameter is empty, not text or an unevaluated expression', () => {
		expect(customFieldEntityOf(undefined, () => 'x')).toBeUndefined();
		expect(customFieldEntityOf(op(), () => 'x')).toBeUndefined();
		for (const value of ['', 3, undefined, '={{ $json.entity }}']) expect(customFieldEntityOf(op('{entity}'), () => value)).toBeUndefined();
	});
});
