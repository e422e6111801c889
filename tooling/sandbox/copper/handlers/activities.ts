/**
 * Activities (spec §3.13): CRUD, bulk create, search (newest first, no sort) and the
 * "See a <record>'s Activities" endpoints. Only `user` activities can be created or changed.
 * Deleted activities stay readable as `{id, is_deleted: true}` stubs.
 */

import { PLURAL, SINGULAR, toSingular } from '../entities';
import { ApiError, ValidationError, notFound } from '../errors';
import { idParam, ok, type Ctx, type Reply, type Router } from '../router';
import { searchActivities } from '../search';
import type { CopperStore } from '../store';
import type { Activity, EntityPlural } from '../types';
import { isObject, optId, optString, optUnix, type Obj } from '../validation';
import { bulkFailure, bulkItems } from './bulk';
import { bodyObject, recordParam } from './util';

const WITH_ACTIVITIES: readonly EntityPlural[] = ['leads', 'people', 'companies', 'opportunities'];

/** Records that count interactions get interaction_count / date_last_contacted bumped. */
function countInteraction(store: CopperStore, a: Activity): void {
	const t = store.findActivityType(a.type.category, a.type.id);
	if (!t?.count_as_interaction) return;
	const rec = store.get(PLURAL[a.parent.type], a.parent.id);
	if (!rec || typeof rec.interaction_count !== 'number') return;
	const last = typeof rec.date_last_contacted === 'number' ? rec.date_last_contacted : 0;
	rec.interaction_count += 1;
	rec.date_last_contacted = Math.max(last, a.activity_date);
}

export function createActivity(store: CopperStore, body: unknown): Activity {
	if (!isObject(body)) throw new ValidationError('body', 'Request body must be a JSON object');
	const p = body.parent;
	const parentType = isObject(p) ? toSingular(p.type) : undefined;
	if (!isObject(p) || !parentType || typeof p.id !== 'number' || !store.exists({ type: parentType, id: p.id })) {
		throw new ValidationError('parent', 'Parent is invalid');
	}
	const t = body.type;
	if (!isObject(t) || typeof t.id !== 'number') throw new ValidationError('type', 'Type is invalid');
	const category = t.category === undefined ? 'user' : t.category;
	if (category !== 'user') throw new ValidationError('type', 'Only user activities can be created');
	if (!store.findActivityType('user', t.id)) throw new ValidationError('type', 'Type is invalid');
	const details = optString('details', body.details);
	if (details === null || details.trim() === '') throw new ValidationError('details', "Details can't be blank");
	const now = store.now();
	const activity: Activity = {
		id: store.nextId(),
		parent: { id: p.id, type: parentType },
		type: { id: t.id, category: 'user' },
		user_id: body.user_id === undefined ? store.apiUserId : optId('user_id', body.user_id),
		details,
		activity_date: optUnix('activity_date', body.activity_date) ?? now,
		old_value: null,
		new_value: null,
		date_created: now,
		date_modified: now,
	};
	store.activities.set(activity.id, activity);
	countInteraction(store, activity);
	return activity;
}

function updateActivity(store: CopperStore, id: number, body: Obj): Activity {
	const a = store.activities.get(id);
	if (!a) throw notFound();
	if (a.type.category !== 'user') throw new ValidationError('type', 'System activities cannot be modified');
	if (body.details !== undefined) {
		const d = optString('details', body.details);
		if (d === null || d.trim() === '') throw new ValidationError('details', "Details can't be blank");
		a.details = d;
	}
	if (body.activity_date !== undefined) a.activity_date = optUnix('activity_date', body.activity_date) ?? a.activity_date;
	a.date_modified = store.now();
	return a;
}

function entityActivities(ctx: Ctx, entity: EntityPlural): Reply {
	const rec = recordParam(ctx, entity);
	const { total, page } = searchActivities(ctx.store, ctx.body, ctx.query, { parent: { id: rec.id, type: SINGULAR[entity] }, rejectSort: false });
	return ok(page, { 'X-PW-TOTAL': String(total) });
}

export function registerActivityRoutes(router: Router): void {
	router.post('/activities/search', (ctx) => {
		const { total, page } = searchActivities(ctx.store, ctx.body, ctx.query, { rejectSort: true });
		return ok(page, { 'X-PW-TOTAL': String(total) });
	});
	router.post('/activities/bulk_create', (ctx) =>
		ok(
			bulkItems(ctx, 'activities').map((item) => {
				try {
					return createActivity(ctx.store, item);
				} catch (e) {
					return bulkFailure(e);
				}
			}),
		),
	);
	router.get('/activities/:id', (ctx) => {
		const id = idParam(ctx);
		if (ctx.store.deletedActivityIds.has(id)) return ok({ id, is_deleted: true });
		const a = ctx.store.activities.get(id);
		if (!a) throw notFound();
		return ok(a);
	});
	router.post('/activities', (ctx) => ok(createActivity(ctx.store, ctx.body)));
	router.put('/activities/:id', (ctx) => ok(updateActivity(ctx.store, idParam(ctx), bodyObject(ctx))));
	router.delete('/activities/:id', (ctx) => {
		const id = idParam(ctx);
		const a = ctx.store.activities.get(id);
		if (!a) throw notFound();
		if (a.type.category !== 'user') throw new ApiError(422, { success: false, status: 422, message: 'Validation Error: System activities cannot be deleted' });
		ctx.store.activities.delete(id);
		ctx.store.deletedActivityIds.add(id);
		return ok({ id, is_deleted: true });
	});
	for (const entity of WITH_ACTIVITIES) router.post(`/${entity}/:id/activities`, (ctx) => entityActivities(ctx, entity));
}
