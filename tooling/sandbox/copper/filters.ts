/**
 * The filters of Copper's searches: reading filter values, and the predicates of a record search
 * (ANDed; unknown keys are ignored), in groups. search.ts pages and sorts what they keep.
 */
import { toSingular } from './entities';
import { invalidInput } from './errors';
import type { CopperStore } from './store';
import type { AnyRecord, CustomFieldDefinition, EntityPlural, ResourceRef } from './types';
import { OPPORTUNITY_PRIORITIES, OPPORTUNITY_STATUSES, PROJECT_STATUSES, closeDateToUnix, isObject, type Obj } from './validation';

export type Pred<T> = (r: T) => boolean;

// ---------------------------------------------------------------------------------------------
// Filter value parsing
// ---------------------------------------------------------------------------------------------

export function idArray(name: string, v: unknown): number[] {
	const arr = Array.isArray(v) ? v : [v];
	return arr.map((x) => {
		const n = typeof x === 'string' && /^-?\d+$/.test(x.trim()) ? Number(x.trim()) : x;
		if (typeof n !== 'number' || !Number.isInteger(n)) throw invalidInput(`${name} must be an array of integers`);
		return n;
	});
}

function strArray(name: string, v: unknown): string[] {
	const arr = Array.isArray(v) ? v : [v];
	return arr.map((x) => {
		if (typeof x !== 'string' && typeof x !== 'number') throw invalidInput(`${name} must be an array of strings`);
		return String(x);
	});
}

function numValue(name: string, v: unknown): number {
	const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
	if (typeof n !== 'number' || !Number.isFinite(n)) throw invalidInput(`${name} must be a number`);
	return n;
}

function field(r: unknown, key: string): unknown {
	return (r as Obj)[key];
}

function numField(r: unknown, key: string): number | null {
	const v = field(r, key);
	return typeof v === 'number' ? v : null;
}

/** `-2` in an id filter means "none" (null). */
export function idMatcher(ids: number[]): (v: unknown) => boolean {
	const set = new Set(ids);
	const none = set.has(-2);
	return (v) => (v === null || v === undefined ? none : set.has(v as number));
}

function anyOf(values: string[], wanted: Set<string>): boolean {
	return values.some((v) => wanted.has(v.toLowerCase()));
}

function tagsPredicate(v: unknown): Pred<AnyRecord> {
	let option = 'ANY';
	let list: unknown = v;
	if (isObject(v)) {
		option = typeof v.option === 'string' ? v.option.toUpperCase() : 'ANY';
		list = v.value;
	}
	const wanted = new Set(strArray('tags', list).map((t) => t.toLowerCase()));
	return (r) => {
		const tags = (Array.isArray(r.tags) ? r.tags : []).map((t) => String(t).toLowerCase());
		if (option === 'ALL') return Array.from(wanted).every((w) => tags.includes(w));
		if (option === 'NONE') return !tags.some((t) => wanted.has(t));
		return tags.some((t) => wanted.has(t));
	};
}

function customFieldPredicate(store: CopperStore, f: unknown): Pred<AnyRecord> {
	if (!isObject(f) || typeof f.custom_field_definition_id !== 'number') throw invalidInput('custom_fields filters need custom_field_definition_id');
	const def: CustomFieldDefinition | undefined = store.customFieldDefinitions.get(f.custom_field_definition_id);
	if (!def) throw invalidInput(`custom field definition ${f.custom_field_definition_id} not found`);
	const allowEmpty = f.allow_empty === true;
	const valueOf = (r: AnyRecord): unknown => (r.custom_fields ?? []).find((c) => c.custom_field_definition_id === def.id)?.value ?? null;
	const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

	if (f.minimum_value !== undefined || f.maximum_value !== undefined) {
		const min = f.minimum_value === undefined || f.minimum_value === null ? -Infinity : numValue('minimum_value', f.minimum_value);
		const max = f.maximum_value === undefined || f.maximum_value === null ? Infinity : numValue('maximum_value', f.maximum_value);
		return (r) => {
			const v = valueOf(r);
			if (isEmpty(v)) return allowEmpty;
			return typeof v === 'number' && v >= min && v <= max;
		};
	}
	if (f.value === undefined || f.value === null) return (r) => (allowEmpty ? isEmpty(valueOf(r)) : true);

	const want = f.value;
	switch (def.data_type) {
		case 'Dropdown': {
			const ids = new Set(idArray('value', want));
			return (r) => {
				const v = valueOf(r);
				return isEmpty(v) ? allowEmpty : ids.has(v as number);
			};
		}
		case 'MultiSelect': {
			const ids = idArray('value', want);
			const option = typeof f.option === 'string' ? f.option.toUpperCase() : 'ANY';
			return (r) => {
				const v = valueOf(r);
				if (isEmpty(v)) return allowEmpty || option === 'NONE';
				const have = new Set(Array.isArray(v) ? (v as number[]) : [v as number]);
				if (option === 'ALL') return ids.every((i) => have.has(i));
				if (option === 'NONE') return !ids.some((i) => have.has(i));
				return ids.some((i) => have.has(i));
			};
		}
		case 'Checkbox':
			return (r) => (valueOf(r) === true) === (want === true || want === 'true');
		case 'String':
		case 'Text':
		case 'URL': {
			const w = String(want).toLowerCase();
			return (r) => {
				const v = valueOf(r);
				return isEmpty(v) ? allowEmpty : String(v).toLowerCase() === w;
			};
		}
		default: {
			const w = numValue('value', want);
			return (r) => {
				const v = valueOf(r);
				return isEmpty(v) ? allowEmpty : v === w;
			};
		}
	}
}

