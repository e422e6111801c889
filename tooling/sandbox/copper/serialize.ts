/** Response shapes of records (spec §4): every custom field available on the entity is listed. */

import { SINGULAR } from './entities';
import type { CopperStore } from './store';
import type { AnyRecord, CustomFieldDefinition, CustomFieldValue, EntityPlural, StoredFile, FileMeta } from './types';

/** `computed_value`: option names for Dropdown/MultiSelect, the value otherwise. */
export function computedValue(def: CustomFieldDefinition, value: unknown): unknown {
	if (value === null || value === undefined) return null;
	const names = new Map((def.options ?? []).map((o) => [o.id, o.name]));
	if (def.data_type === 'Dropdown') return names.get(value as number) ?? null;
	if (def.data_type === 'MultiSelect' && Array.isArray(value)) return value.map((v) => names.get(v as number) ?? null);
	return value;
}

export type Serializer = (rec: AnyRecord) => Record<string, unknown>;

/** Builds a serializer for one entity (definitions are looked up once, so it is cheap per record). */
export function recordSerializer(store: CopperStore, entity: EntityPlural, computed: boolean): Serializer {
	const defs = store.definitionsFor(SINGULAR[entity]);
	return (rec) => {
		const values = new Map<number, unknown>();
		for (const c of rec.custom_fields ?? []) values.set(c.custom_field_definition_id, c.value);
		const custom_fields: CustomFieldValue[] = defs.map((d) => {
			const value = values.has(d.id) ? values.get(d.id) : null;
			const entry: CustomFieldValue = { custom_field_definition_id: d.id, value };
			if (computed) entry.computed_value = computedValue(d, value);
			return entry;
		});
		return { ...rec, custom_fields };
	};
}

export function serializeRecord(store: CopperStore, entity: EntityPlural, rec: AnyRecord, computed: boolean): Record<string, unknown> {
	return recordSerializer(store, entity, computed)(rec);
}

export function fileMeta(f: StoredFile): FileMeta {
	return {
		id: f.id,
		is_deleted: f.is_deleted,
		file_name: f.file_name,
		file_size: f.file_size,
		content_type: f.content_type,
		creator_id: f.creator_id,
		date_created: f.date_created,
		date_modified: f.date_modified,
	};
}
