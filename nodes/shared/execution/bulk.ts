/**
 * Bulk writes: every input item becomes one record, records are sent in batches of the API's
 * maximum (under the service's bulk throttle), and each response element is paired back to its
 * input item; an element the API rejects becomes that item's error.
 */
import { NodeApiError, type INodeExecutionData, type JsonObject } from 'n8n-workflow';

import type { OperationSpec } from '../catalog';
import { vendorError } from '../transport/apiError';
import { send, type Transport } from '../transport/transport';
import { fieldError } from '../values/context';
import { buildQuery, writeBody } from './request';
import { valueContext, type FailItem, type RunContext } from './runContext';

type BatchEntry = { itemIndex: number; record: unknown };

/** One record per object of each item's body (a list body gives several); bad items fail on their own. */
function collectRecords(run: RunContext, op: OperationSpec, outputs: INodeExecutionData[][], fail: FailItem): BatchEntry[] {
	const records: BatchEntry[] = [];
	for (let itemIndex = 0; itemIndex < outputs.length; itemIndex++) {
		try {
			const body = writeBody(run, op, itemIndex);
			const key = op.bulk!.key;
			if (body && typeof body === 'object' && !Array.isArray(body) && Array.isArray((body as Record<string, unknown>)[key])) {
				throw fieldError(valueContext(run, itemIndex), 'Body', `give the list of records itself, not wrapped in "${key}"`);
			}
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

/** Sends one batch and pairs each result (or per-record error) with its item. */
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
		const description = `${service.displayName} rejected the record of item ${itemIndex} in ${op.method} ${op.path}.`;
		outputs[itemIndex].push(fail(itemIndex, vendorError(fn.getNode(), message, description, itemIndex, transport.redact)));
	});
}

export async function executeBulk(run: RunContext, transport: Transport, fail: FailItem): Promise<INodeExecutionData[]> {
	const op = run.op!;
	const outputs: INodeExecutionData[][] = run.fn.getInputData().map(() => []);
	const records = collectRecords(run, op, outputs, fail);
	const qs = records.length ? buildQuery(run, op, records[0].itemIndex) : {};
	for (let start = 0; start < records.length; start += op.bulk!.maxPerRequest) {
		const batch = records.slice(start, start + op.bulk!.maxPerRequest);
		try {
			await sendBatch(run, transport, op, batch, qs, outputs, fail);
		} catch (error) {
			for (const { itemIndex } of batch) outputs[itemIndex].push(fail(itemIndex, error as Error));
		}
	}
	return outputs.flat();
}
