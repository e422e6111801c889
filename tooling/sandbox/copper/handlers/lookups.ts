/**
 * Read-only lists: pipelines and stages, customer sources, loss reasons, contact types, lead
 * statuses, activity types (spec §3.6–3.10, L-12, A-7), tags (§3.19) and field layouts (§3.18).
 */

import { SINGULAR } from '../entities';
import { invalidInput, notFound } from '../errors';
import { idParam, ok, type Router } from '../router';
import type { FieldLayoutRow } from '../types';
import { entityParam } from './util';

export function registerLookupRoutes(router: Router): void {
	router.get('/pipelines', (ctx) => ok(ctx.store.pipelines));
	router.get('/pipeline_stages', (ctx) => ok(ctx.store.pipelineStages()));
	router.get('/pipeline_stages/pipeline/:id', (ctx) => {
		const id = idParam(ctx);
		if (!ctx.store.pipelines.some((p) => p.id === id)) throw notFound();
		return ok(ctx.store.pipelineStages().filter((s) => s.pipeline_id === id));
	});
	router.get('/customer_sources', (ctx) => ok(ctx.store.customerSources));
	router.get('/loss_reasons', (ctx) => ok(ctx.store.lossReasons));
	router.get('/contact_types', (ctx) => ok(ctx.store.contactTypes));
	router.get('/lead_statuses', (ctx) => ok(ctx.store.leadStatuses));
	router.get('/activity_types', (ctx) => ok(ctx.store.activityTypeList()));

	router.get('/tags', (ctx) => {
		const sortBy = ctx.query.sort_by ?? 'name';
		if (sortBy !== 'name' && sortBy !== 'count') throw invalidInput('sort_by must be name or count');
		let rows = ctx.store.tags().sort((a, b) => {
			if (sortBy === 'count' && a.count !== b.count) return b.count - a.count;
			const x = a.name.toLowerCase();
			const y = b.name.toLowerCase();
			return x < y ? -1 : x > y ? 1 : 0;
		});
		if (ctx.query.tag_names_only === 'true') {
			const last = ctx.query.last_tag_value;
			if (last !== undefined && last !== '') {
				const l = last.toLowerCase();
				rows = rows.filter((r) => r.name.toLowerCase() > l).sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
			}
			return ok(rows.map((r) => r.name));
		}
		return ok(rows);
	});

	router.get('/field_layouts/by_entity/:entity', (ctx) => {
		const entity = entityParam(ctx);
		const raw = ctx.query.pipeline_id;
		if (entity === 'opportunities') {
			if (raw === undefined || raw === '') throw invalidInput('pipeline_id is required for opportunities');
			if (!/^\d+$/.test(raw) || !ctx.store.pipelines.some((p) => p.id === Number(raw))) throw invalidInput('pipeline_id is invalid');
		} else if (raw !== undefined) {
			throw invalidInput(`pipeline_id is only accepted for opportunities`);
		}
		const custom: FieldLayoutRow[] = ctx.store.definitionsFor(SINGULAR[entity]).map((d) => ({
			field_id: d.id,
			field_label: d.name,
			field_key: `cf_${d.canonical_name ?? d.id}`,
			field_type: 'custom_field',
			enabled: true,
			required: false,
			required_editable: true,
		}));
		return ok([...ctx.store.fieldLayouts[entity], ...custom]);
	});
}
