/**
 * Bulk writes: every input item becomes one record (or several, for a list body), records are sent
 * in batches of the API's maximum (under the service's bulk throttle), and each response element is
 * paired back to its input item; an element the API rejects becomes that item's error. Single
 * creates and updates with a bulk variant go the same way when Request Options combine writes.
 *
 * Records are built item by item (evaluating the items' expressions costs CPU): without Continue On
 * Fail every item is built and checked before the first request, so bad input sends nothing; with
 * Continue On Fail a bad item only fails itself, so each full batch is sent as soon as it is built,
 * while the next one is built (one batch in flight).
 */
import { NodeApiError, type INodeExecutionData, type JsonObject } from 'n8n-workflow';

import type { OperationSpec } from '../catalog';
import { vendorError } from '../transport/apiError';
import { send, type Transport } from '../transport/transport';
import { fieldError } from '../values/context';
import { isPlainObject } from '../values/safeData';
import { buildQuery, buildRequest, pathValue, writeBody } from './request';
import { valueContext, type FailItem, type RunContext } from './runContext';

type BatchEntry = { itemIndex: number; record: unknown };

/** One item's records: one per object of its body (a list body gives several). */
type RecordsOf = (itemIndex: number) => Array<{ record: unknown; qs: Record<string, unknown> }>;

/**
 * Builds every item's records and hands them to `dispatch` in batches of `max` per query (in input
 * order), one batch in flight at a time; a bad item fails on its own. See the header for when
 * batches go out while items are still being built.
 */
async function buildAndSend(
	run: RunContext,
	recordsOf: RecordsOf,
	max: number,
	outputs: INodeExecutionData[][],
	fail: FailItem,
	dispatch: (batch: BatchEntry[], qs: Record<string, unknown>) => Promise<void>,
): Promise<void> {
	const streaming = run.fn.continueOnFail();
	const groups = new Map<string, { qs: Record<string, unknown>; entries: BatchEntry[] }>();
	const ready: Array<{ batch: BatchEntry[]; qs: Record<string, unknown> }> = [];
	let inFlight: Promise<void> = Promise.resolve();
	const flush = async (group: { qs: Record<string, unknown>; entries: BatchEntry[] }) => {
		const batch = group.entries.splice(0, group.entries.length);
		if (!streaming) return void ready.push({ batch, qs: group.qs });
		const previous = inFlight;
		inFlight = previous.then(() => dispatch(batch, group.qs));
		await previous;
	};
	for (let itemIndex = 0; itemIndex < outputs.length; itemIndex++) {
		let records: ReturnType<RecordsOf>;
		try {
			records = recordsOf(itemIndex);
		} catch (error) {
			outputs[itemIndex].push(fail(itemIndex, error as Error));
			continue;
		}
		for (const { record, qs } of records) {
			const key = JSON.stringify(qs);
			if (!groups.has(key)) groups.set(key, { qs, entries: [] });
			const group = groups.get(key)!;
			group.entries.push({ itemIndex, record });
			if (group.entries.length === max) await flush(group);
		}
	}
	for (const group of groups.values()) if (group.entries.length) await flush(group);
	await inFlight;
	for (const { batch, qs } of ready) await dispatch(batch, qs);
}

/** Sends one batch through the bulk operation `op` and pairs each result (or per-record error) with its item. */
async function sendBatch(
	run: RunContext,
	transport: Transport,
	op: OperationSpec,
	batch: BatchEntry[],
	qs: Record<string, unknown>,
	outputs: INodeExecutionData[][],
	fail: FailItem,
): Promise<void> {
	const { fn, service } = run;
	const body = { [op.bulk!.key]: batch.map((entry) => entry.record) };
	const request = { method: op.method, path: op.path, qs: Object.keys(qs).length ? qs : undefined, body, bulk: true };
	const response = await send(transport, request, op.kind, batch[0].itemIndex);
	const results = Array.isArray(response.body) ? response.body : [];
	const byId = op.kind === 'update' ? idsOf(batch) : undefined;
	// An answer with no results fails the batch; one with results pairs them by id (updates) or position.
	if (results.length === 0 || (!byId && results.length !== batch.length)) {
		throw new NodeApiError(fn.getNode(), { message: 'Unexpected bulk response' } as JsonObject, {
			message: `${service.displayName} returned ${results.length} results for ${batch.length} records`,
			itemIndex: batch[0].itemIndex,
		});
	}
	const paired = byId ? pairById(batch, results, byId) : results.map((result, position) => ({ entry: batch[position], result }));
	for (const { entry, result } of paired) {
		const { itemIndex } = entry;
		if (result === MISSING) {
			const message = `${service.displayName} returned no result for the record with ID ${String((entry.record as { id: unknown }).id)}`;
			const description = `The answer to ${op.method} ${op.path} carries no result with this ID for item ${itemIndex}; results are matched to records by ID, never by position.`;
			outputs[itemIndex].push(fail(itemIndex, vendorError(fn.getNode(), message, description, itemIndex, transport.redact)));
		} else if (!service.isBulkItemError?.(result)) {
			outputs[itemIndex].push({ json: result as JsonObject, pairedItem: { item: itemIndex } });
		} else {
			const message = service.errorMessage(result) ?? 'Record rejected';
			const description = `${service.displayName} rejected the record of item ${itemIndex} in ${op.method} ${op.path}.`;
			outputs[itemIndex].push(fail(itemIndex, vendorError(fn.getNode(), message, description, itemIndex, transport.redact)));
		}
	}
}

