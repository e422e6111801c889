/**
 * CRUD, search and fetch_by_email for leads, people, companies, opportunities, projects and tasks
 * (spec §3.2–3.5, 3.11, 3.12), plus their bulk endpoints.
 */

import { ENTITIES } from '../entities';
import { invalidInput, notFound } from '../errors';
import { createRecord, updateRecord } from '../operations';
import { idParam, ok, type Ctx, type Reply, type Router } from '../router';
import { searchRecords } from '../search';
import { recordSerializer, serializeRecord } from '../serialize';
import type { EntityPlural } from '../types';
import { bulkCreate, bulkUpdate } from './bulk';
import { bodyObject, recordParam } from './util';

const BULK_CREATE: readonly EntityPlural[] = ['leads', 'people', 'companies', 'opportunities'];
const BULK_UPDATE: readonly EntityPlural[] = ['leads', 'people', 'companies'];

function search(ctx: Ctx, entity: EntityPlural): Reply {
	const { total, page } = searchRecords(ctx.store, entity, ctx.body, ctx.query);
	const ser = recordSerializer(ctx.store, entity, ctx.computed);
	return ok(page.map(ser), { 'X-PW-TOTAL': String(total) });
}

function fetchByEmail(ctx: Ctx): Reply {
	const b = bodyObject(ctx);
	if (typeof b.email !== 'string' || b.email.trim() === '') throw invalidInput('email is required');
	const person = ctx.store.findPersonByEmail(b.email);
	if (!person) throw notFound();
	return ok(serializeRecord(ctx.store, 'people', person, ctx.computed));
}

/** Literal routes (`/x/search`, `/x/bulk_*`, `/people/fetch_by_email`): register before `/x/:id`. */
export function registerRecordLiteralRoutes(router: Router): void {
	router.post('/people/fetch_by_email', fetchByEmail);
	for (const entity of ENTITIES) {
		router.post(`/${entity}/search`, (ctx) => search(ctx, entity));
		if (BULK_CREATE.includes(entity)) router.post(`/${entity}/bulk_create`, (ctx) => bulkCreate(ctx, entity));
		if (BULK_UPDATE.includes(entity)) router.post(`/${entity}/bulk_update`, (ctx) => bulkUpdate(ctx, entity));
	}
}

export function registerRecordRoutes(router: Router): void {
	for (const entity of ENTITIES) {
		router.get(`/${entity}/:id`, (ctx) => ok(serializeRecord(ctx.store, entity, recordParam(ctx, entity), ctx.computed)));
		router.post(`/${entity}`, (ctx) => ok(serializeRecord(ctx.store, entity, createRecord(ctx.store, entity, ctx.body), ctx.computed)));
		router.put(`/${entity}/:id`, (ctx) => {
			const id = idParam(ctx);
			if (!ctx.store.get(entity, id)) throw notFound();
			return ok(serializeRecord(ctx.store, entity, updateRecord(ctx.store, entity, id, bodyObject(ctx)), ctx.computed));
		});
		router.delete(`/${entity}/:id`, (ctx) => {
			const id = idParam(ctx);
			if (!ctx.store.remove(entity, id)) throw notFound();
			return ok({ id, is_deleted: true });
		});
	}
}
