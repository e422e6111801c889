/**
 * What a service declares about the answers its tools give in the Simplified tool output: per entity,
 * the fields an agent needs to act (data, in `nodes/<Service>/catalog/toolShape.ts`); the engine
 * that applies it is `execution/toolOutput.ts`.
 */
import type { DateFormat } from './catalog';

/**
 * One field of a simplified record: a key kept as it is, or a value taken from a (dotted) path,
 * under another name. A path through lists collects every value (duplicates once).
 */
export type ToolField =
	| string
	| {
			/** Key in the simplified record. */
			name: string;
			/** Dotted path in the API's record, e.g. `company_name` or `socialProfiles.socialProfile.name`. */
			path: string;
			/** Keep only the first value a path through lists finds. */
			first?: boolean;
	  };

export interface ToolShapeSpec {
	/** Entity name → the fields of its simplified record, in order. */
	entities: Record<string, ToolField[]>;
	/**
	 * The entity the records of a read operation are: by `resource.operation`, else by `resource`.
	 * A read without an entry is only cleaned (no null or empty values, dates in ISO form).
	 */
	entityOf: Record<string, string>;
	/** Keys (anywhere in a record) holding dates in the API's own form, given in ISO form. */
	dates?: Record<string, DateFormat>;
	/** Keys holding a contact list or object (e.g. `emails` of `{email, category}`) → the key of the value kept. */
	values?: Record<string, string>;
}
