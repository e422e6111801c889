/**
 * Copper's record entities, written once: the record kind (the singular of bodies, webhook types and
 * `available_on`), the plural of paths, and their labels. Everything that lists entities derives from it.
 */
import type { FieldOption, RecordKind } from '../../shared/catalog';

export interface CopperEntity {
	kind: RecordKind;
	plural: string;
	label: string;
	pluralLabel: string;
}

/** In Copper's documentation order. */
export const COPPER_ENTITIES: CopperEntity[] = [
	{ kind: 'lead', plural: 'leads', label: 'Lead', pluralLabel: 'Leads' },
	{ kind: 'person', plural: 'people', label: 'Person', pluralLabel: 'People' },
	{ kind: 'company', plural: 'companies', label: 'Company', pluralLabel: 'Companies' },
	{ kind: 'opportunity', plural: 'opportunities', label: 'Opportunity', pluralLabel: 'Opportunities' },
	{ kind: 'project', plural: 'projects', label: 'Project', pluralLabel: 'Projects' },
	{ kind: 'task', plural: 'tasks', label: 'Task', pluralLabel: 'Tasks' },
];

export const RECORD_KINDS: RecordKind[] = COPPER_ENTITIES.map((entity) => entity.kind);

/** `person` → `people`. */
export const PLURAL = Object.fromEntries(COPPER_ENTITIES.map((entity) => [entity.kind, entity.plural])) as Record<RecordKind, string>;

/** Plural entity names used in paths (`/{entity}/{id}/related`). */
export const pluralEntities: FieldOption[] = COPPER_ENTITIES.map((entity) => ({ name: entity.pluralLabel, value: entity.plural }));

/** Singular entity names used inside bodies (`resource.type`, `parent.type`). */
export const singularEntities: FieldOption[] = COPPER_ENTITIES.map((entity) => ({ name: entity.label, value: entity.kind }));

/** `people` → `person`, `person` → `person`; undefined for anything else. */
export function singularEntity(name: unknown): RecordKind | undefined {
	if (typeof name !== 'string') return undefined;
	const text = name.trim().toLowerCase();
	return COPPER_ENTITIES.find((entity) => entity.kind === text || entity.plural === text)?.kind;
}
