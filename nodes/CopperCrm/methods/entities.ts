/** Copper's entity names: record kinds, the plurals of paths and the singulars of `available_on`. */
import type { RecordKind } from '../../shared/catalog';

export const PLURAL: Record<RecordKind, string> = {
	person: 'people',
	company: 'companies',
	lead: 'leads',
	opportunity: 'opportunities',
	project: 'projects',
	task: 'tasks',
};

/** `people` → `person`, `person` → `person`; undefined for anything else. */
export function singularEntity(name: unknown): RecordKind | undefined {
	if (typeof name !== 'string') return undefined;
	const text = name.trim().toLowerCase();
	if (text in PLURAL) return text as RecordKind;
	return (Object.keys(PLURAL) as RecordKind[]).find((kind) => PLURAL[kind] === text);
}
