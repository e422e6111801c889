/**
 * Copper's custom fields for the engine (`CustomFieldSupport`): where the definitions are listed,
 * how Copper's data types map to engine kinds, which definitions apply to an entity (`available_on`),
 * the keys of entries and search filters, and how returned `custom_fields` read by name.
 */
import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import type { CustomFieldInfo, CustomFieldKind, CustomFieldShape, CustomFieldSupport } from '../../shared/service';
import { isUnsafeKey } from '../../shared/values/safeData';
import { singularEntity } from '../catalog/entities';

export const DEFINITIONS_PATH = '/custom_field_definitions';

/** The keys of Copper's custom field entries and search filters. */
const COPPER_CUSTOM_FIELD_SHAPE: CustomFieldShape = {
	idKey: 'custom_field_definition_id',
	valueKey: 'value',
	minimumKey: 'minimum_value',
	maximumKey: 'maximum_value',
	matchKey: 'option',
	allowEmptyKey: 'allow_empty',
};

/** A definition as Copper returns it. */
export interface CopperDefinition {
	id: number;
	name: string;
	canonical_name?: string | null;
	data_type: string;
	available_on?: string[];
	is_filterable?: boolean;
	options?: Array<{ id: number; name: string; rank?: number }>;
}

const KINDS: Record<string, CustomFieldKind> = {
	String: 'text',
	Text: 'text',
	URL: 'text',
	Float: 'number',
	Percentage: 'number',
	Currency: 'number',
	Checkbox: 'boolean',
	Date: 'date',
	Dropdown: 'option',
	MultiSelect: 'options',
};

export function toFieldInfo(definition: CopperDefinition): CustomFieldInfo {
	const kind = KINDS[definition.data_type] ?? 'unsupported';
	return {
		id: definition.id,
		name: definition.name,
		key: definition.canonical_name ?? undefined,
		dataType: definition.data_type,
		kind,
		options: (definition.options ?? []).map((option) => ({ id: option.id, name: option.name })),
		dateFormat: 'unixSeconds',
		...(kind === 'unsupported'
			? {
					unsupportedReason:
						definition.data_type === 'Connect'
							? 'Connect fields are linked with the Connection resource ("Create a connection")'
							: 'this data type is not supported',
				}
			: {}),
	};
}

/** Definitions available on an entity (`person` or `people`); all of them for an unknown entity. */
export function definitionsFor(definitions: CopperDefinition[], entity: unknown): CopperDefinition[] {
	const singular = singularEntity(entity);
	if (!singular) return definitions;
	return definitions.filter((definition) => (definition.available_on ?? []).includes(singular));
}

/** A readable value: option names for Dropdown/MultiSelect, ISO dates for Date, the value otherwise. */
export function readableValue(
	definition: CopperDefinition | undefined,
	entry: { value?: unknown; computed_value?: unknown },
	timezone: string,
): unknown {
	const value = entry.value;
	if (value === null || value === undefined) return null;
	if (!definition) return value;
	const optionName = (id: unknown) => definition.options?.find((option) => option.id === id)?.name ?? id;
	switch (definition.data_type) {
		case 'Dropdown':
			return entry.computed_value ?? optionName(value);
		case 'MultiSelect':
			return Array.isArray(entry.computed_value)
				? entry.computed_value
				: Array.isArray(value)
					? value.map(optionName)
					: optionName(value);
		case 'Date':
			return typeof value === 'number' ? DateTime.fromSeconds(value, { zone: timezone }).toISO() : value;
		default:
			return value;
	}
}

/** Replaces `custom_fields` lists (on the record and on records nested one level down) by name → value maps. */
export function mapCustomFields(json: IDataObject, definitions: CopperDefinition[], timezone: string): IDataObject {
	const byId = new Map(definitions.map((definition) => [definition.id, definition]));
	const mapRecord = (record: IDataObject): IDataObject => {
		if (!Array.isArray(record.custom_fields)) return record;
		const map: IDataObject = {};
		for (const entry of record.custom_fields as IDataObject[]) {
			const id = entry?.[COPPER_CUSTOM_FIELD_SHAPE.idKey];
			const definition = byId.get(id as number);
			const key = definition?.name !== undefined && !isUnsafeKey(definition.name) ? definition.name : `custom_field_${String(id)}`;
			map[key] = readableValue(definition, entry, timezone) as IDataObject[keyof IDataObject];
		}
		return { ...record, custom_fields: map };
	};
	const result = mapRecord(json);
	for (const [key, value] of Object.entries(result)) {
		if (value && typeof value === 'object' && !Array.isArray(value) && Array.isArray((value as IDataObject).custom_fields)) {
			result[key] = mapRecord(value as IDataObject);
		}
	}
	return result;
}

export const copperCustomFields: CustomFieldSupport = {
	shape: COPPER_CUSTOM_FIELD_SHAPE,
	definitionsPath: DEFINITIONS_PATH,
	fieldsOf: (definitions, entity) => definitionsFor(definitions as CopperDefinition[], entity).map(toFieldInfo),
	readableRecord: (record, definitions, timezone) => mapCustomFields(record, definitions as CopperDefinition[], timezone),
};
