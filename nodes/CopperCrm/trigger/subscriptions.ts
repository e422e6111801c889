/**
 * Lifecycle of the Copper subscriptions behind one trigger node: one
 * subscription per chosen event, a fresh random secret per activation (echoed by
 * Copper in each delivery's body and sent as a custom header), checked on
 * activation, removed on deactivation. State lives in the workflow's static data.
 */
import { randomBytes } from 'crypto';
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type IPollFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { createTransport, send, type Transport } from '../../shared/transport/transport';
import { copperService } from '../service';
import { MAX_SUBSCRIPTIONS, splitEvent } from './events';

/** Body field under which Copper echoes the activation's secret, and the header that carries it too. */
export const ECHO_FIELD = 'n8n_webhook_secret';
export const ECHO_HEADER = 'x-n8n-copper-secret';

export interface SubscriptionState {
	secret?: string;
	/** Subscription ID per event value (`person.new` → 17065). */
	subscriptions?: Record<string, number>;
	target?: string;
}

/** The transport of the trigger nodes (activation hooks, webhook deliveries, polls). */
export async function copperTransport(fn: IHookFunctions | IWebhookFunctions | IPollFunctions): Promise<Transport> {
	return await createTransport(fn, copperService);
}

const isNotFound = (error: unknown) => error instanceof NodeApiError && String(error.httpCode) === '404';

/** The request's result, or undefined when Copper answers 404 (any other error propagates). */
async function unlessNotFound<T>(request: Promise<T>): Promise<T | undefined> {
	return await request.catch((error: unknown) => {
		if (isNotFound(error)) return undefined;
		throw error;
	});
}

export function stateOf(fn: IHookFunctions | IWebhookFunctions): SubscriptionState {
	return fn.getWorkflowStaticData('node') as SubscriptionState;
}

export async function subscriptionsExist(fn: IHookFunctions, events: string[], target: string): Promise<boolean> {
	const state = stateOf(fn);
	const stored = state.subscriptions ?? {};
	if (!state.secret || state.target !== target) return false;
	if (Object.keys(stored).sort().join() !== [...events].sort().join()) return false;
	const transport = await copperTransport(fn);
	for (const [value, id] of Object.entries(stored)) {
		const response = await unlessNotFound(send(transport, { method: 'GET', path: `/webhooks/${id}` }, 'read'));
		if (!response) return false;
		const hook = response.body as IDataObject;
		const { type, event } = splitEvent(value);
		if (hook.target !== target || hook.type !== type || hook.event !== event) return false;
	}
	return true;
}

export async function deleteSubscriptions(fn: IHookFunctions): Promise<void> {
	const state = stateOf(fn);
	const transport = await copperTransport(fn);
	for (const id of Object.values(state.subscriptions ?? {})) {
		await unlessNotFound(send(transport, { method: 'DELETE', path: `/webhooks/${id}` }, 'delete'));
	}
	delete state.subscriptions;
	delete state.secret;
	delete state.target;
}

export async function createSubscriptions(
	fn: IHookFunctions,
	events: string[],
	target: string,
	computedValues: boolean,
): Promise<void> {
	await deleteSubscriptions(fn);
	const transport = await copperTransport(fn);
	const existing = await send(transport, { method: 'GET', path: '/webhooks' }, 'read');
	const count = Array.isArray(existing.body) ? existing.body.length : 0;
	if (count + events.length > MAX_SUBSCRIPTIONS) {
		throw new NodeOperationError(
			fn.getNode(),
			`Copper allows at most ${MAX_SUBSCRIPTIONS} webhook subscriptions per account: it has ${count} and this trigger needs ${events.length} more`,
			{ description: 'Delete unused subscriptions (Copper CRM node › Webhook › Delete subscription) or choose fewer events.' },
		);
	}
	const secret = randomBytes(24).toString('hex');
	const created: Record<string, number> = {};
	let complete = false;
	try {
		for (const value of events) {
			const { type, event } = splitEvent(value);
			const response = await send(
				transport,
				{
					method: 'POST',
					path: '/webhooks',
					body: {
						target,
						type,
						event,
						secret: { [ECHO_FIELD]: secret },
						headers: { [ECHO_HEADER]: secret },
						...(computedValues ? { custom_field_computed_values: true } : {}),
					},
				},
				'create',
			);
			created[value] = (response.body as IDataObject).id as number;
		}
		complete = true;
	} finally {
		// A failure part-way leaves no orphan subscriptions behind.
		if (!complete) {
			for (const id of Object.values(created)) {
				await send(transport, { method: 'DELETE', path: `/webhooks/${id}` }, 'delete').catch(() => undefined);
			}
		}
	}
	Object.assign(stateOf(fn), { secret, subscriptions: created, target });
}