/** minimum_X / maximum_X filters → numeric accessor. */
const RANGES: Array<[string, (r: unknown) => number | null]> = [
	['created_date', (r) => numField(r, 'date_created')],
	['modified_date', (r) => numField(r, 'date_modified')],
	['interaction_count', (r) => numField(r, 'interaction_count')],
	['interaction_date', (r) => numField(r, 'date_last_contacted')],
	['monetary_value', (r) => numField(r, 'monetary_value')],
	['close_date', (r) => closeDateToUnix(field(r, 'close_date'))],
	['due_date', (r) => numField(r, 'due_date')],
	['reminder_date', (r) => numField(r, 'reminder_date')],
	['completed_date', (r) => numField(r, 'completed_date')],
	['win_probability', (r) => numField(r, 'win_probability')],
	['stage_change_date', (r) => numField(r, 'date_stage_changed')],
	['date_stage_changed', (r) => numField(r, 'date_stage_changed')],
	['activity_date', (r) => numField(r, 'activity_date')],
];

export function rangePredicates<T>(b: Obj): Array<Pred<T>> {
	const preds: Array<Pred<T>> = [];
	for (const [suffix, get] of RANGES) {
		const minRaw = b[`minimum_${suffix}`];
		const maxRaw = b[`maximum_${suffix}`];
		const hasMin = minRaw !== undefined && minRaw !== null;
		const hasMax = maxRaw !== undefined && maxRaw !== null;
		if (!hasMin && !hasMax) continue;
		const min = hasMin ? numValue(`minimum_${suffix}`, minRaw) : -Infinity;
		const max = hasMax ? numValue(`maximum_${suffix}`, maxRaw) : Infinity;
		preds.push((r) => {
			const v = get(r);
			return v !== null && v >= min && v <= max;
		});
	}
	return preds;
}

const ID_FILTERS: Record<string, string> = {
	assignee_ids: 'assignee_id',
	company_ids: 'company_id',
	contact_type_ids: 'contact_type_id',
	customer_source_ids: 'customer_source_id',
	loss_reason_ids: 'loss_reason_id',
	pipeline_ids: 'pipeline_id',
	pipeline_stage_ids: 'pipeline_stage_id',
	primary_contact_ids: 'primary_contact_id',
	custom_activity_type_ids: 'custom_activity_type_id',
};

const TEXT_FILTERS = ['name', 'first_name', 'middle_name', 'last_name', 'company_name', 'title', 'details'];
const ADDRESS_FILTERS: Record<string, string> = { city: 'city', state: 'state', postal_code: 'postal_code', zip: 'postal_code', country: 'country' };

function relatedRefMatcher(type: string, ids: number[]): (r: unknown) => boolean {
	const match = idMatcher(ids);
	return (r) => {
		const ref = field(r, 'related_resource') as ResourceRef | null | undefined;
		return match(ref && ref.type === type ? ref.id : null);
	};
}

/** What the filter groups of a record search read. */
interface FilterInput {
	store: CopperStore;
	entity: EntityPlural;
	b: Obj;
	has: (key: string) => boolean;
	preds: Array<Pred<AnyRecord>>;
}

/** IDs, text fields, phone numbers, emails and email domains. */
function identityFilters({ entity, b, has, preds }: FilterInput): void {
	if (has('ids')) {
		const ids = new Set(idArray('ids', b.ids));
		preds.push((r) => ids.has(r.id));
	}
	for (const k of TEXT_FILTERS) {
		if (!has(k)) continue;
		if (typeof b[k] !== 'string') throw invalidInput(`${k} must be a string`);
		const q = (b[k] as string).toLowerCase();
		preds.push((r) => {
			const v = field(r, k);
			return typeof v === 'string' && v.toLowerCase().includes(q);
		});
	}
	if (has('phone_number')) {
		const raw = isObject(b.phone_number) ? b.phone_number.value : b.phone_number;
		const digits = String(raw ?? '').replace(/\D/g, '');
		preds.push((r) => {
			const phones = field(r, 'phone_numbers');
			return Array.isArray(phones) && phones.some((p: { number?: unknown }) => String(p?.number ?? '').replace(/\D/g, '').includes(digits));
		});
	}
	if (has('emails') || has('email')) {
		const wanted = new Set(strArray('emails', b.emails ?? b.email).map((e) => e.trim().toLowerCase()));
		preds.push((r) => {
			if (entity === 'leads') {
				const e = field(r, 'email') as { email?: string } | null;
				return !!e && typeof e.email === 'string' && wanted.has(e.email.toLowerCase());
			}
			const list = field(r, 'emails');
			return Array.isArray(list) && anyOf(list.map((e: { email?: string }) => String(e?.email ?? '')), wanted);
		});
	}
	if (has('email_domains') || has('email_domain')) {
		const wanted = new Set(strArray('email_domains', b.email_domains ?? b.email_domain).map((e) => e.trim().toLowerCase()));
		preds.push((r) => {
			const d = field(r, 'email_domain');
			return typeof d === 'string' && wanted.has(d.toLowerCase());
		});
	}
}

