/**
 * The router: one per-item loop for every catalog operation (and the Custom API Call), owning
 * continue-on-fail in one place, with every output item paired to its input. Bulk operations go to
 * bulk.ts; paginated ones to pagination.ts; custom field definitions are loaded before the loop.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { OperationSpec } from '../catalog';
import { buildCustomCall, CUSTOM_CALL_OPERATION, CUSTOM_CALL_RESOURCE, N8N_CUSTOM_CALL_VALUE } from '../customCall';
import { DEFAULT_LIMIT } from '../description/paginationProperties';
import { combineSettings, retrySettings } from '../description/requestOptions';
import type { ServiceSpec } from '../service';
import { createTransport, send, type Transport } from '../transport/transport';
import { bulkVariantOf, executeBulk, executeCombinedWrites } from './bulk';
import { executeCombinedReads } from './combine';
import { prepareCustomFields } from './customFieldDefinitions';
import { fetchAllSliced, sliceHints, type SliceReport } from './keysetSlicing';
import { fetchAllPages, type PagingReport } from './pagination';
import { buildRequest } from './request';
import type { FailItem, RunContext } from './runContext';
import { shapeToolOutput, toolOutputMode } from './toolOutput';
import { uploadItem } from './upload';

/** The array values of an object body concatenated (`{user: [...], system: [...]}` → one list). */
export function arrayValuesOf(body: unknown): IDataObject[] {
	if (!body || typeof body !== 'object') return [];
	return Object.values(body as Record<string, unknown>)
		.filter(Array.isArray)
		.flat()
		.map((entry) => entry as IDataObject);
}

/** Turns a response body into output records. */
export function toRecords(body: unknown, op?: OperationSpec): IDataObject[] {
	if (body === undefined || body === null || body === '') return [{ success: true }];
	if (Array.isArray(body)) {
		return body.map((entry) => (entry && typeof entry === 'object' ? (entry as IDataObject) : { value: entry }));
	}
	if (typeof body === 'object') {
		if (op?.flattenObjectOfArrays) return arrayValuesOf(body);
		return Object.keys(body).length ? [body as IDataObject] : [{ success: true }];
	}
	return [{ value: body as string }];
}

/** Input items whose Limit cut a longer list short, for one hint after the run. */
type LimitedItems = Array<{ itemIndex: number; limit: number; total?: number }>;

async function executeItem(run: RunContext, transport: Transport, itemIndex: number, limited: LimitedItems, sliced: SliceReport[] = []): Promise<IDataObject[]> {
	const { fn, op } = run;
	if (op?.upload) return await uploadItem(run, transport, op, itemIndex);
	const { request, kind, paginated } = op
		? { request: buildRequest(run, op, itemIndex), kind: op.kind, paginated: !!op.paginated }
		: buildCustomCall(run, itemIndex);
	if (paginated) {
		const returnAll = fn.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (fn.getNodeParameter('limit', itemIndex, DEFAULT_LIMIT) as number);
		if (limit === undefined && op?.slice) {
			const sliceReport: SliceReport = { slices: 0, read: 0 };
			sliced.push(sliceReport);
			return toRecords(await fetchAllSliced(transport, request, kind, op.slice, itemIndex, sliceReport));
		}
		const report: PagingReport = {};
		const records = await fetchAllPages(transport, request, kind, limit, itemIndex, report);
		if (limit !== undefined && report.more) limited.push({ itemIndex, limit, total: report.total });
		return toRecords(records);
	}
	const response = await send(transport, request, kind, itemIndex);
	return toRecords(response.body, op);
}

/** The catalog entry the node's Resource and Operation select; undefined for the Custom API Call. */
export function selectedOperation(fn: IExecuteFunctions, service: ServiceSpec): OperationSpec | undefined {
	const resource = fn.getNodeParameter('resource', 0) as string;
	const operation = fn.getNodeParameter('operation', 0, '') as string;
	if (resource === N8N_CUSTOM_CALL_VALUE || operation === N8N_CUSTOM_CALL_VALUE) {
		throw new NodeOperationError(fn.getNode(), 'This node was saved with an older "Custom API Call" option that no longer exists', {
			description:
				'Open the node and choose "Custom API Call" again: it is the last entry of every Operation list (and of the Resource list). Then set Method and Path; the request keeps this node\'s credential, retries and paging.',
		});
	}
	if (resource === CUSTOM_CALL_RESOURCE || operation === CUSTOM_CALL_OPERATION) return undefined;
	const op = service.operations.find((entry) => entry.resource === resource && entry.value === operation);
	if (!op) throw new NodeOperationError(fn.getNode(), `Unknown operation "${operation}" for resource "${resource}"`);
	return op;
}

/**
 * The failure item of Continue On Fail, on the output n8n's "On Error" setting names, paired to its
 * input. For "Continue (using error output)" its JSON holds only `error` (the message) and `message`
 * (the description, with the HTTP status): the one shape both n8n lines route to the error output
 * (1.x: `error` alone or with `message`; 2.x: any of error/message/details; an `error` field on the
 * item would route it too, but 2.x then cuts the JSON to the message). On the regular output the
 * item keeps `description` and `httpCode` as fields.
 */
