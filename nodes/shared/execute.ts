/**
 * The router: one per-item loop for every catalog operation, with
 * continue-on-fail handled in one place and every output item paired to its input.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, NodeExecutionHint } from 'n8n-workflow';

import type { OperationSpec } from './catalog';
import { executeBulk } from './bulk';
import { buildCustomCall, CUSTOM_CALL_RESOURCE } from './customCall';
import { fetchAllPages, type PagingReport } from './pagination';
import { buildRequest } from './request';
import { THROTTLE_OPTION_NAMES } from './properties';
import type { ServiceSpec, Throttle } from './service';
import { createTransport, defaultRetrySettings, send, type RetrySettings, type Transport } from './transport';

/** One throttle from its Request Options fields, the service's documented limit where unset. */
function throttleFrom(options: IDataObject, names: { max: string; window: string }, documented: Throttle | undefined): Throttle | undefined {
	if (!documented) return undefined;
	const windowSeconds = options[names.window] as number | undefined;
	return {
		max: (options[names.max] as number | undefined) ?? documented.max,
		windowMs: windowSeconds !== undefined ? windowSeconds * 1000 : documented.windowMs,
	};
}

/** Retry, timeout and throttle settings from the node's Request Options (service defaults otherwise). */
export function retrySettings(fn: IExecuteFunctions, service: ServiceSpec): RetrySettings {
	const options = fn.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	return {
		maxRetries: (options.maxRetries as number) ?? defaultRetrySettings.maxRetries,
		maxWaitMs: options.maxWaitSeconds !== undefined ? (options.maxWaitSeconds as number) * 1000 : defaultRetrySettings.maxWaitMs,
		initialDelayMs: (options.initialDelayMs as number) ?? defaultRetrySettings.initialDelayMs,
		timeoutMs: (options.timeoutMs as number) ?? defaultRetrySettings.timeoutMs,
		throttle: throttleFrom(options, THROTTLE_OPTION_NAMES.all, service.throttle),
		bulkThrottle: throttleFrom(options, THROTTLE_OPTION_NAMES.bulk, service.bulkThrottle),
	};
}

/** Turns a response body into output records. */
export function toRecords(body: unknown, op?: OperationSpec): IDataObject[] {
	if (body === undefined || body === null || body === '') return [{ success: true }];
	if (Array.isArray(body)) {
		return body.map((entry) => (entry && typeof entry === 'object' ? (entry as IDataObject) : { value: entry }));
	}
	if (typeof body === 'object') {
		if (op?.flattenObjectOfArrays) {
			return Object.values(body as Record<string, unknown>)
				.filter(Array.isArray)
				.flat()
				.map((entry) => entry as IDataObject);
		}
		return Object.keys(body).length ? [body as IDataObject] : [{ success: true }];
	}
	return [{ value: body as string }];
}

/** Input items whose Limit cut a longer list short, for one hint after the run. */
type LimitedItems = Array<{ itemIndex: number; limit: number; total?: number }>;

async function executeItem(
	fn: IExecuteFunctions,
	transport: Transport,
	op: OperationSpec | undefined,
	itemIndex: number,
	limited: LimitedItems,
): Promise<IDataObject[]> {
	const { request, kind, paginated } = op
		? { request: buildRequest(fn, op, itemIndex), kind: op.kind, paginated: !!op.paginated }
		: (() => {
				const call = buildCustomCall(fn, itemIndex);
				return { request: call.request, kind: call.kind, paginated: call.paginate };
			})();
	if (paginated) {
		const returnAll = fn.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (fn.getNodeParameter('limit', itemIndex, 50) as number);
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
	if (resource === CUSTOM_CALL_RESOURCE) return undefined;
	const operation = fn.getNodeParameter('operation', 0) as string;
	const op = service.operations.find((entry) => entry.resource === resource && entry.value === operation);
	if (!op) throw new Error(`Unknown operation "${operation}" for resource "${resource}"`);
	return op;
}

export async function executeService(fn: IExecuteFunctions, service: ServiceSpec): Promise<INodeExecutionData[][]> {
	const items = fn.getInputData();
	const op = selectedOperation(fn, service);
	const authentication = fn.getNodeParameter('authentication', 0, 'apiKey') as string;
	const transport = await createTransport(fn, service, authentication, retrySettings(fn, service));

	const fail = (itemIndex: number, error: Error): INodeExecutionData => {
		if (!fn.continueOnFail()) throw error;
		const details = error as Error & { description?: string; httpCode?: string };
		return {
			json: {
				error: details.message,
				...(details.description ? { description: details.description } : {}),
				...(details.httpCode ? { httpCode: details.httpCode } : {}),
			},
			pairedItem: { item: itemIndex },
		};
	};

	if (op?.bulk) return [await executeBulk(fn, transport, op, fail)];

	const output: INodeExecutionData[] = [];
	const limited: LimitedItems = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const records = await executeItem(fn, transport, op, itemIndex, limited);
			for (const json of records) output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			output.push(fail(itemIndex, error as Error));
		}
	}
	// (Guarded: contexts that run the node as an AI tool may not collect hints.)
	if (limited.length && typeof fn.addExecutionHints === 'function') fn.addExecutionHints(limitHint(service, limited, items.length));
	return [output];
}

/** Tells the user that Limit left records out, in the output pane. */
function limitHint(service: ServiceSpec, limited: LimitedItems, itemCount: number): NodeExecutionHint {
	const [first] = limited;
	const reported = first.total !== undefined ? ` (${service.displayName} reports ${first.total})` : '';
	const message =
		itemCount === 1
			? `Returned the first ${first.limit} records; more match${reported}. Turn on "Return All" to get every one, or raise "Limit".`
			: `For ${limited.length} of ${itemCount} input items, "Limit" left out records that match. Turn on "Return All" to get every one, or raise "Limit".`;
	return { message, type: 'info', location: 'outputPane' };
}
