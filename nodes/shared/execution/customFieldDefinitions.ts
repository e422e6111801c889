/**
 * Custom field definitions for one execution: loaded at most once (one request, only when some item
 * uses custom fields by name or asks for custom fields by name in the output), handed to request
 * building through the run context, and used to map the output.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationSpec } from '../catalog';
import { BODY_SOURCE, CUSTOM_FIELDS_OUTPUT, isOnTop, isWrite, optionalBodyCollection } from '../parameters';
import type { CustomFieldInfo, CustomFieldSupport } from '../service';
import { send, type Transport } from '../transport/transport';
import { isEmpty } from '../values/context';
import type { CustomFieldLookup } from './runContext';

const BY_NAME_TYPES = new Set(['customFieldsByName', 'customFieldFiltersByName']);

const isGiven = (value: unknown) => !isEmpty(value) && !(typeof value === 'object' && value !== null && Object.keys(value).length === 0);

/** Whether any item fills a custom-fields-by-name field of `op`. */
function usesFieldsByName(fn: IExecuteFunctions, op: OperationSpec, itemCount: number): boolean {
	const fields = (op.body ?? []).filter((field) => BY_NAME_TYPES.has(field.type));
	if (!fields.length) return false;
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		if (isWrite(op) && fn.getNodeParameter(BODY_SOURCE, itemIndex, 'fields') !== 'fields') continue;
		const collection = fn.getNodeParameter(optionalBodyCollection(op), itemIndex, {}) as IDataObject;
		const given = fields.some((field) => isGiven(isOnTop(field) ? fn.getNodeParameter(field.name, itemIndex, '') : collection[field.name]));
		if (given) return true;
	}
	return false;
}

/** Every definition of the account, as the API returns them (one request). */
export async function fetchDefinitions(transport: Transport, support: CustomFieldSupport, itemIndex = 0): Promise<unknown[]> {
	const response = await send(transport, { method: 'GET', path: support.definitionsPath }, 'read', itemIndex);
	return Array.isArray(response.body) ? response.body : [];
}

/** The custom fields of one entity, for a trigger's or poll's own filters. */
export async function customFieldsOf(transport: Transport, entity: string): Promise<CustomFieldInfo[]> {
	const support = transport.service.customFields;
	if (!support) return [];
	return support.fieldsOf(await fetchDefinitions(transport, support), entity);
}

/** Maps the output items whose input item asked for custom fields by name. */
export type OutputMapper = (items: INodeExecutionData[]) => INodeExecutionData[];

export interface PreparedCustomFields {
	lookup?: CustomFieldLookup;
	mapOutput?: OutputMapper;
}

/**
 * Loads the definitions once for this execution when the operation needs them (`byNameForAll`: the
 * output maps custom fields by name whatever the items ask, for a tool's Simplified answer). With Continue On
 * Fail a failed load is not fatal: every item that needs the definitions then fails on its own.
 */
export async function prepareCustomFields(
	fn: IExecuteFunctions,
	transport: Transport,
	op: OperationSpec | undefined,
	byNameForAll = false,
): Promise<PreparedCustomFields> {
	const support = transport.service.customFields;
	if (!support || !op?.customFieldEntity) return {};
	const itemCount = Math.max(1, fn.getInputData().length);
	const mapOutput = Array.from(
		{ length: itemCount },
		(_, itemIndex) => !!op.customFieldOutput && (byNameForAll || fn.getNodeParameter(CUSTOM_FIELDS_OUTPUT, itemIndex, 'raw') === 'byName'),
	);
	if (!mapOutput.some(Boolean) && !usesFieldsByName(fn, op, itemCount)) return {};
	const definitions = await fetchDefinitions(transport, support).catch((error: unknown) => {
		// A tool's Simplified answer only reads names from them: without them it keeps the definition IDs.
		if (!fn.continueOnFail() && !byNameForAll) throw error;
		return undefined;
	});
	if (!definitions) return {};
	const byEntity = new Map<string, CustomFieldInfo[]>();
	const lookup: CustomFieldLookup = (entity) => {
		if (!byEntity.has(entity)) byEntity.set(entity, support.fieldsOf(definitions, entity));
		return byEntity.get(entity)!;
	};
	if (!mapOutput.some(Boolean)) return { lookup };
	const timezone = fn.getTimezone();
	const mapper: OutputMapper = (items) =>
		items.map((item) => {
			const itemIndex = (item.pairedItem as { item?: number } | undefined)?.item ?? 0;
			if (!mapOutput[itemIndex] || item.json.error !== undefined) return item;
			return { ...item, json: support.readableRecord(item.json, definitions, timezone) };
		});
	return { lookup, mapOutput: mapper };
}
