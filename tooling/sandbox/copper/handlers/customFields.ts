/** Custom field definitions (spec §3.14) and custom activity types (§3.15). */

import { toSingular } from '../entities';
import { ValidationError, notFound } from '../errors';
import { idParam, ok, type Ctx, type Router } from '../router';
import type { CopperStore } from '../store';
import type { CustomActivityType, CustomFieldDataType, CustomFieldDefinition, CustomFieldOption, EntitySingular } from '../types';
import { isObject, optBool, type Obj } from '../validation';
import { bodyObject } from './util';

export const DATA_TYPES: readonly CustomFieldDataType[] = [
	'Checkbox',
	'Currency',
	'Date',
	'Dropdown',
	'Float',
	'MultiSelect',
	'Percentage',
	'String',
	'Text',
	'URL',
	'Connect',
];

export const ICON_TYPES: readonly string[] = [
	'Message',
	'Phone',
	'Event',
	'Assignment',
	'Assessment',
	'Group',
	'Description',
	'Speaker Notes',
	'Forum',
	'Web',
	'Loyalty',
	'Content Paste',
	'Headset',
	'Share',
	'Navigation',
	'Notification',
	'Voicemail',
	'Room',
	'Edit',
	'Send',
	'Videocam',
	'Play Arrow',
	'Grocery Store',
	'Mic',
	'Camera Mic',
	'Todo',
];

function requiredName(v: unknown): string {
	if (typeof v !== 'string' || v.trim() === '') throw new ValidationError('name', "Name can't be blank");
	return v.trim();
}

function options(store: CopperStore, v: unknown, existing: CustomFieldOption[]): CustomFieldOption[] {
	if (!Array.isArray(v)) throw new ValidationError('options', 'Options is invalid');
	return v.map((o, rank) => {
		const name = typeof o === 'string' ? o : isObject(o) ? o.name : undefined;
		if (typeof name !== 'string' || name.trim() === '') throw new ValidationError('options', 'Options is invalid');
		const keep = isObject(o) && typeof o.id === 'number' ? existing.find((e) => e.id === o.id) : existing.find((e) => e.name === name.trim());
		return { id: keep?.id ?? store.nextId(), name: name.trim(), rank };
	});
}

/** Applies a create/update body onto a definition. */
function applyDefinition(store: CopperStore, def: CustomFieldDefinition, b: Obj, create: boolean): void {
	if (create || b.name !== undefined) def.name = requiredName(b.name);
	if (create || b.data_type !== undefined) {
		const dt = DATA_TYPES.find((t) => typeof b.data_type === 'string' && t.toLowerCase() === b.data_type.toLowerCase());
		if (!dt) throw new ValidationError('data_type', 'Data type is invalid');
		def.data_type = dt;
	}
	if (b.canonical_name !== undefined) {
		if (b.canonical_name !== null && typeof b.canonical_name !== 'string') throw new ValidationError('canonical_name', 'Canonical name is invalid');
		def.canonical_name = b.canonical_name === null ? null : b.canonical_name.trim().toLowerCase().replace(/\s+/g, '_');
	}
	if (b.available_on !== undefined) {
		if (!Array.isArray(b.available_on)) throw new ValidationError('available_on', 'Available on is invalid');
		const list: EntitySingular[] = [];
		for (const x of b.available_on) {
			const s = toSingular(x);
			if (!s) throw new ValidationError('available_on', 'Available on is invalid');
			if (!list.includes(s)) list.push(s);
		}
		def.available_on = list;
	}
	if (b.is_filterable !== undefined) def.is_filterable = optBool('is_filterable', b.is_filterable) ?? false;
	const hasOptions = def.data_type === 'Dropdown' || def.data_type === 'MultiSelect';
	if (hasOptions) {
		if (b.options !== undefined) def.options = options(store, b.options, def.options ?? []);
		const n = def.options?.length ?? 0;
		if (def.data_type === 'Dropdown' && n < 1) throw new ValidationError('options', 'Dropdown fields need at least 1 option');
		if (def.data_type === 'MultiSelect' && n < 2) throw new ValidationError('options', 'MultiSelect fields need at least 2 options');
	} else {
		delete def.options;
	}
	if (def.data_type === 'Currency') {
		if (b.currency !== undefined) {
			if (typeof b.currency !== 'string' || !/^[A-Za-z]{3}$/.test(b.currency)) throw new ValidationError('currency', 'Currency is invalid');
			def.currency = b.currency.toUpperCase();
		}
		def.currency ??= 'USD';
	} else {
		delete def.currency;
	}
}