/** Linked IDs (assignee, company, …), statuses and priorities. */
function assignmentFilters({ entity, b, has, preds }: FilterInput): void {
	for (const [k, f] of Object.entries(ID_FILTERS)) {
		if (!has(k)) continue;
		const match = idMatcher(idArray(k, b[k]));
		preds.push((r) => match(field(r, f)));
	}
	if (has('status_ids')) {
		const ids = idArray('status_ids', b.status_ids);
		if (entity === 'leads') {
			const match = idMatcher(ids);
			preds.push((r) => match(field(r, 'status_id')));
		} else {
			const names = entity === 'opportunities' ? OPPORTUNITY_STATUSES : PROJECT_STATUSES;
			const wanted = new Set(ids.map((i) => (names[i] ?? '').toLowerCase()));
			preds.push((r) => wanted.has(String(field(r, 'status')).toLowerCase()));
		}
	}
	if (has('priority_ids')) {
		const wanted = new Set(idArray('priority_ids', b.priority_ids).map((i) => (OPPORTUNITY_PRIORITIES[i] ?? '').toLowerCase()));
		preds.push((r) => wanted.has(String(field(r, 'priority')).toLowerCase()));
	}
	for (const [k, f] of [['statuses', 'status'], ['priorities', 'priority']] as const) {
		if (!has(k)) continue;
		const wanted = new Set(strArray(k, b[k]).map((s) => s.toLowerCase()));
		preds.push((r) => wanted.has(String(field(r, f)).toLowerCase()));
	}
}

/** Related projects, opportunities and resources, and tags. */
function relationFilters({ store, entity, b, has, preds }: FilterInput): void {
	if (has('project_ids')) preds.push(relatedRefMatcher('project', idArray('project_ids', b.project_ids)));
	if (has('opportunity_ids')) {
		const ids = idArray('opportunity_ids', b.opportunity_ids);
		if (entity === 'people') {
			const people = new Set<number>();
			for (const id of ids) {
				const o = store.opportunities.get(id);
				if (o?.primary_contact_id != null) people.add(o.primary_contact_id);
				for (const rel of store.relations.values()) {
					if (rel.a.type === 'opportunity' && rel.a.id === id && rel.b.type === 'person') people.add(rel.b.id);
					if (rel.b.type === 'opportunity' && rel.b.id === id && rel.a.type === 'person') people.add(rel.a.id);
				}
			}
			preds.push((r) => people.has(r.id));
		} else {
			preds.push(relatedRefMatcher('opportunity', ids));
		}
	}
	if (has('related_resource') && isObject(b.related_resource)) {
		const type = toSingular(b.related_resource.type);
		const id = b.related_resource.id;
		preds.push((r) => {
			const ref = field(r, 'related_resource') as ResourceRef | null;
			return !!ref && ref.type === type && (id === undefined || ref.id === id);
		});
	}
	if (has('tags')) preds.push(tagsPredicate(b.tags));
}

/** Address parts, age, date and number ranges, custom fields, converted leads. */
function placeAndTimeFilters({ store, entity, b, has, preds }: FilterInput): void {
	for (const [k, f] of Object.entries(ADDRESS_FILTERS)) {
		if (!has(k)) continue;
		const wanted = new Set(strArray(k, b[k]).map((s) => s.toLowerCase()));
		preds.push((r) => {
			const a = field(r, 'address') as Record<string, unknown> | null;
			return !!a && typeof a[f] === 'string' && wanted.has((a[f] as string).toLowerCase());
		});
	}
	if (has('age')) {
		const since = store.now() - numValue('age', b.age);
		preds.push((r) => r.date_created >= since);
	}
	preds.push(...rangePredicates<AnyRecord>(b));
	if (has('custom_fields')) {
		if (!Array.isArray(b.custom_fields)) throw invalidInput('custom_fields must be an array');
		for (const f of b.custom_fields) preds.push(customFieldPredicate(store, f));
	}
	if (entity === 'leads' && b.include_converted_leads !== true && b.include_converted_leads !== 'true') {
		preds.push((r) => field(r, 'converted_unix_timestamp') == null);
	}
}

/** All filters of a record search, ANDed. Unknown keys are ignored. */
export function recordFilters(store: CopperStore, entity: EntityPlural, b: Obj): Array<Pred<AnyRecord>> {
	const preds: Array<Pred<AnyRecord>> = [];
	const has = (k: string) => b[k] !== undefined && b[k] !== null && b[k] !== '';
	const input: FilterInput = { store, entity, b, has, preds };
	for (const group of [identityFilters, assignmentFilters, relationFilters, placeAndTimeFilters]) group(input);
	return preds;
}
