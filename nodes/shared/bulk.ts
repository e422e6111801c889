/**
 * Bulk writes: every input item becomes one record, records are sent in
 * batches of the API's maximum, and each response element is paired back to
 * its input item; an element the API rejects becomes that item's error.
 */
import { NodeApiError, type IExecuteFunctions, type INodeExecutionData, type JsonObject } from 'n8n-workflow';

import type { OperationSpec } from './catalog';
import { buildQuery, valueContext, writeBody } from './request';
import { send, type Transport } from './transport';
import { fieldError } from './values';

export type FailItem = (itemIndex: number, error: Error) => INodeExecutionData;

export async function executeBulk(
	fn: IExecuteFunctions,
	transport: Transport,
	op: OperationSpec,
	fail: FailItem,
): Promise<INodeExecutionData[]> {
	const bulk = op.bulk!;
	const items = fn.getInputData();
	const outputs: INodeExecutionData[][] = items.map(() => []);
	const records: Array<{ itemIndex: number; record: unknown }> = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const body = writeBody(fn, op, itemIndex);
			const list = Array.isArray(body) ? body : [body];
			for (const record of list) {
				if (!record || typeof record !== 'object' || Array.isArray(record)) {
					throw fieldError(valueContext(fn, itemIndex), 'Body', 'each record must be a JSON object');
				}
				records.push({ itemIndex, record });
			}
		} catch (error) {
			outputs[itemIndex].push(fail(itemIndex, error as Error));
		}
	}

	const qs = records.length ? buildQuery(fn, op, records[0].itemIndex) : {};
	for (let start = 0; start < records.length; start += bulk.maxPerRequest) {
		const batch = records.slice(start, start + bulk.maxPerRequest);
		try {
			const response = await send(
				transport,
				{
					method: op.method,
					path: op.path,
					qs: Object.keys(qs).length ? qs : undefined,
					body: { [bulk.key]: batch.map((entry) => entry.record) },
				},
				op.kind,
				batch[0].itemIndex,
			);
			const results = Array.isArray(response.body) ? response.body : [];
			if (results.length !== batch.length) {
				throw new NodeApiError(fn.getNode(), { message: 'Unexpected bulk response' } as JsonObject, {
					message: `${transport.service.displayName} returned ${results.length} results for ${batch.length} records`,
					itemIndex: batch[0].itemIndex,
				});
			}
			results.forEach((result, position) => {
				const { itemIndex } = batch[position];
				if (transport.service.isBulkItemError?.(result)) {
					const message = transport.service.errorMessage(result) ?? 'Record rejected';
					const error = new NodeApiError(fn.getNode(), { message } as JsonObject, {
						message,
						description: `${transport.service.displayName} rejected the record of item ${itemIndex} in ${op.method} ${op.path}.`,
						itemIndex,
					});
					outputs[itemIndex].push(fail(itemIndex, error));
				} else {
					outputs[itemIndex].push({ json: result as JsonObject, pairedItem: { item: itemIndex } });
				}
			});
		} catch (error) {
			for (const { itemIndex } of batch) outputs[itemIndex].push(fail(itemIndex, error as Error));
		}
	}
	return outputs.flat();
}
