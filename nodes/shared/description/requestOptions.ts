/**
 * The Request Options collection (retries, timeout, client-side throttles) and reading it back for
 * one execution. The retry defaults are written once, here; throttle defaults are the service's documented limits.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { COMBINE_READS, COMBINE_WRITES, REQUEST_OPTIONS, THROTTLE_OPTION_NAMES } from '../parameters';
import type { ServiceSpec, Throttle } from '../service';
import { DEFAULT_MAX_RESPONSE_MIB, MIB } from '../transport/responseBounds';
import { DEFAULT_RETRY_SETTINGS, type RetrySettings } from '../transport/retryPolicy';
import { sortByName } from './basics';

type ThrottleNames = { max: string; window: string };

/** The two Request Options fields of one client-side throttle: requests per window, and the window. */
function throttleOptions(limit: Throttle, names: ThrottleNames, labels: ThrottleNames, description: string): INodeProperties[] {
	const max = limit.max;
	const windowSeconds = limit.windowMs / 1000;
	return [
		{
			displayName: `Throttle: ${labels.max}`,
			name: names.max,
			type: 'number',
			default: max,
			typeOptions: { minValue: 0 },
			description,
		},
		{
			displayName: `Throttle: ${labels.window}`,
			name: names.window,
			type: 'number',
			default: windowSeconds,
			typeOptions: { minValue: 0, numberPrecision: 3 },
		},
	];
}

/** The defaults are literals (the linter asks for them) and equal transport/retryPolicy.ts DEFAULT_RETRY_SETTINGS (test/unit/description). */
export const RETRY_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		default: 8,
		typeOptions: { minValue: 0, maxValue: 20 },
		description:
			'How often a request is retried after a rate limit (429) or a refused connection, or, for requests that create nothing, a server error, reset or timeout',
	},
	{
		displayName: 'Max Total Wait (Seconds)',
		name: 'maxWaitSeconds',
		type: 'number',
		default: 180,
		typeOptions: { minValue: 0 },
		description: 'Upper bound of the time spent waiting between retries for one request (the Request Deadline may end it sooner)',
	},
	{
		displayName: 'Initial Retry Delay (Milliseconds)',
		name: 'initialDelayMs',
		type: 'number',
		default: 1000,
		typeOptions: { minValue: 0 },
		description: 'First backoff delay; the ceiling doubles on each retry (at most 20 s), and each delay is drawn at random below it',
	},
	{
		displayName: 'Timeout (Milliseconds)',
		name: 'timeoutMs',
		type: 'number',
		default: 60000,
		typeOptions: { minValue: 1000 },
		description: 'How long one attempt may go without receiving any data (idle timeout)',
	},
	{
		displayName: 'Attempt Deadline (Seconds)',
		name: 'attemptDeadlineSeconds',
		type: 'number',
		default: 60,
		typeOptions: { minValue: 0.1, numberPrecision: 1 },
		description:
			'Total time one attempt may take, receiving the whole answer included (a server that answers slowly, byte by byte, is cut off here). Default 60 s.',
	},
	{
		displayName: 'Request Deadline (Seconds)',
		name: 'requestDeadlineSeconds',
		type: 'number',
		default: 120,
		typeOptions: { minValue: 0.1, numberPrecision: 1 },
		description:
			'Total time one request may take: every attempt, rate-limit wait and retry delay included. With the defaults no request takes longer than 120 s.',
	},
	{
		displayName: 'Max Response Size (MiB)',
		name: 'maxResponseMiB',
		type: 'number',
		default: DEFAULT_MAX_RESPONSE_MIB,
		typeOptions: { minValue: 1 },
		description: `Largest answer read from one request; a larger one stops being read and fails the request. Default ${DEFAULT_MAX_RESPONSE_MIB} MiB, far above any page of the API.`,
	},
];

const COMBINE_READS_OPTION: INodeProperties = {
	displayName: 'Combine Fetches Into Searches',
	name: COMBINE_READS,
	type: 'boolean',
	default: true,
	description:
		'Whether several input items fetched by ID (or a person by email) are answered by one search per 200 items instead of one request each. Each item still gets exactly its own record, or the single fetch\'s error.',
};

