/**
 * A run of one catalog operation without n8n or HTTP, for the pairing tests: n8n's execute context
 * reduced to what the engine reads (items, parameters per item, Continue On Fail, the request helper),
 * and a transport whose request helper answers from `answer`. The engine's own code runs unchanged.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';

import type { OperationSpec } from '../../../nodes/shared/catalog';
import type { FailItem, RunContext } from '../../../nodes/shared/execution/runContext';
import type { ServiceSpec } from '../../../nodes/shared/service';
import { rateStateFor } from '../../../nodes/shared/transport/rateLimit';
import { createRedactor } from '../../../nodes/shared/transport/redact';
import { newRetryBudget } from '../../../nodes/shared/transport/retryBudget';
import { DEFAULT_RETRY_SETTINGS } from '../../../nodes/shared/transport/retryPolicy';
import type { Transport } from '../../../nodes/shared/transport/transport';
import { node } from '../context';

export interface Sent {
	method: string;
	path: string;
	body: IDataObject | undefined;
}

/** What the fake server answers: a status and a JSON body. */
export type Answer = (sent: Sent) => { status: number; body: unknown };

let runs = 0;

export function fakeRun(service: ServiceSpec, op: OperationSpec, parameters: IDataObject[], answer: Answer, continueOnFail = true) {
	const sent: Sent[] = [];
	const helpers = {
		async httpRequestWithAuthentication(_type: string, options: IHttpRequestOptions) {
			const path = String(options.url).replace('http://api.test', '');
			const request = { method: String(options.method), path, body: options.body ? (JSON.parse(String(options.body)) as IDataObject) : undefined };
			sent.push(request);
			const { status, body } = answer(request);
			return { statusCode: status, headers: {}, body: JSON.stringify(body) };
		},
	};
	const fn = {
		getInputData: () => parameters.map((json) => ({ json })),
		getNode: () => node,
		getTimezone: () => 'UTC',
		continueOnFail: () => continueOnFail,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => parameters[itemIndex]?.[name] ?? fallback,
		helpers,
	} as unknown as IExecuteFunctions;
	const unlimited = { max: 0, windowMs: 1 };
	const transport: Transport = {
		fn,
		service,
		credentialType: 'unitTest',
		oauth2: false,
		baseUrl: 'http://api.test',
		retry: { ...DEFAULT_RETRY_SETTINGS, maxRetries: 0, throttle: unlimited, bulkThrottle: unlimited },
		rate: rateStateFor('unitTest', `pairing-${++runs}`, 'http://api.test'),
		sent: 0,
		retryBudget: newRetryBudget(),
		redact: createRedactor([]),
	};
	const run: RunContext = { fn, service, op, parameters: new Map() };
	const fail: FailItem = (itemIndex, error) => ({ json: { error: error.message }, pairedItem: { item: itemIndex } });
	return { run, transport, fail, sent };
}

/** Each output item as [the input item it is paired to, its json]. */
export const pairs = (items: INodeExecutionData[]) => items.map((item) => [(item.pairedItem as { item: number }).item, item.json]);
