/**
 * Copper custom field definitions for the engine's "custom fields by name": loaded once per
 * execution (one GET /custom_field_definitions, kept on the execution's IExecuteFunctions, never
 * across executions), filtered by the operation's entity, and used to turn `custom_fields` of
 * returned records into a {field name: readable value} map.
 */
import { DateTime } from 'luxon';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationSpec } from '../../shared/catalog';
import { CUSTOM_FIELDS_OUTPUT, isWrite, optionalBodyCollection } from '../../shared/properties';
import { setExecutionCustomFields } from '../../shared/request';
import type { ServiceSpec } from '../../shared/service';
import { retrySettings } from '../../shared/execute';
import { createTransport, send, type Transport } from '../../shared/transport';
import { isEmpty, type CustomFieldInfo, type CustomFieldKind } from '../../shared/values';
import { singularEntity } from './entities';

export const DEFINITIONS_PATH = '/custom_field_definitions';

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

export async function fetchDefinitions(transport: Transport, itemIndex = 0): Promise<CopperDefinition[]> {
	const response = await send(transport, { method: 'GET', path: DEFINITIONS_PATH }, 'read', itemIndex);
	return Array.isArray(response.body) ? (response.body as CopperDefinition[]) : [];
}

const BY_NAME_TYPES = new Set(['customFieldsByName', 'customFieldFiltersByName']);

/** Whether any item fills a custom-fields-by-name field of `op`. */
function usesFieldsByName(fn: IExecuteFunctions, op: OperationSpec, itemCount: number): boolean {
	const fields = (op.body ?? []).filter((field) => BY_NAME_TYPES.has(field.type));
	if (!fields.length) return false;
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		if (isWrite(op) && fn.getNodeParameter('bodySource', itemIndex, 'fields') !== 'fields') continue;
		const collection = fn.getNodeParameter(optionalBodyCollection(op), itemIndex, {}) as IDataObject;
		for (const field of fields) {
			const value = field.required || field.primary ? fn.getNodeParameter(field.name, itemIndex, '') : collection[field.name];
			if (!isEmpty(value) && !(typeof value === 'object' && value !== null && Object.keys(value).length === 0)) return true;
		}
	}
	return false;
}

function wantsMappedOutput(fn: IExecuteFunctions, op: OperationSpec, itemIndex: number): boolean {
	return !!op.customFieldOutput && fn.getNodeParameter(CUSTOM_FIELDS_OUTPUT, itemIndex, 'raw') === 'byName';
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
			const definition = byId.get(entry?.custom_field_definition_id as number);
			const key = definition?.name ?? `custom_field_${String(entry?.custom_field_definition_id)}`;
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

/** Maps the output items whose input item asked for custom fields by name. */
export type OutputMapper = (items: INodeExecutionData[]) => INodeExecutionData[];

/**
 * Loads the definitions once for this execution when the operation needs them (custom fields by
 * name in any item, or the "By Name" output), and registers them with the engine for the per-item
 * request building. Returns the output mapper when some item wants mapped output.
 */
export async function prepareCustomFields(
	fn: IExecuteFunctions,
	service: ServiceSpec,
	op: OperationSpec | undefined,
): Promise<OutputMapper | undefined> {
	if (!op || !op.customFieldEntity) return undefined;
	const itemCount = Math.max(1, fn.getInputData().length);
	const mapOutput = Array.from({ length: itemCount }, (_, itemIndex) => wantsMappedOutput(fn, op, itemIndex));
	if (!mapOutput.some(Boolean) && !usesFieldsByName(fn, op, itemCount)) return undefined;

	const authentication = fn.getNodeParameter('authentication', 0, 'apiKey') as string;
	const definitions = await createTransport(fn, service, authentication, retrySettings(fn, service))
		.then(fetchDefinitions)
		.catch((error: unknown) => {
			if (!fn.continueOnFail()) throw error;
			// Every item that needs the definitions then fails on its own with a clear message.
			return undefined;
		});
	if (!definitions) return undefined;
	const infos = new Map<string, CustomFieldInfo[]>();
	setExecutionCustomFields(fn, (entity) => {
		const key = singularEntity(entity) ?? '*';
		if (!infos.has(key)) infos.set(key, definitionsFor(definitions, entity).map(toFieldInfo));
		return infos.get(key)!;
	});
	if (!mapOutput.some(Boolean)) return undefined;
	const timezone = fn.getTimezone();
	return (items) =>
		items.map((item) => {
			const itemIndex = (item.pairedItem as { item?: number } | undefined)?.item ?? 0;
			if (!mapOutput[itemIndex] || item.json.error !== undefined) return item;
			return { ...item, json: mapCustomFields(item.json, definitions, timezone) };
		});
}
