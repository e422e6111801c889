/**
 * description/ called directly: every catalog operation reachable in the Operation dropdowns, field
 * types mapped to n8n property types, nested fields as fixed collections, and no property that
 * two operations would both show under one name with different types.
 */
import type { INodeProperties } from 'n8n-workflow';

import { copperService } from '../../../nodes/CopperCrm/service';
import { ocoyaService } from '../../../nodes/Ocoya/service';
import { fieldToProperty } from '../../../nodes/shared/description/fieldProperty';
import { buildProperties } from '../../../nodes/shared/description/nodeProperties';
import { RETRY_OPTIONS } from '../../../nodes/shared/description/requestOptions';
import { DEFAULT_RETRY_SETTINGS } from '../../../nodes/shared/transport/retryPolicy';
import type { ServiceSpec } from '../../../nodes/shared/service';

describe.each([
	['Copper', copperService],
	['Ocoya', ocoyaService],
] as Array<[string, ServiceSpec]>)('%s properties', (_name, service) => {
	const properties = buildProperties(service);

	it('offer every catalog operation under its resource, each list ending with the Custom API Call', () => {
		const lists = properties.filter((property) => property.name === 'operation');
		const offered = lists.flatMap((property) => (property.options as Array<{ value: string }>).map((option) => `${property.displayOptions!.show!.resource![0]}:${option.value}`));
		const customCalls = service.resources.map((resource) => `${resource.value}:customApiCall`);
		expect(offered.sort()).toEqual([...service.operations.map((op) => `${op.resource}:${op.value}`), ...customCalls, 'customApiCall:customApiCall'].sort());
		for (const list of lists) expect((list.options as Array<{ value: string }>).at(-1)!.value).toBe('customApiCall');
	});

	it('list the resources, then the Custom API Call', () => {
		const resource = properties.find((property) => property.name === 'resource')!;
		const values = (resource.options as Array<{ value: string }>).map((option) => option.value);
		expect(values.slice(0, -1).sort()).toEqual(service.resources.map((entry) => entry.value).sort());
		expect(values[values.length - 1]).toBe('customApiCall');
	});

	it('end with Request Options', () => {
		expect(properties[properties.length - 1].name).toBe('requestOptions');
	});
});

describe('fieldToProperty', () => {
	const of = (property: INodeProperties) => [property.type, property.default];

	it('maps each field type to its n8n type and default', () => {
		expect(of(fieldToProperty({ name: 'n', label: 'N', type: 'number' }))).toEqual(['number', 0]);
		expect(of(fieldToProperty({ name: 'b', label: 'B', type: 'boolean' }))).toEqual(['boolean', false]);
		expect(of(fieldToProperty({ name: 'd', label: 'D', type: 'dateTime' }))).toEqual(['dateTime', '']);
		expect(of(fieldToProperty({ name: 's', label: 'S', type: 'stringId' }))).toEqual(['string', '']);
		expect(of(fieldToProperty({ name: 'o', label: 'O', type: 'options', options: [{ name: 'A', value: 'a' }] }))).toEqual(['options', 'a']);
	});

	it('nests list fields as a multiple-value fixed collection without required sub-fields', () => {
		const property = fieldToProperty({ name: 'emails', label: 'Emails', type: 'list', fields: [{ name: 'email', label: 'Email', type: 'string', required: true }] });
		expect(property.type).toBe('fixedCollection');
		expect(property.typeOptions).toEqual({ multipleValues: true });
		const [collection] = property.options as Array<{ name: string; values: INodeProperties[] }>;
		expect(collection.name).toBe('values');
		expect(collection.values[0].required).toBeUndefined();
	});
});

describe('Request Options defaults', () => {
	it('are the transport defaults, which requests outside an execution use', () => {
		const defaults = Object.fromEntries(RETRY_OPTIONS.map((option) => [option.name, option.default]));
		expect({
			maxRetries: defaults.maxRetries,
			maxWaitMs: (defaults.maxWaitSeconds as number) * 1000,
			initialDelayMs: defaults.initialDelayMs,
			timeoutMs: defaults.timeoutMs,
			attemptDeadlineMs: (defaults.attemptDeadlineSeconds as number) * 1000,
			requestDeadlineMs: (defaults.requestDeadlineSeconds as number) * 1000,
		}).toEqual(DEFAULT_RETRY_SETTINGS);
	});
});
