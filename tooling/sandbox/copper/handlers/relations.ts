/**
 * Connections (`/related_links`, spec §3.16) and Related Items (`/{entity}/{id}/related`, §3.17).
 *
 * Related items are the union of explicit relations (`store.relations`) and relationships held
 * by record fields: person.company_id, opportunity.company_id / primary_contact_id and
 * project/task.related_resource. Relating a person to a company sets person.company_id (limit 1);
 * relating anything to a task sets task.related_resource (one item per task).
 */

import { PLURAL, SINGULAR, isEntityPlural, toSingular } from '../entities';
import { invalidInput, notFound } from '../errors';
import { idParam, ok, type Ctx, type Router } from '../router';
import type { CopperStore } from '../store';
import type { EntitySingular, LinkEnd, RelatedLink, ResourceRef } from '../types';
import { RELATABLE, isObject } from '../validation';
import { bodyObject, entityParam, recordParam } from './util';

const TYPE_ORDER: EntitySingular[] = ['lead', 'person', 'company', 'opportunity', 'project', 'task'];

function same(a: ResourceRef | null | undefined, b: ResourceRef): boolean {
	return !!a && a.type === b.type && a.id === b.id;
}

/** Every record related to `ref`, sorted by type then id. */
export function relatedOf(store: CopperStore, ref: ResourceRef): ResourceRef[] {
	const out = new Map<string, ResourceRef>();
	const add = (r: ResourceRef | null | undefined) => {
		if (r && !same(r, ref) && store.exists(r)) out.set(`${r.type}:${r.id}`, { id: r.id, type: r.type });
	};
	for (const rel of store.relations.values()) {
		if (same(rel.a, ref)) add(rel.b);
		else if (same(rel.b, ref)) add(rel.a);
	}
	const rec = store.get(PLURAL[ref.type], ref.id);
	if (rec) {
		if (typeof rec.company_id === 'number') add({ type: 'company', id: rec.company_id });
		if (ref.type === 'opportunity' && typeof rec.primary_contact_id === 'number') add({ type: 'person', id: rec.primary_contact_id });
		if (isObject(rec.related_resource)) add(rec.related_resource as unknown as ResourceRef);
	}
	if (ref.type === 'company') {
		for (const p of store.people.values()) if (p.company_id === ref.id) add({ type: 'person', id: p.id });
		for (const o of store.opportunities.values()) if (o.company_id === ref.id) add({ type: 'opportunity', id: o.id });
	}
	if (ref.type === 'person') {
		for (const o of store.opportunities.values()) if (o.primary_contact_id === ref.id) add({ type: 'opportunity', id: o.id });
	}
	for (const p of store.projects.values()) if (same(p.related_resource, ref)) add({ type: 'project', id: p.id });
	for (const t of store.tasks.values()) if (same(t.related_resource, ref)) add({ type: 'task', id: t.id });
	return Array.from(out.values()).sort((x, y) => TYPE_ORDER.indexOf(x.type) - TYPE_ORDER.indexOf(y.type) || x.id - y.id);
}

function resourceFromBody(ctx: Ctx): ResourceRef {
	const b = bodyObject(ctx);
	const r = b.resource;
	const type = isObject(r) ? toSingular(r.type) : undefined;
	if (!isObject(r) || !type || typeof r.id !== 'number') throw invalidInput('resource must be {"id": <id>, "type": "<entity>"}');
	return { id: r.id, type };
}

function relate(store: CopperStore, from: ResourceRef, to: ResourceRef): void {
	if (!RELATABLE[from.type].includes(to.type)) throw invalidInput(`a ${from.type} cannot be related to a ${to.type}`);
	if (!store.exists(to)) throw invalidInput(`${to.type} ${to.id} not found`);
	if (relatedOf(store, from).some((r) => same(r, to))) return; // already related
	const pair = [from, to];
	const person = pair.find((r) => r.type === 'person');
	const company = pair.find((r) => r.type === 'company');
	const task = pair.find((r) => r.type === 'task');
	if (person && company) {
		const p = store.people.get(person.id);
		if (p && p.company_id !== null) throw invalidInput('a person can be related to only one company');
		store.update('people', person.id, { company_id: company.id, company_name: store.recordName(company) ?? null }, false);
		return;
	}
	if (task) {
		const other = task === from ? to : from;
		const t = store.tasks.get(task.id);
		if (t && t.related_resource !== null) throw invalidInput('a task can have only one related item');
		store.update('tasks', task.id, { related_resource: { id: other.id, type: other.type } }, false);
		return;
	}
	const id = store.nextId();
	store.relations.set(id, { id, a: { ...from }, b: { ...to } });
}

