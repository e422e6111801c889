/**
 * Builds the HTTP request of one catalog operation for one input item: path
 * parameters (validated and percent-encoded), query parameters and the body
 * from fields, from the input item, or from raw JSON.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { FieldSpec, OperationSpec } from './catalog';
import { isWrite, optionalBodyCollection } from './properties';
import type { ApiRequest } from './transport';
import {
	convertValue,
	deepMerge,
	encodePathSegment,
	fieldError,
	isLocatorValue,
	OMIT,
	type CustomFieldInfo,
	type ValueContext,
	placeField,
} from './values';

/** Custom field definitions of one execution: the definitions that apply to an entity. */
export type CustomFieldLookup = (entity: string) => CustomFieldInfo[];

/**
 * Definitions loaded for the running execution, keyed on its IExecuteFunctions: they live exactly as
 * long as the execution (a node's `execute` loads them once before the per-item loop).
 */
const executionCustomFields = new WeakMap<object, CustomFieldLookup>();

export function setExecutionCustomFields(fn: IExecuteFunctions, lookup: CustomFieldLookup): void {
	executionCustomFields.set(fn, lookup);
}

export function getExecutionCustomFields(fn: IExecuteFunctions): CustomFieldLookup | undefined {
	return executionCustomFields.get(fn);
}

/** The entity whose custom fields apply to `op` for this item (`{param}` reads a parameter). */
export function customFieldEntityOf(fn: IExecuteFunctions, op: OperationSpec, itemIndex: number): string | undefined {
	const entity = op.customFieldEntity;
	if (!entity) return undefined;
	const match = /^\{(\w+)\}$/.exec(entity);
	if (!match) return entity;
	const value = fn.getNodeParameter(match[1], itemIndex, '');
	return typeof value === 'string' && value !== '' ? value : undefined;
}

export function valueContext(fn: IExecuteFunctions, itemIndex: number, op?: OperationSpec): ValueContext {
	const ctx: ValueContext = { node: fn.getNode(), itemIndex, timezone: fn.getTimezone() };
	const lookup = executionCustomFields.get(fn);
	if (lookup && op) {
		const entity = customFieldEntityOf(fn, op, itemIndex);
		if (entity) ctx.customFields = lookup(entity);
	}
	return ctx;
}

function param(fn: IExecuteFunctions, name: string, itemIndex: number, fallback: unknown): unknown {
	return fn.getNodeParameter(name, itemIndex, fallback);
}

/**
 * The value of a record-picker field: n8n extracts the ID from "By URL" values with the mode's
 * regex; "From List" and "By ID" values are unwrapped later. Plain values pass through.
 */
function locatorParam(fn: IExecuteFunctions, spec: FieldSpec, path: string, itemIndex: number, raw: unknown): unknown {
	if (!spec.locator || !isLocatorValue(raw) || raw.mode !== 'url') return raw;
	try {
		return fn.getNodeParameter(path, itemIndex, '', { extractValue: true });
	} catch {
		throw fieldError(
			valueContext(fn, itemIndex),
			spec.label,
			`${JSON.stringify(raw.value)} is not a link to a ${spec.locator} record; pick "By ID" or "From List" instead`,
		);
	}
}

export function buildPath(fn: IExecuteFunctions, op: OperationSpec, itemIndex: number): string {
	const ctx = valueContext(fn, itemIndex);
	return op.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
		const spec = op.pathParams?.find((field) => field.name === name);
		if (!spec) throw new NodeOperationError(fn.getNode(), `The catalog entry ${op.docId} has no field for {${name}}`);
		const raw = locatorParam(fn, spec, name, itemIndex, param(fn, name, itemIndex, ''));
		const value = convertValue({ ...spec, required: true }, raw, ctx);
		return encodePathSegment(value as string | number);
	});
}

