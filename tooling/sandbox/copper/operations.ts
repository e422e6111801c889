/** Validated create/update of records, shared by the CRUD, bulk, upsert and convert handlers. */

import { notFound } from './errors';
import type { CopperStore } from './store';
import type { EntityPlural, RecordMap } from './types';
import { normalizeRecordInput } from './recordInput';

export function createRecord<E extends EntityPlural>(store: CopperStore, entity: E, body: unknown): RecordMap[E] {
	const patch = normalizeRecordInput(store, entity, body);
	const rec = store.blank(entity, patch.name as string);
	Object.assign(rec, patch);
	return store.insert(entity, rec);
}

export function updateRecord<E extends EntityPlural>(store: CopperStore, entity: E, id: number, body: unknown): RecordMap[E] {
	const existing = store.get(entity, id);
	if (!existing) throw notFound();
	const patch = normalizeRecordInput(store, entity, body, existing);
	return store.update(entity, id, patch as Partial<RecordMap[E]>) as RecordMap[E];
}