function definition(ctx: Ctx): CustomFieldDefinition {
	const def = ctx.store.customFieldDefinitions.get(idParam(ctx));
	if (!def) throw notFound();
	return def;
}

function activityType(ctx: Ctx): CustomActivityType {
	const t = ctx.store.customActivityTypes.get(idParam(ctx));
	if (!t) throw notFound();
	return t;
}

function applyActivityType(t: CustomActivityType, b: Obj, create: boolean): void {
	if (create || b.name !== undefined) t.name = requiredName(b.name);
	if (create || b.icon_type !== undefined) {
		const icon = ICON_TYPES.find((i) => typeof b.icon_type === 'string' && i.toLowerCase() === b.icon_type.toLowerCase());
		if (!icon) throw new ValidationError('icon_type', 'Icon type is invalid');
		t.icon_type = icon;
	}
	if (b.is_interaction !== undefined) t.is_interaction = optBool('is_interaction', b.is_interaction) ?? t.is_interaction;
	if (b.is_disabled !== undefined) t.is_disabled = optBool('is_disabled', b.is_disabled) ?? t.is_disabled;
}

export function registerCustomFieldRoutes(router: Router): void {
	router.get('/custom_field_definitions', (ctx) => ok(Array.from(ctx.store.customFieldDefinitions.values())));
	router.get('/custom_field_definitions/:id', (ctx) => ok(definition(ctx)));
	router.post('/custom_field_definitions', (ctx) => {
		const b = bodyObject(ctx);
		const def: CustomFieldDefinition = { id: 0, name: '', canonical_name: null, data_type: 'String', available_on: [], is_filterable: false };
		applyDefinition(ctx.store, def, b, true);
		def.id = ctx.store.nextId();
		ctx.store.customFieldDefinitions.set(def.id, def);
		return ok(def);
	});
	router.put('/custom_field_definitions/:id', (ctx) => {
		const def = definition(ctx);
		const copy: CustomFieldDefinition = { ...def, available_on: [...def.available_on], options: def.options?.map((o) => ({ ...o })) };
		if (!copy.options) delete copy.options;
		applyDefinition(ctx.store, copy, bodyObject(ctx), false);
		ctx.store.customFieldDefinitions.set(def.id, copy);
		return ok(copy);
	});
	router.delete('/custom_field_definitions/:id', (ctx) => {
		const def = definition(ctx);
		ctx.store.customFieldDefinitions.delete(def.id);
		for (const [id, link] of ctx.store.relatedLinks) if (link.custom_field_definition_id === def.id) ctx.store.relatedLinks.delete(id);
		return ok({ id: def.id, is_deleted: true });
	});

	router.get('/custom_activity_types', (ctx) => ok(Array.from(ctx.store.customActivityTypes.values())));
	router.get('/custom_activity_types/:id', (ctx) => ok(activityType(ctx)));
	router.post('/custom_activity_types', (ctx) => {
		const t: CustomActivityType = {
			id: 0,
			company_id: ctx.store.account.id,
			icon_type: '',
			is_disabled: false,
			is_interaction: true,
			name: '',
			is_default_task_type: null,
		};
		applyActivityType(t, bodyObject(ctx), true);
		t.id = ctx.store.nextId();
		ctx.store.customActivityTypes.set(t.id, t);
		return ok(t);
	});
	router.put('/custom_activity_types/:id', (ctx) => {
		const t = activityType(ctx);
		const copy = { ...t };
		applyActivityType(copy, bodyObject(ctx), false);
		ctx.store.customActivityTypes.set(t.id, copy);
		return ok(copy);
	});
}