function unrelate(store: CopperStore, from: ResourceRef, to: ResourceRef): boolean {
	let removed = false;
	for (const [id, rel] of store.relations) {
		if ((same(rel.a, from) && same(rel.b, to)) || (same(rel.a, to) && same(rel.b, from))) {
			store.relations.delete(id);
			removed = true;
		}
	}
	for (const [x, y] of [
		[from, to],
		[to, from],
	]) {
		const rec = store.get(PLURAL[x.type], x.id);
		if (!rec) continue;
		if (y.type === 'company' && rec.company_id === y.id && (x.type === 'person' || x.type === 'opportunity')) {
			store.update(PLURAL[x.type], x.id, { company_id: null, company_name: null }, false);
			removed = true;
		}
		if (x.type === 'opportunity' && y.type === 'person' && rec.primary_contact_id === y.id) {
			store.update('opportunities', x.id, { primary_contact_id: null }, false);
			removed = true;
		}
		if ((x.type === 'task' || x.type === 'project') && same(rec.related_resource as ResourceRef | null, y)) {
			store.update(PLURAL[x.type], x.id, { related_resource: null }, false);
			removed = true;
		}
	}
	return removed;
}

// Connections -------------------------------------------------------------------------------

function linkEnd(store: CopperStore, v: unknown, field: string): LinkEnd {
	if (!isObject(v) || typeof v.id !== 'number') throw invalidInput(`${field} must be {"id": <id>, "entity_type": "<type>"}`);
	const raw = v.entity_type ?? v.type;
	if (raw === 'user' || raw === 'users') {
		const u = store.users.find((x) => x.id === v.id);
		if (!u) throw invalidInput(`${field} not found`);
		return { id: u.id, entity_type: 'user', name: u.name };
	}
	const type = toSingular(raw);
	if (!type || !store.exists({ type, id: v.id })) throw invalidInput(`${field} not found`);
	return { id: v.id, entity_type: type, name: store.recordName({ type, id: v.id }) ?? String(v.id) };
}

function normalizeType(v: string): string | undefined {
	if (v === 'user' || v === 'users') return 'user';
	return toSingular(v);
}

/** Connections (Connect fields): `/related_links`. */
function registerConnectionRoutes(router: Router): void {
	router.get('/related_links', (ctx) => {
		const { source_type: st, source_id: sid, custom_field_definition_id: cf } = ctx.query;
		if (!st || !sid) throw invalidInput('source_type and source_id are required');
		const type = normalizeType(st);
		if (!type || !/^\d+$/.test(sid)) throw invalidInput('source_type or source_id is invalid');
		const id = Number(sid);
		const cfId = cf === undefined || cf === '' ? undefined : Number(cf);
		const hit = (e: LinkEnd) => e.entity_type === type && e.id === id;
		const links = Array.from(ctx.store.relatedLinks.values()).filter(
			(l) => (hit(l.source) || hit(l.target)) && (cfId === undefined || l.custom_field_definition_id === cfId),
		);
		return ok(links);
	});
	router.post('/related_links', (ctx) => {
		const b = bodyObject(ctx);
		const def = typeof b.custom_field_definition_id === 'number' ? ctx.store.customFieldDefinitions.get(b.custom_field_definition_id) : undefined;
		if (!def || def.data_type !== 'Connect') throw invalidInput('custom_field_definition_id must be a Connect custom field');
		const link: RelatedLink = {
			id: 0,
			custom_field_definition_id: def.id,
			source: linkEnd(ctx.store, b.source, 'source'),
			target: linkEnd(ctx.store, b.target, 'target'),
		};
		link.id = ctx.store.nextId();
		ctx.store.relatedLinks.set(link.id, link);
		return ok(link);
	});
	router.delete('/related_links/:id', (ctx) => {
		const id = idParam(ctx);
		if (!ctx.store.relatedLinks.delete(id)) throw notFound();
		return ok({ ids: [id], is_deleted: true });
	});
}

export function registerRelationRoutes(router: Router): void {
	registerConnectionRoutes(router);
	router.get('/:entity/:id/related', (ctx) => {
		const entity = entityParam(ctx);
		const rec = recordParam(ctx, entity);
		return ok(relatedOf(ctx.store, { type: SINGULAR[entity], id: rec.id }));
	});
	router.get('/:entity/:id/related/:related', (ctx) => {
		const entity = entityParam(ctx);
		const rec = recordParam(ctx, entity);
		const related = ctx.params.related;
		if (!isEntityPlural(related)) throw notFound();
		const type = SINGULAR[related];
		return ok(relatedOf(ctx.store, { type: SINGULAR[entity], id: rec.id }).filter((r) => r.type === type));
	});
	router.post('/:entity/:id/related', (ctx) => {
		const entity = entityParam(ctx);
		const rec = recordParam(ctx, entity);
		const resource = resourceFromBody(ctx);
		relate(ctx.store, { type: SINGULAR[entity], id: rec.id }, resource);
		return ok({ added: true, resource });
	});
	router.delete('/:entity/:id/related', (ctx) => {
		const entity = entityParam(ctx);
		const rec = recordParam(ctx, entity);
		const resource = resourceFromBody(ctx);
		if (!unrelate(ctx.store, { type: SINGULAR[entity], id: rec.id }, resource)) throw notFound();
		return ok({ removed: true, resource });
	});
}
