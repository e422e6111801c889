/**
 * Bulk create/update (spec §2.9): body `{"<plural>": [...]}`, at most 10 items (else 422
 * `{"error":"Request size too large, limit is 10"}`), always 200 with one element per item in
 * request order: the full record, or `{"success":false,"message":{"<field>":[{"error":"<code>"}]}[, "id":n]}`.
 */

import { ApiError, ValidationError, invalidInput } from '../errors';
import { createRecord, updateRecord } from '../operations';
import { ok, type Ctx, type Reply } from '../router';
import { recordSerializer } from '../serialize';
import type { EntityPlural } from '../types';
import { isObject } from '../validation';

export const BULK_LIMIT = 10;

export interface BulkFailure {
	success: false;
	message: Record<string, Array<{ error: string }>>;
	id?: unknown;
}

export function bulkItems(ctx: Ctx, key: string): unknown[] {
	const b = ctx.body;
	if (!isObject(b) || !Array.isArray(b[key])) throw invalidInput(`the body must be {"${key}": [...]}`);
	const items = b[key] as unknown[];
	if (items.length > BULK_LIMIT) throw new ApiError(422, { error: `Request size too large, limit is ${BULK_LIMIT}` });
	return items;
}

export function bulkFailure(e: unknown, id?: unknown): BulkFailure {
	let message: BulkFailure['message'];
	if (e instanceof ValidationError) message = { [e.field]: [{ error: e.code }] };
	else if (e instanceof ApiError && e.status === 404) message = { id: [{ error: 'not_found' }] };
	else if (e instanceof ApiError) message = { base: [{ error: e.message }] };
	else throw e;
	return id === undefined ? { success: false, message } : { success: false, message, id };
}

export function bulkCreate(ctx: Ctx, entity: EntityPlural): Reply {
	const items = bulkItems(ctx, entity);
	const ser = recordSerializer(ctx.store, entity, ctx.computed);
	return ok(
		items.map((item) => {
			try {
				return ser(createRecord(ctx.store, entity, item));
			} catch (e) {
				return bulkFailure(e);
			}
		}),
	);
}

export function bulkUpdate(ctx: Ctx, entity: EntityPlural): Reply {
	const items = bulkItems(ctx, entity);
	const ser = recordSerializer(ctx.store, entity, ctx.computed);
	return ok(
		items.map((item) => {
			const id = isObject(item) ? item.id : undefined;
			try {
				if (typeof id !== 'number' || !Number.isInteger(id) || !ctx.store.get(entity, id)) {
					return bulkFailure(new ApiError(404, null), id ?? null);
				}
				const rest = { ...(item as Record<string, unknown>) };
				delete rest.id;
				return ser(updateRecord(ctx.store, entity, id, rest));
			} catch (e) {
				return bulkFailure(e, id);
			}
		}),
	);
}
