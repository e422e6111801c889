/** Webhook subscriptions (spec §2.8, §3.21). Deliveries are sent by delivery.ts. */

import { invalidInput, notFound, unprocessable } from '../errors';
import { idParam, ok, type Ctx, type Router } from '../router';
import type { Webhook } from '../types';
import { isObject, optBool, type Obj } from '../validation';
import { bodyObject } from './util';

export const WEBHOOK_LIMIT = 100;
export const WEBHOOK_TYPES = ['lead', 'person', 'company', 'opportunity', 'project', 'task', 'activity_log'];
export const WEBHOOK_EVENTS = ['new', 'update', 'delete'];

/** Copper requires https targets; a local sandbox may allow http (store.allowHttpWebhookTargets). */
function target(v: unknown, allowHttp = false): string {
	const pattern = allowHttp ? /^https?:\/\/[^\s/]+/i : /^https:\/\/[^\s/]+/i;
	if (typeof v !== 'string' || !pattern.test(v)) {
		throw unprocessable('Invalid input: Invalid URI For External Resource');
	}
	return v;
}

function keyValues(name: string, v: unknown): Record<string, unknown> | null {
	if (v === null) return null;
	if (!isObject(v)) throw invalidInput(`${name} must be an object`);
	return { ...v };
}

function applyOptional(hook: Webhook, b: Obj, allowHttp: boolean): void {
	if (b.target !== undefined) hook.target = target(b.target, allowHttp);
	if (b.secret !== undefined) hook.secret = keyValues('secret', b.secret);
	if (b.headers !== undefined) hook.headers = keyValues('headers', b.headers);
	if (b.custom_field_computed_values !== undefined) {
		hook.custom_field_computed_values = optBool('custom_field_computed_values', b.custom_field_computed_values) ?? false;
	}
}

function find(ctx: Ctx): Webhook {
	const hook = ctx.store.webhooks.get(idParam(ctx));
	if (!hook) throw notFound();
	return hook;
}

export function registerWebhookRoutes(router: Router): void {
	router.post('/webhooks', (ctx) => {
		const b = bodyObject(ctx);
		const hook: Webhook = {
			id: 0,
			target: target(b.target, ctx.store.allowHttpWebhookTargets),
			type: '',
			event: '',
			secret: null,
			headers: null,
			custom_field_computed_values: false,
			created_at: ctx.store.now(),
		};
		if (typeof b.type !== 'string' || !WEBHOOK_TYPES.includes(b.type)) throw invalidInput(`type must be one of ${WEBHOOK_TYPES.join(', ')}`);
		if (typeof b.event !== 'string' || !WEBHOOK_EVENTS.includes(b.event)) throw invalidInput(`event must be one of ${WEBHOOK_EVENTS.join(', ')}`);
		hook.type = b.type;
		hook.event = b.event;
		applyOptional(hook, { ...b, target: undefined }, ctx.store.allowHttpWebhookTargets);
		if (ctx.store.webhooks.size >= WEBHOOK_LIMIT) {
			throw invalidInput(`Maximum number of webhook subscriptions (${WEBHOOK_LIMIT}) reached`);
		}
		hook.id = ctx.store.nextId();
		ctx.store.webhooks.set(hook.id, hook);
		return ok(hook);
	});
	router.get('/webhooks', (ctx) => ok(Array.from(ctx.store.webhooks.values())));
	router.get('/webhooks/:id', (ctx) => ok(find(ctx)));
	router.put('/webhooks/:id', (ctx) => {
		const hook = find(ctx);
		const copy = { ...hook };
		applyOptional(copy, bodyObject(ctx), ctx.store.allowHttpWebhookTargets); // type and event are not updatable
		ctx.store.webhooks.set(hook.id, copy);
		return ok(copy);
	});
	router.delete('/webhooks/:id', (ctx) => {
		const hook = find(ctx);
		ctx.store.webhooks.delete(hook.id);
		return ok({ id: hook.id });
	});
}