export function buildQuery(fn: IExecuteFunctions, op: OperationSpec, itemIndex: number): Record<string, unknown> {
	const ctx = valueContext(fn, itemIndex);
	const qs: Record<string, unknown> = {};
	const optional = param(fn, 'queryParameters', itemIndex, {}) as IDataObject;
	for (const field of op.query ?? []) {
		const onTop = field.required || field.primary;
		const given = onTop ? param(fn, field.name, itemIndex, '') : optional[field.name];
		if (!onTop && given === undefined) continue;
		const raw = locatorParam(fn, field, onTop ? field.name : `queryParameters.${field.name}`, itemIndex, given);
		const value = convertValue(field, raw, ctx);
		if (value !== OMIT) qs[field.apiName ?? field.name] = value;
	}
	return qs;
}

/** The body built from the documented fields. */
export function bodyFromFields(fn: IExecuteFunctions, op: OperationSpec, itemIndex: number): Record<string, unknown> {
	const ctx = valueContext(fn, itemIndex, op);
	const body: Record<string, unknown> = op.fixedBody ? deepMerge({}, structuredClone(op.fixedBody)) : {};
	const collectionName = optionalBodyCollection(op);
	const collection = param(fn, collectionName, itemIndex, {}) as IDataObject;
	const given: string[] = [];
	const place = (field: FieldSpec, raw: unknown) => {
		if (placeField(body, field, raw, ctx)) given.push(field.name);
	};
	for (const field of op.body ?? []) {
		if (field.required || field.primary) {
			place(field, locatorParam(fn, field, field.name, itemIndex, param(fn, field.name, itemIndex, '')));
		} else if (collection[field.name] !== undefined) {
			place(field, locatorParam(fn, field, `${collectionName}.${field.name}`, itemIndex, collection[field.name]));
		}
	}
	if (op.requireAnyOf && !op.requireAnyOf.some((name) => given.includes(name))) {
		const labels = op.requireAnyOf.map((name) => op.body?.find((field) => field.name === name)?.label ?? name);
		throw fieldError(ctx, labels.join('" or "'), 'at least one of these fields is required');
	}
	if (!isWrite(op) && collection.rawFilter !== undefined) {
		const raw = convertValue(
			{ name: 'rawFilter', label: 'Raw JSON Filter', type: 'json' },
			collection.rawFilter,
			ctx,
		);
		if (raw !== OMIT) {
			if (Array.isArray(raw)) throw fieldError(ctx, 'Raw JSON Filter', 'expected a JSON object');
			deepMerge(body, raw as Record<string, unknown>);
		}
	}
	return body;
}

/** The body of a write, from the chosen Body Source. */
export function writeBody(fn: IExecuteFunctions, op: OperationSpec, itemIndex: number): unknown {
	const source = param(fn, 'bodySource', itemIndex, 'fields') as string;
	const ctx = valueContext(fn, itemIndex);
	if (source === 'inputItem') {
		const json = fn.getInputData()[itemIndex]?.json ?? {};
		return structuredClone(json);
	}
	if (source === 'json') {
		const raw = param(fn, 'bodyJson', itemIndex, '');
		return convertValue({ name: 'bodyJson', label: 'Body (JSON)', type: 'json', required: true }, raw, ctx);
	}
	return bodyFromFields(fn, op, itemIndex);
}

/** The complete request of a non-bulk operation (pagination parameters are added by the pager). */
export function buildRequest(fn: IExecuteFunctions, op: OperationSpec, itemIndex: number): ApiRequest {
	const path = buildPath(fn, op, itemIndex);
	const qs = buildQuery(fn, op, itemIndex);
	let body: unknown;
	if (isWrite(op) && ((op.body?.length ?? 0) > 0 || op.alwaysSendBody)) body = writeBody(fn, op, itemIndex);
	else if ((op.body?.length ?? 0) > 0) body = bodyFromFields(fn, op, itemIndex);
	if (body === undefined && op.alwaysSendBody) body = {};
	if (body !== undefined && (body === null || typeof body !== 'object')) {
		throw fieldError(valueContext(fn, itemIndex), 'Body', 'expected a JSON object');
	}
	if (op.method === 'GET') body = undefined;
	return { method: op.method, path, qs: Object.keys(qs).length ? qs : undefined, body };
}