const COMBINE_WRITES_OPTION: INodeProperties = {
	displayName: 'Combine Writes Into Bulk Requests',
	name: COMBINE_WRITES,
	type: 'boolean',
	default: false,
	description:
		"Whether creates and updates of several input items are sent through the API's bulk endpoint (10 records per request, under the bulk limit) instead of one request each; each item gets its own record or error. The bulk endpoints are documented as beta.",
};

/** Retry, timeout and client-side throttle settings; throttle defaults are the service's documented limits. */
export function requestOptionsProperty(service: ServiceSpec): INodeProperties {
	const options: INodeProperties[] = [...RETRY_OPTIONS];
	if (service.operations.some((op) => op.combine)) options.push(COMBINE_READS_OPTION);
	if (service.operations.some((op) => op.bulkVariant)) options.push(COMBINE_WRITES_OPTION);
	if (service.throttle) {
		options.push(
			...throttleOptions(
				service.throttle,
				THROTTLE_OPTION_NAMES.all,
				{ max: 'Max Requests', window: 'Window (Seconds)' },
				'Requests allowed per throttle window, counted client-side (across all executions in this n8n instance that use the same credential) so runs use the API budget without being refused (0 turns it off). Defaults to the documented limit.',
			),
		);
	}
	if (service.bulkThrottle) {
		options.push(
			...throttleOptions(
				service.bulkThrottle,
				THROTTLE_OPTION_NAMES.bulk,
				{ max: 'Max Bulk Requests', window: 'Bulk Window (Seconds)' },
				'Bulk requests allowed per bulk window (the documented bulk limit by default)',
			),
		);
	}
	return {
		displayName: 'Request Options',
		name: REQUEST_OPTIONS,
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: sortByName(options),
	};
}

/** Whether this execution combines reads into searches, and writes into bulk requests. */
export function combineSettings(fn: IExecuteFunctions): { reads: boolean; writes: boolean } {
	const options = fn.getNodeParameter(REQUEST_OPTIONS, 0, {}) as IDataObject;
	return {
		reads: (options[COMBINE_READS] as boolean | undefined) ?? (COMBINE_READS_OPTION.default as boolean),
		writes: (options[COMBINE_WRITES] as boolean | undefined) ?? (COMBINE_WRITES_OPTION.default as boolean),
	};
}

/** One throttle from its Request Options fields, the service's documented limit where unset. */
function throttleFrom(options: IDataObject, names: ThrottleNames, documented: Throttle | undefined): Throttle | undefined {
	if (!documented) return undefined;
	const windowSeconds = options[names.window] as number | undefined;
	return {
		max: (options[names.max] as number | undefined) ?? documented.max,
		windowMs: windowSeconds !== undefined ? windowSeconds * 1000 : documented.windowMs,
	};
}

/** The execution's retry, timeout and throttle settings from Request Options (defaults otherwise). */
export function retrySettings(fn: IExecuteFunctions, service: ServiceSpec): RetrySettings {
	const options = fn.getNodeParameter(REQUEST_OPTIONS, 0, {}) as IDataObject;
	const seconds = (value: unknown) => (value !== undefined ? (value as number) * 1000 : undefined);
	return {
		maxRetries: (options.maxRetries as number) ?? DEFAULT_RETRY_SETTINGS.maxRetries,
		maxWaitMs: seconds(options.maxWaitSeconds) ?? DEFAULT_RETRY_SETTINGS.maxWaitMs,
		initialDelayMs: (options.initialDelayMs as number) ?? DEFAULT_RETRY_SETTINGS.initialDelayMs,
		timeoutMs: (options.timeoutMs as number) ?? DEFAULT_RETRY_SETTINGS.timeoutMs,
		attemptDeadlineMs: seconds(options.attemptDeadlineSeconds) ?? DEFAULT_RETRY_SETTINGS.attemptDeadlineMs,
		requestDeadlineMs: seconds(options.requestDeadlineSeconds) ?? DEFAULT_RETRY_SETTINGS.requestDeadlineMs,
		maxResponseBytes: ((options.maxResponseMiB as number | undefined) ?? DEFAULT_MAX_RESPONSE_MIB) * MIB,
		throttle: throttleFrom(options, THROTTLE_OPTION_NAMES.all, service.throttle),
		bulkThrottle: throttleFrom(options, THROTTLE_OPTION_NAMES.bulk, service.bulkThrottle),
	};
}
