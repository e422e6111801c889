/**
 * The router: one per-item loop for every catalog operation, with
 * continue-on-fail handled in one place and every output item paired to its input.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationSpec } from './catalog';
import { executeBulk } from './bulk';
import { buildCustomCall, CUSTOM_CALL_RESOURCE } from './customCall';
import { fetchAllPages } from './pagination';
import { buildRequest } from './request';
import type { ServiceSpec } from './service';
import { createTransport, defaultRetrySettings, send, type RetrySettings, type Transport } from './transport';

/** Retry, timeout and throttle settings from the node's Request Options (service defaults otherwise). */
export function retrySettings(fn: IExecuteFunctions, service: ServiceSpec): RetrySettings {
	const options = fn.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	return {
		maxRetries: (options.maxRetries as number) ?? defaultRetrySettings.maxRetries,
		maxWaitMs: options.maxWaitSeconds !== undefined ? (options.maxWaitSeconds as number) * 1000 : defaultRetrySettings.maxWaitMs,
		initialDelayMs: (options.initialDelayMs as number) ?? defaultRetrySettings.initialDelayMs,
		timeoutMs: (options.timeoutMs as number) ?? defaultRetrySettings.timeoutMs,
		throttle: service.throttle && {
			max: (options.throttleMax as number) ?? service.throttle.max,
			windowMs:
				options.throttleWindowSeconds !== undefined
					? (options.throttleWindowSeconds as number) * 1000
					: service.throttle.windowMs,
		},
		bulkThrottle: service.bulkThrottle && {
			max: (options.bulkThrottleMax as number) ?? service.bulkThrottle.max,
			windowMs:
				options.bulkThrottleWindowSeconds !== undefined
					? (options.bulkThrottleWindowSeconds as number) * 1000
					: service.bulkThrottle.windowMs,
		},
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

async function executeItem(
	fn: IExecuteFunctions,
	transport: Transport,
	op: OperationSpec | undefined,
	itemIndex: number,
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
		return toRecords(await fetchAllPages(transport, request, kind, limit, itemIndex));
	}
	const response = await send(transport, request, kind, itemIndex);
	return toRecords(response.body, op);
}

export async function executeService(fn: IExecuteFunctions, service: ServiceSpec): Promise<INodeExecutionData[][]> {
	const items = fn.getInputData();
	const resource = fn.getNodeParameter('resource', 0) as string;
	const operation = fn.getNodeParameter('operation', 0) as string;
	const op =
		resource === CUSTOM_CALL_RESOURCE
			? undefined
			: service.operations.find((entry) => entry.resource === resource && entry.value === operation);
	if (resource !== CUSTOM_CALL_RESOURCE && !op) {
		throw new Error(`Unknown operation "${operation}" for resource "${resource}"`);
	}
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
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const records = await executeItem(fn, transport, op, itemIndex);
			for (const json of records) output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			output.push(fail(itemIndex, error as Error));
		}
	}
	return [output];
}
