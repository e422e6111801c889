/**
 * Bulk writes: every input item becomes one record (or several, for a list body), records are sent
 * in batches of the API's maximum (under the service's bulk throttle), and each response element is
 * paired back to its input item; an element the API rejects becomes that item's error. Single
 * creates and updates with a bulk variant go the same way when Request Options combine writes.
 */
import { NodeApiError, type INodeExecutionData, type JsonObject } from 'n8n-workflow';

import type { OperationSpec } from '../catalog';
import { send, type Transport } from '../transport/transport';
import { fieldError } from '../values/context';
import { buildQuery, buildRequest, pathValue, writeBody } from './request';
import { valueContext, type FailItem, type RunContext } from './runContext';

type BatchEntry = { itemIndex: number; record: unknown };

/** One record per object of each item's body (a list body gives several); bad items fail on their own. */
function collectRecords(run: RunContext, op: OperationSpec, outputs: INodeExecutionData[][], fail: FailItem): BatchEntry[] {
	const records: BatchEntry[] = [];
	for (let itemIndex = 0; itemIndex < outputs.length; itemIndex++) {
		try {
			const body = writeBody(run, op, itemIndex);
			for (const record of Array.isArray(body) ? body : [body]) {
				if (!record || typeof record !== 'object' || Array.isArray(record)) {
					throw fieldError(valueContext(run, itemIndex), 'Body', 'each record must be a JSON object');
				}
				records.push({ itemIndex, record });
			}
		} catch (error) {
			outputs[itemIndex].push(fail(itemIndex, error as Error));
		}
	}
	return records;
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
	if (results.length !== batch.length) {
		throw new NodeApiError(fn.getNode(), { message: 'Unexpected bulk response' } as JsonObject, {
			message: `${service.displayName} returned ${results.length} results for ${batch.length} records`,
			itemIndex: batch[0].itemIndex,
		});
	}
	results.forEach((result, position) => {
		const { itemIndex } = batch[position];
		if (!service.isBulkItemError?.(result)) {
			outputs[itemIndex].push({ json: result as JsonObject, pairedItem: { item: itemIndex } });
			return;
		}
		const message = service.errorMessage(result) ?? 'Record rejected';
		const error = new NodeApiError(fn.getNode(), { message } as JsonObject, {
			message,
			description: `${service.displayName} rejected the record of item ${itemIndex} in ${op.method} ${op.path}.`,
			itemIndex,
		});
		outputs[itemIndex].push(fail(itemIndex, error));
	});
}

/** Sends the records in batches of the bulk operation's maximum; a failed batch fails each of its items. */
async function sendInBatches(
	run: RunContext,
	transport: Transport,
	op: OperationSpec,
	records: BatchEntry[],
	qs: Record<string, unknown>,
	outputs: INodeExecutionData[][],
	fail: FailItem,
): Promise<void> {
	for (let start = 0; start < records.length; start += op.bulk!.maxPerRequest) {
		const batch = records.slice(start, start + op.bulk!.maxPerRequest);
		try {
			await sendBatch(run, transport, op, batch, qs, outputs, fail);
		} catch (error) {
			for (const { itemIndex } of batch) outputs[itemIndex].push(fail(itemIndex, error as Error));
		}
	}
}

/** A bulk operation of the catalog: every input item's body is one record (or a list of them). */
export async function executeBulk(run: RunContext, transport: Transport, fail: FailItem): Promise<INodeExecutionData[]> {
	const op = run.op!;
	const outputs: INodeExecutionData[][] = run.fn.getInputData().map(() => []);
	const records = collectRecords(run, op, outputs, fail);
	const qs = records.length ? buildQuery(run, op, records[0].itemIndex) : {};
	await sendInBatches(run, transport, op, records, qs, outputs, fail);
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
 * item's record. Items are grouped by their query, in input order.
 */
export async function executeCombinedWrites(run: RunContext, transport: Transport, fail: FailItem): Promise<INodeExecutionData[]> {
	const op = run.op!;
	const bulkOp = bulkVariantOf(run)!;
	const outputs: INodeExecutionData[][] = run.fn.getInputData().map(() => []);
	const groups = new Map<string, { qs: Record<string, unknown>; records: BatchEntry[] }>();
	for (let itemIndex = 0; itemIndex < outputs.length; itemIndex++) {
		try {
			const request = buildRequest(run, op, itemIndex);
			const body = request.body;
			if (!body || typeof body !== 'object' || Array.isArray(body)) {
				throw fieldError(valueContext(run, itemIndex), 'Body', 'expected a JSON object');
			}
			const idField = op.bulkVariant!.idField;
			const record = idField ? { ...(body as object), id: pathValue(run, op, idField, itemIndex) } : body;
			const key = JSON.stringify(request.qs ?? {});
			if (!groups.has(key)) groups.set(key, { qs: request.qs ?? {}, records: [] });
			groups.get(key)!.records.push({ itemIndex, record });
		} catch (error) {
			outputs[itemIndex].push(fail(itemIndex, error as Error));
		}
	}
	for (const { qs, records } of groups.values()) await sendInBatches(run, transport, bulkOp, records, qs, outputs, fail);
	return outputs.flat();
}
