/**
 * Sends webhook notifications the way Copper does (§2.8): a POST to the
 * subscription's target with `{ids, type, event, subscription_id, timestamp,
 * updated_attributes?}`, the subscription's secret key/values echoed as
 * top-level body fields and its custom headers as HTTP headers. At most 30 ids
 * per notification; more ids are split into several notifications.
 *
 * Over HTTP (for a sandbox in another process, e.g. under the launcher):
 * `POST /__sandbox/deliver` with `{subscription_id}` or `{type, event}`, plus `ids`,
 * optional `updated_attributes`, `secret_override`, `headers_override`.
 */
import type { CopperSandbox } from './types';

export interface DeliveryOptions {
	ids: number[];
	/** For update events: `{field: [old, new]}` as Copper sends it. */
	updatedAttributes?: Record<string, [unknown, unknown]>;
	/** Replace the echoed secret values (to simulate a forged delivery). */
	secretOverride?: Record<string, unknown> | null;
	/** Replace the custom headers. */
	headersOverride?: Record<string, string> | null;
	/** Send to this URL instead of the subscription's target. */
	target?: string;
	/** The delivery's `timestamp` (default: now, ISO 8601); null leaves it out. */
	timestamp?: string | number | null;
}

export interface DeliveryResult {
	status: number;
	body: string;
}

export const MAX_IDS_PER_NOTIFICATION = 30;

export async function deliverWebhook(
	sandbox: Pick<CopperSandbox, 'store'>,
	subscriptionId: number,
	options: DeliveryOptions,
): Promise<DeliveryResult[]> {
	const hook = sandbox.store.webhooks.get(subscriptionId);
	if (!hook) throw new Error(`No webhook subscription ${subscriptionId}`);
	const secret = options.secretOverride === undefined ? hook.secret : options.secretOverride;
	const headers = options.headersOverride === undefined ? hook.headers : options.headersOverride;
	const results: DeliveryResult[] = [];
	for (let start = 0; start < options.ids.length; start += MAX_IDS_PER_NOTIFICATION) {
		const payload: Record<string, unknown> = {
			ids: options.ids.slice(start, start + MAX_IDS_PER_NOTIFICATION),
			type: hook.type,
			event: hook.event,
			subscription_id: hook.id,
			...(secret ?? {}),
			...(hook.event === 'update' ? { updated_attributes: options.updatedAttributes ?? {} } : {}),
			...(options.timestamp === null ? {} : { timestamp: options.timestamp ?? new Date().toISOString() }),
		};
		const response = await fetch(options.target ?? hook.target, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				...Object.fromEntries(Object.entries(headers ?? {}).map(([key, value]) => [key, String(value)])),
			},
			body: JSON.stringify(payload),
		});
		results.push({ status: response.status, body: await response.text() });
	}
	return results;
}

/** Delivers an event to every subscription of that type and event. */
export async function deliverEvent(
	sandbox: Pick<CopperSandbox, 'store'>,
	type: string,
	event: string,
	options: DeliveryOptions,
): Promise<DeliveryResult[]> {
	const hooks = [...sandbox.store.webhooks.values()].filter((hook) => hook.type === type && hook.event === event);
	const results: DeliveryResult[] = [];
	for (const hook of hooks) results.push(...(await deliverWebhook(sandbox, hook.id, options)));
	return results;
}

/** Handles `POST /__sandbox/deliver`; answers with the targets' responses. */
export async function deliverFromControlRequest(
	sandbox: Pick<CopperSandbox, 'store'>,
	body: unknown,
): Promise<{ status: number; body: unknown }> {
	const input = (body ?? {}) as Record<string, unknown>;
	if (!Array.isArray(input.ids)) return { status: 400, body: { message: 'ids (array) is required' } };
	const options: DeliveryOptions = {
		ids: input.ids.map(Number),
		updatedAttributes: input.updated_attributes as DeliveryOptions['updatedAttributes'],
		secretOverride: input.secret_override as DeliveryOptions['secretOverride'],
		headersOverride: input.headers_override as DeliveryOptions['headersOverride'],
	};
	try {
		const results =
			input.subscription_id !== undefined
				? await deliverWebhook(sandbox, Number(input.subscription_id), options)
				: await deliverEvent(sandbox, String(input.type), String(input.event), options);
		return { status: 200, body: { deliveries: results } };
	} catch (error) {
		return { status: 404, body: { message: (error as Error).message } };
	}
}
