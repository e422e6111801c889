/**
 * The answer a read gives when the node runs as an AI tool: Simplified (the fields an agent needs to
 * act, per the service's `ToolShapeSpec`, without null or empty values, dates in ISO form), the
 * fields the user selected, or Full (the records as they are). Outside tool mode, for writes and for
 * the Custom API Call the output is never touched.
 */
import { DateTime } from 'luxon';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { DateFormat, OperationSpec } from '../catalog';
import { TOOL_FIELDS, TOOL_OUTPUT, type ToolOutputMode } from '../description/toolOutputProperties';
import type { ServiceSpec } from '../service';
import type { ToolField, ToolShapeSpec } from '../toolShape';
import { isPlainObject } from '../values/parse';

/** Keys never copied into a shaped record (they would reach its prototype). */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether n8n runs this node as an AI tool (its tool variant's type ends in `Tool`). */
export function isToolNode(fn: IExecuteFunctions): boolean {
	return fn.getNode().type.endsWith('Tool');
}

/** The output this execution gives: `full` outside tool mode, for writes and for the Custom API Call. */
export function toolOutputMode(fn: IExecuteFunctions, op: OperationSpec | undefined): ToolOutputMode {
	if (!op || op.kind !== 'read' || !isToolNode(fn)) return 'full';
	const mode = fn.getNodeParameter(TOOL_OUTPUT, 0, 'simplified');
	return mode === 'selected' || mode === 'full' ? mode : 'simplified';
}

/** An API date in ISO form (Unix seconds and `M/D/YYYY` converted; anything unreadable unchanged). */
export function isoDate(value: unknown, format: DateFormat): unknown {
	if (format === 'unixSeconds' && typeof value === 'number' && Number.isFinite(value)) {
		return DateTime.fromSeconds(value, { zone: 'utc' }).toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");
	}
	if (format === 'monthDayYear' && typeof value === 'string') {
		const date = DateTime.fromFormat(value, 'M/d/yyyy', { zone: 'utc' });
		return date.isValid ? date.toFormat('yyyy-MM-dd') : value;
	}
	return value;
}

/** A value without null, empty strings, empty lists and empty objects (undefined when nothing is left). */
export function cleanValue(value: unknown, spec: ToolShapeSpec, key?: string): unknown {
	if (value === null || value === undefined || value === '') return undefined;
	const inner = key !== undefined ? spec.values?.[key] : undefined;
	if (Array.isArray(value)) {
		const list = value
			.map((entry) => (inner && isPlainObject(entry) ? entry[inner] : entry))
			.map((entry) => cleanValue(entry, spec))
			.filter((entry) => entry !== undefined);
		return list.length ? list : undefined;
	}
	if (isPlainObject(value)) {
		if (inner) return cleanValue(value[inner], spec);
		const out: IDataObject = {};
		for (const [entryKey, entry] of Object.entries(value)) {
			if (UNSAFE_KEYS.has(entryKey)) continue;
			const cleaned = cleanValue(entry, spec, entryKey);
			if (cleaned !== undefined) out[entryKey] = cleaned as IDataObject[string];
		}
		return Object.keys(out).length ? out : undefined;
	}
	const format = key !== undefined ? spec.dates?.[key] : undefined;
	return format ? isoDate(value, format) : value;
}

/** The value at a dotted path; through lists, every value found (each once); undefined when none. */
export function valueAt(record: unknown, path: string, first = false): unknown {
	let found: unknown[] = [record];
	let throughList = false;
	for (const key of path.split('.')) {
		if (UNSAFE_KEYS.has(key)) return undefined;
		const next: unknown[] = [];
		for (const entry of found) {
			const value = isPlainObject(entry) ? entry[key] : undefined;
			if (Array.isArray(value)) throughList = true;
			if (Array.isArray(value)) next.push(...(value as unknown[]));
			else if (value !== undefined) next.push(value);
		}
		found = next;
	}
	if (!throughList) return found[0];
	const seen = new Set<string>();
	const unique = found.filter((value) => {
		const text = JSON.stringify(value);
		return seen.has(text) ? false : (seen.add(text), true);
	});
	return first ? unique[0] : unique;
}

const fieldName = (field: ToolField) => (typeof field === 'string' ? field : field.name);

/** One record in its simplified form (cleaned only when its entity has no list or none of its fields). */
export function simplifyRecord(record: IDataObject, spec: ToolShapeSpec, fields: ToolField[] | undefined): IDataObject {
	const out: IDataObject = {};
	for (const field of fields ?? []) {
		const path = typeof field === 'string' ? field : field.path;
		const first = typeof field === 'string' ? false : !!field.first;
		const lastKey = path.split('.').pop();
		const value = cleanValue(valueAt(record, path, first), spec, lastKey);
		if (value !== undefined && !UNSAFE_KEYS.has(fieldName(field))) out[fieldName(field)] = value as IDataObject[string];
	}
	if (Object.keys(out).length) return out;
	return (cleanValue(record, spec) as IDataObject | undefined) ?? {};
}

/** One record with only the selected (dotted) fields, as the API gave them. */
export function selectFields(record: IDataObject, paths: string[]): IDataObject {
	const out: IDataObject = {};
	for (const path of paths) {
		const value = valueAt(record, path);
		if (value !== undefined && !UNSAFE_KEYS.has(path)) out[path] = value as IDataObject[string];
	}
	return out;
}

/** The simplified field list of an operation's entity, if the service declares one. */
function entityFields(spec: ToolShapeSpec, op: OperationSpec): ToolField[] | undefined {
	const entity = spec.entityOf[`${op.resource}.${op.value}`] ?? spec.entityOf[op.resource];
	return entity !== undefined ? spec.entities[entity] : undefined;
}

/** Shapes a read's output items for a tool (error items of Continue On Fail pass unchanged). */
export function shapeToolOutput(
	fn: IExecuteFunctions,
	service: ServiceSpec,
	op: OperationSpec,
	mode: ToolOutputMode,
	items: INodeExecutionData[],
): INodeExecutionData[] {
	if (mode === 'full') return items;
	let shape: (json: IDataObject) => IDataObject;
	if (mode === 'selected') {
		const raw = fn.getNodeParameter(TOOL_FIELDS, 0, '');
		const paths = String(raw ?? '')
			.split(',')
			.map((path) => path.trim())
			.filter(Boolean);
		shape = (json) => selectFields(json, paths);
	} else {
		const spec: ToolShapeSpec = service.toolShape ?? { entities: {}, entityOf: {} };
		const fields = entityFields(spec, op);
		shape = (json) => simplifyRecord(json, spec, fields);
	}
	return items.map((item) => (item.json.error !== undefined ? item : { ...item, json: shape(item.json) }));
}
