/**
 * Where values go in a request: dotted body paths (`details.person.name`), deep merges of raw JSON
 * over the fields, and percent-encoded path segments.
 */
import type { FieldSpec } from '../catalog';
import type { ValueContext } from './context';
import { convertValue } from './conversion';
import { isPlainObject, isUnsafeKey, safeCopy } from './safeData';

/** Sets `value` at a dotted path, creating objects on the way (a path through an unsafe key sets nothing). */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
	const keys = path.split('.');
	if (keys.some(isUnsafeKey)) return;
	let cursor = target;
	for (const key of keys.slice(0, -1)) {
		if (!isPlainObject(cursor[key]) || !Object.prototype.hasOwnProperty.call(cursor, key)) cursor[key] = {};
		cursor = cursor[key] as Record<string, unknown>;
	}
	cursor[keys[keys.length - 1]] = value;
}

function getPath(target: Record<string, unknown>, path: string): unknown {
	let cursor: unknown = target;
	for (const key of path.split('.')) {
		if (!cursor || typeof cursor !== 'object' || !Object.prototype.hasOwnProperty.call(cursor, key)) return undefined;
		cursor = (cursor as Record<string, unknown>)[key];
	}
	return cursor;
}

/**
 * Deep-merges plain objects (arrays and scalars of `source` win). Unsafe keys of `source` are skipped
 * and only `target`'s own properties are merged into, so nothing reaches a prototype.
 */
export function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
	for (const [key, value] of Object.entries(source)) {
		if (isUnsafeKey(key)) continue;
		if (isPlainObject(value) && Object.prototype.hasOwnProperty.call(target, key) && isPlainObject(target[key])) {
			deepMerge(target[key] as Record<string, unknown>, value as Record<string, unknown>);
		} else {
			target[key] = safeCopy(value);
		}
	}
	return target;
}

/** Percent-encodes one path segment; `.` and `..` can never act as dot-segments. */
export function encodePathSegment(value: string | number): string {
	const encoded = encodeURIComponent(String(value));
	return encoded === '.' || encoded === '..' ? encoded.replace(/\./g, '%2E') : encoded;
}

/**
 * Converts one field's raw value and places it in a request body at its body path (and any
 * `alsoSendAs` paths). Two fields writing one list (custom fields by ID and by name) add up.
 * Returns false when the field was empty and nothing was placed.
 */
export function placeField(body: Record<string, unknown>, field: FieldSpec, raw: unknown, ctx: ValueContext): boolean {
	const value = convertValue(field, raw, ctx);
	if (value === undefined) return false;
	for (const path of [field.bodyPath ?? field.apiName ?? field.name, ...(field.alsoSendAs ?? [])]) {
		const existing = getPath(body, path);
		setPath(body, path, Array.isArray(existing) && Array.isArray(value) ? [...existing, ...value] : value);
	}
	return true;
}
