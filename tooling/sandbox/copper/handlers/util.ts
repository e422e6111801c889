/** Small helpers shared by the handlers. */

import { isEntityPlural } from '../entities';
import { invalidInput, notFound } from '../errors';
import { idParam, type Ctx } from '../router';
import type { AnyRecord, EntityPlural } from '../types';
import { isObject, type Obj } from '../validation';

/** The JSON body as an object, or 422. */
export function bodyObject(ctx: Ctx): Obj {
	if (!isObject(ctx.body)) throw invalidInput('the request body must be a JSON object');
	return ctx.body;
}

/** The JSON body as an object; an empty body counts as `{}`. */
export function optionalBody(ctx: Ctx): Obj {
	if (ctx.body === undefined || ctx.body === null) return {};
	return bodyObject(ctx);
}

/** `:entity` path parameter (plural), 404 when it is not one of the six record entities (or not in `allowed`). */
export function entityParam(ctx: Ctx, name = 'entity', allowed?: readonly EntityPlural[]): EntityPlural {
	const e = ctx.params[name];
	if (!isEntityPlural(e) || (allowed && !allowed.includes(e))) throw notFound();
	return e;
}

/** The record addressed by `:entity/:id` (or a fixed entity), 404 when unknown. */
export function recordParam(ctx: Ctx, entity: EntityPlural, name = 'id'): AnyRecord {
	const rec = ctx.store.get(entity, idParam(ctx, name));
	if (!rec) throw notFound();
	return rec;
}
