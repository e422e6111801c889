/**
 * Builds the HTTP request of one catalog operation for one input item: path parameters (validated
 * and percent-encoded), query parameters, and the body from fields, from the input item, or from
 * raw JSON.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { FieldSpec, OperationSpec } from '../catalog';
import { BODY_JSON, BODY_SOURCE, isOnTop, isWrite, optionalBodyCollection, QUERY_COLLECTION, RAW_FILTER } from '../parameters';
import type { ApiRequest } from '../transport/transport';
import { deepMerge, encodePathSegment, placeField } from '../values/bodyPaths';
import { fieldError } from '../values/context';
import { convertValue } from '../values/conversion';
import { isLocatorValue } from '../values/parse';
import { safeCopy } from '../values/safeData';
import { valueContext, type RunContext } from './runContext';

function param(run: RunContext, name: string, itemIndex: number, fallback: unknown): unknown {
	const key = `${itemIndex}\n${name}`;
	if (!run.parameters.has(key)) run.parameters.set(key, run.fn.getNodeParameter(name, itemIndex, fallback));
	return run.parameters.get(key);
}

/**
 * The value of a record-picker field: n8n extracts the ID from "By URL" values with the mode's
 * regex; "From List" and "By ID" values are unwrapped later. Plain values pass through.
 */
function locatorParam(run: RunContext, spec: FieldSpec, path: string, itemIndex: number, raw: unknown): unknown {
	if (!spec.locator || !isLocatorValue(raw) || raw.mode !== 'url') return raw;
	try {
		return run.fn.getNodeParameter(path, itemIndex, '', { extractValue: true });
	} catch {
		throw fieldError(
			valueContext(run, itemIndex),
			spec.label,
			`${JSON.stringify(raw.value)} is not a link to a ${spec.locator} record; pick "By ID" or "From List" instead`,
		);
	}
}

/** The converted value of one path parameter (validated: required, typed, record pickers resolved). */
export function pathValue(run: RunContext, op: OperationSpec, name: string, itemIndex: number): string | number {
	const spec = op.pathParams?.find((field) => field.name === name);
	if (!spec) throw new NodeOperationError(run.fn.getNode(), `The catalog entry ${op.docId} has no field for {${name}}`);
	const raw = locatorParam(run, spec, name, itemIndex, param(run, name, itemIndex, ''));
	return convertValue({ ...spec, required: true }, raw, valueContext(run, itemIndex)) as string | number;
}

export function buildPath(run: RunContext, op: OperationSpec, itemIndex: number): string {
	return op.path.replace(/\{(\w+)\}/g, (_match, name: string) => encodePathSegment(pathValue(run, op, name, itemIndex)));
}

export function buildQuery(run: RunContext, op: OperationSpec, itemIndex: number): Record<string, unknown> {
	const ctx = valueContext(run, itemIndex);
	const qs: Record<string, unknown> = {};
	const optional = param(run, QUERY_COLLECTION, itemIndex, {}) as IDataObject;
	for (const field of op.query ?? []) {
		const onTop = isOnTop(field);
		const given = onTop ? param(run, field.name, itemIndex, '') : optional[field.name];
		if (!onTop && given === undefined) continue;
		const raw = locatorParam(run, field, onTop ? field.name : `${QUERY_COLLECTION}.${field.name}`, itemIndex, given);
		const value = convertValue(field, raw, ctx);
		if (value !== undefined) qs[field.apiName ?? field.name] = value;
	}
	return qs;
}

/** A read's raw JSON filter, merged over the fields. */
function mergeRawFilter(run: RunContext, body: Record<string, unknown>, given: unknown, itemIndex: number): void {
	const ctx = valueContext(run, itemIndex);
	const raw = convertValue({ name: RAW_FILTER, label: 'Raw JSON Filter', type: 'json' }, given, ctx);
	if (raw === undefined) return;
	if (Array.isArray(raw)) throw fieldError(ctx, 'Raw JSON Filter', 'expected a JSON object');
	deepMerge(body, raw as Record<string, unknown>);
}

/** The body built from the documented fields. */
export function bodyFromFields(run: RunContext, op: OperationSpec, itemIndex: number): Record<string, unknown> {
	const ctx = valueContext(run, itemIndex);
	const body: Record<string, unknown> = op.fixedBody ? deepMerge({}, structuredClone(op.fixedBody)) : {};
	const collectionName = optionalBodyCollection(op);
	const collection = param(run, collectionName, itemIndex, {}) as IDataObject;
	const given: string[] = [];
	const place = (field: FieldSpec, raw: unknown) => {
		if (placeField(body, field, raw, ctx)) given.push(field.name);
	};
	for (const field of op.body ?? []) {
		if (isOnTop(field)) {
			place(field, locatorParam(run, field, field.name, itemIndex, param(run, field.name, itemIndex, '')));
		} else if (collection[field.name] !== undefined) {
			place(field, locatorParam(run, field, `${collectionName}.${field.name}`, itemIndex, collection[field.name]));
		}
	}
	if (op.requireAnyOf && !op.requireAnyOf.some((name) => given.includes(name))) {
		const labels = op.requireAnyOf.map((name) => op.body?.find((field) => field.name === name)?.label ?? name);
		throw fieldError(ctx, labels.join('" or "'), 'at least one of these fields is required');
	}
	if (!isWrite(op) && collection[RAW_FILTER] !== undefined) mergeRawFilter(run, body, collection[RAW_FILTER], itemIndex);
	return body;
}

/** The body of a write, from the chosen Body Source. */
export function writeBody(run: RunContext, op: OperationSpec, itemIndex: number): unknown {
	const source = param(run, BODY_SOURCE, itemIndex, 'fields') as string;
	if (source === 'inputItem') {
		try {
			return safeCopy(run.fn.getInputData()[itemIndex]?.json ?? {});
		} catch (error) {
			throw fieldError(valueContext(run, itemIndex), 'Body', (error as Error).message);
		}
	}
	if (source === 'json') {
		const raw = param(run, BODY_JSON, itemIndex, '');
		return convertValue({ name: BODY_JSON, label: 'Body (JSON)', type: 'json', required: true }, raw, valueContext(run, itemIndex));
	}
	return bodyFromFields(run, op, itemIndex);
}

/** The complete request of a non-bulk operation (pagination parameters are added by the pager). */
export function buildRequest(run: RunContext, op: OperationSpec, itemIndex: number): ApiRequest {
	const path = buildPath(run, op, itemIndex);
	const qs = buildQuery(run, op, itemIndex);
	const hasFields = (op.body?.length ?? 0) > 0;
	let body: unknown;
	if (isWrite(op) && (hasFields || op.alwaysSendBody)) body = writeBody(run, op, itemIndex);
	else if (hasFields) body = bodyFromFields(run, op, itemIndex);
	if (body === undefined && op.alwaysSendBody) body = {};
	if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
		const problem = Array.isArray(body) ? 'expected one JSON object (this operation writes a single record), got a list' : 'expected a JSON object';
		throw fieldError(valueContext(run, itemIndex), 'Body', problem);
	}
	if (op.method === 'GET') body = undefined;
	return { method: op.method, path, qs: Object.keys(qs).length ? qs : undefined, body };
}