function failItem(fn: IExecuteFunctions, continueOnFail: () => boolean): FailItem {
	const toErrorOutput = fn.getNode().onError === 'continueErrorOutput';
	return (itemIndex, error) => {
		if (!continueOnFail()) throw error;
		const { description, httpCode } = error as Error & { description?: string | null; httpCode?: string | null };
		const json: IDataObject = toErrorOutput
			? { error: error.message, ...(description ? { message: description } : {}) }
			: { error: error.message, ...(description ? { description } : {}), ...(httpCode ? { httpCode } : {}) };
		return { json, pairedItem: { item: itemIndex } };
	};
}

/** Adds hints to the output pane (guarded: contexts that run the node as an AI tool may not collect hints). */
function hint(fn: IExecuteFunctions, message: string): void {
	if (typeof fn.addExecutionHints === 'function') fn.addExecutionHints({ message, type: 'info', location: 'outputPane' });
}

/** The ordinary per-item loop: one request (or one paged read) per input item. */
async function executeItems(run: RunContext, transport: Transport, fail: FailItem): Promise<INodeExecutionData[]> {
	const itemCount = run.fn.getInputData().length;
	const output: INodeExecutionData[] = [];
	const limited: LimitedItems = [];
	const sliced: SliceReport[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			const records = await executeItem(run, transport, itemIndex, limited, sliced);
			for (const json of records) output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			output.push(fail(itemIndex, error as Error));
		}
	}
	if (limited.length && !editorSaysLimitReached(run.fn, output.length)) hint(run.fn, limitHint(run.service, limited, itemCount));
	if (run.op?.slice) for (const message of sliceHints(run.service.displayName, run.op.slice, sliced, itemCount)) hint(run.fn, message);
	return output;
}

/** From this many single writes with a bulk variant on, the output pane says how few bulk requests they need. */
const BULK_HINT_MIN_ITEMS = 10;

function bulkHint(run: RunContext, itemCount: number): string | undefined {
	const bulkOp = bulkVariantOf(run);
	if (!bulkOp?.bulk || itemCount < BULK_HINT_MIN_ITEMS) return undefined;
	const needed = Math.ceil(itemCount / bulkOp.bulk.maxPerRequest);
	return `Sent ${itemCount} single requests; with Request Options › "Combine Writes Into Bulk Requests" on, these ${itemCount} items would take ${needed} bulk requests ("${bulkOp.title}").`;
}

/**
 * Runs the selected operation over every input item, in the fewest requests the options allow.
 * `continueOnFail` is the node's own `this.continueOnFail()`, asked when an item fails.
 */
export async function executeService(
	fn: IExecuteFunctions,
	service: ServiceSpec,
	continueOnFail: () => boolean = () => fn.continueOnFail(),
): Promise<INodeExecutionData[][]> {
	const itemCount = fn.getInputData().length;
	const op = selectedOperation(fn, service);
	const transport = await createTransport(fn, service, retrySettings(fn, service));
	const toolOutput = toolOutputMode(fn, op);
	const { lookup, mapOutput } = await prepareCustomFields(fn, transport, op, toolOutput === 'simplified');
	const run: RunContext = { fn, service, op, customFields: lookup, parameters: new Map() };
	const fail = failItem(fn, continueOnFail);
	const combine = combineSettings(fn);
	const several = itemCount > 1;

	let output: INodeExecutionData[];
	if (op?.bulk) output = await executeBulk(run, transport, fail);
	else if (op?.combine && combine.reads && several) {
		output = await executeCombinedReads(run, transport, (itemIndex) => executeItem(run, transport, itemIndex, []), fail);
	} else if (op?.bulkVariant && combine.writes && several) output = await executeCombinedWrites(run, transport, fail);
	else {
		output = await executeItems(run, transport, fail);
		const message = op?.bulkVariant ? bulkHint(run, itemCount) : undefined;
		if (message) hint(fn, message);
	}
	if (mapOutput) output = mapOutput(output);
	return [op && toolOutput !== 'full' ? shapeToolOutput(fn, service, op, toolOutput, output) : output];
}

/**
 * n8n's editor shows its own "Limit of N items reached" hint when the output holds exactly the fixed
 * Limit (not an expression): then it says it alone, and the node adds no second hint.
 */
function editorSaysLimitReached(fn: IExecuteFunctions, outputCount: number): boolean {
	const limit = fn.getNode().parameters.limit;
	return typeof limit === 'number' && limit === outputCount;
}

/** Tells the user that Limit left records out, in the output pane. */
function limitHint(service: ServiceSpec, limited: LimitedItems, itemCount: number): string {
	const [first] = limited;
	const reported = first.total !== undefined ? ` (${service.displayName} reports ${first.total})` : '';
	return itemCount === 1
		? `Returned the first ${first.limit} records; more match${reported}. Turn on "Return All" to get every one, or raise "Limit".`
		: `For ${limited.length} of ${itemCount} input items, "Limit" left out records that match. Turn on "Return All" to get every one, or raise "Limit".`;
}
