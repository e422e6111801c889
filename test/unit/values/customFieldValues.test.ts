/** values/customFieldValues.ts called directly: custom fields by ID, by name (typed by their definition) and filters. */
import type { CustomFieldInfo } from '../../../nodes/shared/service';
import { customFieldFiltersByName, customFieldsById, customFieldsByName } from '../../../nodes/shared/values/customFieldValues';
import { copperService } from '../../../nodes/CopperCrm/service';
import { thrownBy, valueContext } from '../context';

const definitions: CustomFieldInfo[] = [
	{ id: 1, name: 'Budget', dataType: 'Float', kind: 'number', options: [] },
	{ id: 2, name: 'Tier', dataType: 'Dropdown', kind: 'option', options: [{ id: 20, name: 'Gold' }, { id: 21, name: 'Silver' }] },
	{ id: 3, name: 'Signed', key: 'signed_on', dataType: 'Date', kind: 'date', options: [] },
	{ id: 4, name: 'Link', dataType: 'Connect', kind: 'unsupported', options: [], unsupportedReason: 'a connection' },
];
const ctx = valueContext({ customFields: definitions, customFieldShape: copperService.customFields!.shape });

describe('custom fields by name', () => {
	it('types each value by its definition', () => {
		const raw = { field: [{ field: 'budget', value: '12.5' }, { field: 'Tier', value: 'gold' }, { field: 'signed_on', value: '2024-01-02T00:00:00Z' }] };
		expect(customFieldsByName(ctx, 'Custom Fields', raw)).toEqual([
			{ custom_field_definition_id: 1, value: 12.5 },
			{ custom_field_definition_id: 2, value: 20 },
			{ custom_field_definition_id: 3, value: 1704153600 },
		]);
	});

	it('names the field and lists the valid names or options', () => {
		expect(thrownBy(() => customFieldsByName(ctx, 'Custom Fields', { field: [{ field: 'Nope', value: 1 }] })).message).toContain('valid fields: "Budget", "Tier", "Signed"');
		expect(thrownBy(() => customFieldsByName(ctx, 'Custom Fields', { field: [{ field: 'Tier', value: 'Bronze' }] })).message).toContain('"Custom Fields › Tier"');
		expect(thrownBy(() => customFieldsByName(ctx, 'Custom Fields', { field: [{ field: 'Link', value: 'x' }] })).message).toContain('a connection');
	});

	it('by ID: types values loosely from their text', () => {
		expect(customFieldsById(ctx, 'CF', { field: [{ custom_field_definition_id: '1', value: '3' }, { custom_field_definition_id: 2, value: '[20]' }] })).toEqual([
			{ custom_field_definition_id: 1, value: 3 },
			{ custom_field_definition_id: 2, value: [20] },
		]);
	});

	it('without definitions or a shape, says so', () => {
		expect(thrownBy(() => customFieldsByName(valueContext({ customFieldShape: ctx.customFieldShape }), 'CF', { field: [{ field: 'x' }] })).message).toContain('could not be loaded');
		expect(thrownBy(() => customFieldsById(valueContext(), 'CF', {})).message).toContain('no custom fields');
	});

	it('filters read a condition per entry', () => {
		const filters = customFieldFiltersByName(ctx, 'Filters', { filter: [{ field: 'Budget', condition: 'range', minimum: '1', maximum: '5' }] });
		expect(filters).toEqual([expect.objectContaining({ custom_field_definition_id: 1 })]);
	});
});
