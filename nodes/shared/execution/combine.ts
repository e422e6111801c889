/**
 * Request economy for reads: when several input items each fetch one record (by ID, or a person by
 * email), their keys are collected and answered by the entity's search (`CombineSpec`), up to
 * `maxPerRequest` keys per request, each key fetched once however many items carry it. Every item
 * gets exactly its own record, paired, in input order. A key the search does not answer (or answers
 * with more than one record) is fetched with the item's single request, so it gets exactly the
 * single request's result or error.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { CombineSpec, OperationSpec } from '../catalog';
import type { ApiRequest, Transport } from '../transport/transport';
import { isPlainObject } from '../values/safeData';
import { forEachPage } from './pagination';
import { buildRequest, pathValue } from './request';
import type { FailItem, RunContext } from './runContext';

/** Runs one item the ordinary way (one request), returning its output records. */
export type SingleItem = (itemIndex: number) => Promise<IDataObject[]>;

type Keyed = { itemIndex: number; request: ApiRequest; key: string; value: unknown };

const normalize = (spec: CombineSpec, value: unknown): string => {
	const text = String(value).trim();
	return spec.caseInsensitive ? text.toLowerCase() : text;
};

/** The values at a dotted path of a record, through lists (`emails.email` → every email). */
function valuesAt(record: unknown, path: string[]): unknown[] {
	if (path.length === 0) return [record];
	if (Array.isArray(record)) return record.flatMap((entry) => valuesAt(entry, path));
	if (!record || typeof record !== 'object') return [];
	return valuesAt((record as Record<string, unknown>)[path[0]], path.slice(1));
}

/** The records one search by up to `maxPerRequest` keys returns, by normalized key (a key can match several). */
export async function searchByKeys(
	transport: Transport,
	spec: CombineSpec,
	values: unknown[],
	qs: Record<string, unknown> | undefined,
	itemIndex: number,
): Promise<Map<string, IDataObject[]>> {
	const wanted = new Set(values.map((value) => normalize(spec, value)));
	const request: ApiRequest = { method: 'POST', path: spec.searchPath, qs, body: { ...(spec.fixedBody ?? {}), [spec.filterKey]: values } };
	// One page of `maxPerRequest` records normally answers it; a longer answer is paged on. The total
	// header may end the paging here: a key a short answer misses is fetched with its single request.
	const records: IDataObject[] = [];
	await forEachPage(transport, request, 'read', transport.service.pagination.maxPageSize, itemIndex, (page, seen, total) => {
		records.push(...(page as IDataObject[]));
		return total === undefined || seen < total;
	});
	const found = new Map<string, IDataObject[]>();
	for (const record of records) {
		// Only an object can answer a key: a list or a scalar in the answer pairs with nothing.
		if (!isPlainObject(record)) continue;
		const keys = new Set(valuesAt(record, spec.recordKey.split('.')).map((value) => normalize(spec, value)));
		for (const key of keys) if (wanted.has(key)) found.set(key, [...(found.get(key) ?? []), record]);
	}
	return found;
}

/** Each item's single request and key; an item whose input is bad fails here, before any request. */
function keyedItems(run: RunContext, op: OperationSpec, itemCount: number, fail: FailItem, results: INodeExecutionData[][]): Keyed[] {
	const spec = op.combine!;
	const keyed: Keyed[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			const request = buildRequest(run, op, itemIndex);
			const value = op.pathParams?.some((field) => field.name === spec.keyField)
				? pathValue(run, op, spec.keyField, itemIndex)
				: (request.body as Record<string, unknown> | undefined)?.[spec.keyField];
			keyed.push({ itemIndex, request, key: normalize(spec, value), value });
		} catch (error) {
			results[itemIndex] = [fail(itemIndex, error as Error)];
		}
	}
	return keyed;
}

/** Items grouped by everything but their key (the query, e.g. computed custom field values). */
function groupsOf(keyed: Keyed[]): Keyed[][] {
	const groups = new Map<string, Keyed[]>();
	for (const entry of keyed) {
		const group = JSON.stringify(entry.request.qs ?? {});
		groups.set(group, [...(groups.get(group) ?? []), entry]);
	}
	return [...groups.values()];
}

/**
 * One chunk of a group's distinct keys: one search; each item its record, or (for a key the search
 * did not answer with exactly one record) the single request, once per key. A failed search fails
 * the chunk's items only.
 */
async function answerChunk(
	run: RunContext,
	transport: Transport,
	chunk: Keyed[][],
	single: SingleItem,
	fail: FailItem,
	results: INodeExecutionData[][],
): Promise<void> {
	const spec = run.op!.combine!;
	const first = chunk[0][0];
	let found: Map<string, IDataObject[]>;
	try {
		found = await searchByKeys(transport, spec, chunk.map((entries) => entries[0].value), first.request.qs, first.itemIndex);
	} catch (error) {
		for (const { itemIndex } of chunk.flat()) results[itemIndex] = [fail(itemIndex, error as Error)];
		return;
	}
	for (const entries of chunk) {
		const records = found.get(entries[0].key);
		let answer: Promise<IDataObject[]> | undefined = records?.length === 1 ? Promise.resolve([records[0]]) : undefined;
		for (const { itemIndex } of entries) {
			answer ??= single(itemIndex);
			try {
				results[itemIndex] = (await answer).map((json) => ({ json, pairedItem: { item: itemIndex } }));
			} catch (error) {
				results[itemIndex] = [fail(itemIndex, error as Error)];
			}
		}
	}
}

/** A group's items by distinct key, in chunks of `maxPerRequest` keys. */
function chunksOf(group: Keyed[], maxPerRequest: number): Keyed[][][] {
	const byKey = new Map<string, Keyed[]>();
	for (const entry of group) byKey.set(entry.key, [...(byKey.get(entry.key) ?? []), entry]);
	const keys = [...byKey.values()];
	const chunks: Keyed[][][] = [];
	for (let start = 0; start < keys.length; start += maxPerRequest) chunks.push(keys.slice(start, start + maxPerRequest));
	return chunks;
}

export async function executeCombinedReads(
	run: RunContext,
	transport: Transport,
	single: SingleItem,
	fail: FailItem,
): Promise<INodeExecutionData[]> {
	const itemCount = run.fn.getInputData().length;
	const results: INodeExecutionData[][] = Array.from({ length: itemCount }, () => []);
	const keyed = keyedItems(run, run.op!, itemCount, fail, results);
	for (const group of groupsOf(keyed)) {
		for (const chunk of chunksOf(group, run.op!.combine!.maxPerRequest)) await answerChunk(run, transport, chunk, single, fail, results);
	}
	return results.flat();
}