/** A batch entry's result slot that the answer did not fill. */
const MISSING = Symbol('missing');

const keyOf = (value: unknown): string | undefined => (typeof value === 'number' || (typeof value === 'string' && value !== '') ? String(value) : undefined);

/** The batch's records by ID, when every record carries a distinct one (updates); undefined otherwise (creates). */
function idsOf(batch: BatchEntry[]): Map<string, BatchEntry> | undefined {
	const byId = new Map<string, BatchEntry>();
	for (const entry of batch) {
		const id = keyOf(isPlainObject(entry.record) ? entry.record.id : undefined);
		if (id === undefined || byId.has(id)) return undefined;
		byId.set(id, entry);
	}
	return byId;
}

/** Each record's result, matched by `id` (in any order); a record the answer has no result for gets MISSING. */
function pairById(batch: BatchEntry[], results: unknown[], byId: Map<string, BatchEntry>): Array<{ entry: BatchEntry; result: unknown }> {
	const found = new Map<BatchEntry, unknown>();
	for (const result of results) {
		const entry = byId.get(keyOf(isPlainObject(result) ? result.id : undefined) ?? '');
		if (entry && !found.has(entry)) found.set(entry, result);
	}
	return batch.map((entry) => ({ entry, result: found.has(entry) ? found.get(entry) : MISSING }));
}

/** Sends one batch; a failed batch fails each of its items. */
function dispatcher(run: RunContext, transport: Transport, op: OperationSpec, outputs: INodeExecutionData[][], fail: FailItem) {
	return async (batch: BatchEntry[], qs: Record<string, unknown>) => {
		try {
			await sendBatch(run, transport, op, batch, qs, outputs, fail);
		} catch (error) {
			for (const { itemIndex } of batch) outputs[itemIndex].push(fail(itemIndex, error as Error));
		}
	};
}

/** A bulk operation of the catalog: every input item's body is one record (or a list of them). */
export async function executeBulk(run: RunContext, transport: Transport, fail: FailItem): Promise<INodeExecutionData[]> {
	const op = run.op!;
	const outputs: INodeExecutionData[][] = run.fn.getInputData().map(() => []);
	let qs: Record<string, unknown> | undefined;
	const recordsOf: RecordsOf = (itemIndex) => {
		const body = writeBody(run, op, itemIndex);
		const key = op.bulk!.key;
		if (isPlainObject(body) && Array.isArray((body as Record<string, unknown>)[key])) {
			throw fieldError(valueContext(run, itemIndex), 'Body', `give the list of records itself, not wrapped in "${key}"`);
		}
		const list = Array.isArray(body) ? body : [body];
		if (!list.every(isPlainObject)) throw fieldError(valueContext(run, itemIndex), 'Body', 'each record must be a JSON object');
		// The bulk endpoints' query is the first item's (it applies to the whole request).
		qs ??= buildQuery(run, op, itemIndex);
		return list.map((record) => ({ record, qs: qs! }));
	};
	await buildAndSend(run, recordsOf, op.bulk!.maxPerRequest, outputs, fail, dispatcher(run, transport, op, outputs, fail));
	return outputs.flat();
}

/** The bulk operation a single write can be combined into. */
export function bulkVariantOf(run: RunContext): OperationSpec | undefined {
	const variant = run.op?.bulkVariant;
	return variant && run.service.operations.find((entry) => entry.resource === run.op!.resource && entry.value === variant.operation);
}

/**
 * Single creates or updates of several items sent through the bulk variant: each item's single
 * request is built (and validated) as usual; its body, with the record's `id` for updates, is the
 * item's record. Items with different queries go in different batches.
 */
export async function executeCombinedWrites(run: RunContext, transport: Transport, fail: FailItem): Promise<INodeExecutionData[]> {
	const op = run.op!;
	const bulkOp = bulkVariantOf(run)!;
	const outputs: INodeExecutionData[][] = run.fn.getInputData().map(() => []);
	const idField = op.bulkVariant!.idField;
	const recordsOf: RecordsOf = (itemIndex) => {
		const request = buildRequest(run, op, itemIndex);
		// buildRequest has refused any body that is not one JSON object.
		const record = idField ? { ...(request.body as object), id: pathValue(run, op, idField, itemIndex) } : request.body;
		return [{ record, qs: request.qs ?? {} }];
	};
	await buildAndSend(run, recordsOf, bulkOp.bulk!.maxPerRequest, outputs, fail, dispatcher(run, transport, bulkOp, outputs, fail));
	return outputs.flat();
}
