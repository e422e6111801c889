/**
 * Converts what a user entered in n8n into what the API expects, field by
 * field, and rejects bad input with a NodeOperationError naming the field
 * before any request is sent.
 */
import { DateTime } from 'luxon';
import { NodeOperationError, type INode } from 'n8n-workflow';

import type { DateFormat, FieldSpec } from './catalog';

/** How a custom field's value is typed, in engine terms (a service maps its own data types to these). */
export type CustomFieldKind = 'text' | 'number' | 'boolean' | 'date' | 'option' | 'options' | 'unsupported';

/** One custom field definition of the account, as the engine needs it to resolve fields by name. */
export interface CustomFieldInfo {
	id: number;
	name: string;
	/** Alternative key users may type (e.g. Copper's canonical_name). */
	key?: string;
	/** The vendor's data type, shown in messages. */
	dataType: string;
	kind: CustomFieldKind;
	/** Choices of `option` / `options` fields. */
	options: Array<{ id: number; name: string }>;
	/** How a date is sent (default Unix seconds). */
	dateFormat?: DateFormat;
	/** Why an `unsupported` field cannot be written here. */
	unsupportedReason?: string;
}

export interface ValueContext {
	node: INode;
	itemIndex: number;
	/** IANA zone used for date-times entered without an offset. */
	timezone: string;
	/** Custom field definitions available to this operation (for custom fields by name); loaded once per execution. */
	customFields?: CustomFieldInfo[];
}

/** Marker for "the user gave nothing": the key is left out of the request. */
export const OMIT = undefined;

export function fieldError(ctx: ValueContext, label: string, problem: string): NodeOperationError {
	return new NodeOperationError(ctx.node, `Invalid value for "${label}": ${problem}`, {
		itemIndex: ctx.itemIndex,
		description: `Check the "${label}" field of item ${ctx.itemIndex}.`,
	});
}

export function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(Array.isArray(value) && value.length === 0)
	);
}

const describe = (value: unknown): string => {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

function toId(ctx: ValueContext, label: string, value: unknown, allowNegative = false): number {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	const pattern = allowNegative ? /^-?\d+$/ : /^\d+$/;
	if (!pattern.test(text) || !Number.isSafeInteger(Number(text))) {
		throw fieldError(ctx, label, `expected a numeric ID, got ${describe(value)}`);
	}
	return Number(text);
}

function toList(value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	if (typeof value === 'number') return [value];
	if (typeof value === 'string') {
		const trimmed = value.trim();
		if (trimmed.startsWith('[')) {
			try {
				const parsed = JSON.parse(trimmed);
				if (Array.isArray(parsed)) return parsed;
			} catch {
				// fall through to comma splitting
			}
		}
		return trimmed
			.split(',')
			.map((part) => part.trim())
			.filter((part) => part !== '');
	}
	return [value];
}

function toDate(ctx: ValueContext, label: string, value: unknown): DateTime {
	let date: DateTime | undefined;
	if (typeof value === 'number') {
		date = DateTime.fromMillis(value < 1e11 ? value * 1000 : value, { zone: 'utc' });
	} else if (value instanceof Date) {
		date = DateTime.fromJSDate(value);
	} else if (DateTime.isDateTime(value)) {
		date = value;
	} else if (typeof value === 'string') {
		const text = value.trim();
		if (/^\d+$/.test(text)) {
			const n = Number(text);
			date = DateTime.fromMillis(n < 1e11 ? n * 1000 : n, { zone: 'utc' });
		} else {
			date = DateTime.fromISO(text, { zone: ctx.timezone, setZone: true });
			if (!date.isValid) date = DateTime.fromRFC2822(text, { zone: ctx.timezone, setZone: true });
			if (!date.isValid) date = DateTime.fromSQL(text, { zone: ctx.timezone, setZone: true });
		}
	}
	if (!date || !date.isValid) {
		throw fieldError(ctx, label, `expected a date-time, got ${describe(value)}`);
	}
	return date;
}

/** A date as the API wants it: Unix seconds (default), `M/D/YYYY`, or ISO UTC without milliseconds. */
function formatDate(date: DateTime, format: DateFormat | undefined): string | number {
	switch (format) {
		case 'monthDayYear':
			return date.toFormat('M/d/yyyy');
		case 'isoUtc':
			return date.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");
		default:
			return Math.floor(date.toSeconds());
	}
}

function parseJson(ctx: ValueContext, label: string, value: unknown): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch (error) {
		throw fieldError(ctx, label, `not valid JSON (${(error as Error).message})`);
	}
}

/** Custom field values are typed by their definition: numbers, booleans, arrays of option IDs or text. */
function customFieldValue(raw: unknown): unknown {
	if (typeof raw !== 'string') return raw;
	const text = raw.trim();
	if (text === '') return null;
	if (/^(-?\d+(\.\d+)?|true|false|null|\[.*\])$/s.test(text)) {
		try {
			return JSON.parse(text);
		} catch {
			return raw;
		}
	}
	return raw;
}

/**
 * Converts one field. Returns `undefined` when the field is empty and should be
 * left out; throws a NodeOperationError naming the field when the value is bad.
 */
export function convertValue(spec: FieldSpec, raw: unknown, ctx: ValueContext): unknown {
	const label = spec.label;
	const value = convertOne(spec, raw, ctx);
	if (spec.maxItems !== undefined && Array.isArray(value) && value.length > spec.maxItems) {
		throw fieldError(ctx, label, `at most ${spec.maxItems} entries allowed, got ${value.length}`);
	}
	return value;
}

/** Whether a value is an n8n resourceLocator value `{__rl: true, mode, value}`. */
export function isLocatorValue(value: unknown): value is { __rl?: boolean; mode: string; value: unknown } {
	return !!value && typeof value === 'object' && !Array.isArray(value) && 'mode' in value && 'value' in value;
}

/** The plain value of a resourceLocator value (other values are returned unchanged). */
export function unwrapLocator(value: unknown): unknown {
	return isLocatorValue(value) ? value.value : value;
}

function convertOne(spec: FieldSpec, rawValue: unknown, ctx: ValueContext): unknown {
	const label = spec.label;
	const raw = unwrapLocator(rawValue);
	if (isEmpty(raw) && spec.type !== 'boolean') {
		if (spec.required) throw fieldError(ctx, label, 'a value is required');
		return OMIT;
	}
	switch (spec.type) {
		case 'string': {
			const text = typeof raw === 'string' ? raw : typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
			if (spec.minLength !== undefined && text.length < spec.minLength) {
				throw fieldError(ctx, label, `at least ${spec.minLength} characters required, got ${text.length}`);
			}
			if (spec.maxLength !== undefined && text.length > spec.maxLength) {
				throw fieldError(ctx, label, `at most ${spec.maxLength} characters allowed, got ${text.length}`);
			}
			return text;
		}
		case 'stringId': {
			const text = String(raw).trim();
			if (text === '' || /[\s/?#]/.test(text) || /^\.{1,2}$/.test(text)) {
				throw fieldError(ctx, label, `expected an ID without spaces, slashes, "?", "#" or dot segments, got ${describe(raw)}`);
			}
			return text;
		}
		case 'number': {
			const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
			if (!Number.isFinite(n)) throw fieldError(ctx, label, `expected a number, got ${describe(raw)}`);
			if (spec.min !== undefined && n < spec.min) throw fieldError(ctx, label, `must be at least ${spec.min}`);
			if (spec.max !== undefined && n > spec.max) throw fieldError(ctx, label, `must be at most ${spec.max}`);
			return n;
		}
		case 'id':
			if (spec.locator && typeof raw === 'string' && /^https?:\/\//i.test(raw.trim())) {
				throw fieldError(ctx, label, `the URL ${describe(raw)} is not a link to a ${spec.locator} record (pick "By URL" or give the numeric ID)`);
			}
			return toId(ctx, label, raw);
		case 'boolean': {
			if (raw === undefined || raw === null || raw === '') return spec.required ? false : OMIT;
			if (typeof raw === 'boolean') return raw;
			if (raw === 'true' || raw === 1) return true;
			if (raw === 'false' || raw === 0) return false;
			throw fieldError(ctx, label, `expected true or false, got ${describe(raw)}`);
		}
		case 'options': {
			if (!spec.options || spec.loadOptionsMethod) return raw;
			const match = spec.options.find((option) => String(option.value) === String(raw));
			if (!match) {
				const allowed = spec.options.map((option) => String(option.value)).join(', ');
				throw fieldError(ctx, label, `${describe(raw)} is not one of: ${allowed}`);
			}
			return match.value;
		}
		case 'multiOptions': {
			const values = toList(raw);
			if (!spec.options || spec.loadOptionsMethod) return values;
			return values.map((value) => {
				const match = spec.options!.find((option) => String(option.value) === String(value));
				if (!match) {
					const allowed = spec.options!.map((option) => String(option.value)).join(', ');
					throw fieldError(ctx, label, `${describe(value)} is not one of: ${allowed}`);
				}
				return match.value;
			});
		}
		case 'dateTime':
			return formatDate(toDate(ctx, label, raw), spec.dateFormat);
		case 'idList':
			return toList(raw).map((value) => toId(ctx, label, unwrapLocator(value), true));
		case 'stringList':
			return toList(raw).map((value) => String(value));
		case 'urlList':
			return toList(raw).map((value) => {
				const text = String(value).trim();
				let url: URL | undefined;
				try {
					url = new URL(text);
				} catch {
					url = undefined;
				}
				if (!url || !['http:', 'https:'].includes(url.protocol)) {
					throw fieldError(ctx, label, `${describe(value)} is not an http(s) URL`);
				}
				return text;
			});
		case 'json': {
			const parsed = parseJson(ctx, label, raw);
			if (parsed === null || typeof parsed !== 'object') {
				throw fieldError(ctx, label, 'expected a JSON object or array');
			}
			return parsed;
		}
		case 'object': {
			const source = unwrapCollection(raw, 'value');
			const entry = Array.isArray(source) ? source[0] : source;
			const result = convertFields(spec.fields ?? [], (entry ?? {}) as Record<string, unknown>, ctx, label);
			return Object.keys(result).length ? result : OMIT;
		}
		case 'list': {
			const entries = toEntries(unwrapCollection(raw, 'values'));
			const result = entries
				.map((entry) => convertFields(spec.fields ?? [], entry as Record<string, unknown>, ctx, label))
				.filter((entry) => Object.keys(entry).length > 0);
			return result.length ? result : OMIT;
		}
		case 'customFields': {
			const entries = toEntries(unwrapCollection(raw, 'field'));
			return entries.map((entry) => {
				const record = entry as Record<string, unknown>;
				if (record.custom_field_definition_id === undefined) {
					throw fieldError(ctx, label, 'each entry needs custom_field_definition_id');
				}
				return {
					custom_field_definition_id: toId(ctx, `${label} › Field Definition ID`, record.custom_field_definition_id),
					value: customFieldValue(record.value),
				};
			});
		}
		case 'customFieldsByName': {
			const entries = toEntries(unwrapCollection(raw, 'field'));
			const result = entries.map((entry) => {
				const record = (entry ?? {}) as Record<string, unknown>;
				const definition = resolveCustomField(ctx, label, record.field);
				return {
					custom_field_definition_id: definition.id,
					value: customFieldValueOf(ctx, `${label} › ${definition.name}`, definition, record.value),
				};
			});
			return result.length ? result : OMIT;
		}
		case 'customFieldFiltersByName': {
			const entries = toEntries(unwrapCollection(raw, 'filter'));
			const result = entries.map((entry) => customFieldFilter(ctx, label, (entry ?? {}) as Record<string, unknown>));
			return result.length ? result : OMIT;
		}
	}
	return raw;
}

/* ------------------------------------------------------------------ custom fields by name */

const listNames = (names: string[]): string => (names.length ? names.map((name) => `"${name}"`).join(', ') : '(none)');

/** Finds a definition by name (exact, then case-insensitive), key or numeric ID; a clear error otherwise. */
export function resolveCustomField(ctx: ValueContext, label: string, given: unknown): CustomFieldInfo {
	const definitions = ctx.customFields;
	if (!definitions) {
		throw fieldError(ctx, label, 'the custom field definitions of the account could not be loaded');
	}
	const text = String(unwrapLocator(given) ?? '').trim();
	if (text === '') throw fieldError(ctx, label, 'each entry needs a field');
	const lower = text.toLowerCase();
	const found =
		definitions.find((definition) => definition.name === text) ??
		definitions.find((definition) => definition.name.toLowerCase() === lower) ??
		definitions.find((definition) => definition.key !== undefined && definition.key.toLowerCase() === lower) ??
		(/^\d+$/.test(text) ? definitions.find((definition) => definition.id === Number(text)) : undefined);
	if (!found) {
		throw fieldError(
			ctx,
			label,
			`no custom field named "${text}" here; valid fields: ${listNames(
				definitions.filter((definition) => definition.kind !== 'unsupported').map((definition) => definition.name),
			)}`,
		);
	}
	return found;
}

/** Resolves option names (case-insensitive) or option IDs of a Dropdown/MultiSelect field to option IDs. */
function optionIds(ctx: ValueContext, label: string, definition: CustomFieldInfo, raw: unknown): number[] {
	return toList(raw).map((entry) => {
		const text = String(entry).trim();
		const lower = text.toLowerCase();
		const option =
			definition.options.find((candidate) => candidate.name === text) ??
			definition.options.find((candidate) => candidate.name.toLowerCase() === lower) ??
			(/^\d+$/.test(text) ? definition.options.find((candidate) => candidate.id === Number(text)) : undefined);
		if (!option) {
			throw fieldError(
				ctx,
				label,
				`"${text}" is not an option of "${definition.name}"; valid options: ${listNames(definition.options.map((candidate) => candidate.name))}`,
			);
		}
		return option.id;
	});
}

function toNumber(ctx: ValueContext, label: string, raw: unknown): number {
	const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
	if (typeof raw === 'boolean' || !Number.isFinite(n)) throw fieldError(ctx, label, `expected a number, got ${describe(raw)}`);
	return n;
}

function toBoolean(ctx: ValueContext, label: string, raw: unknown): boolean {
	if (typeof raw === 'boolean') return raw;
	const text = String(raw).trim().toLowerCase();
	if (['true', '1', 'yes', 'on'].includes(text)) return true;
	if (['false', '0', 'no', 'off'].includes(text)) return false;
	throw fieldError(ctx, label, `expected true or false, got ${describe(raw)}`);
}

function dateValue(ctx: ValueContext, label: string, definition: CustomFieldInfo, raw: unknown): unknown {
	return formatDate(toDate(ctx, label, raw), definition.dateFormat);
}

/** A value in the field's own type; an empty value clears the field (null). */
export function customFieldValueOf(ctx: ValueContext, label: string, definition: CustomFieldInfo, raw: unknown): unknown {
	if (isEmpty(raw)) return null;
	switch (definition.kind) {
		case 'text':
			return typeof raw === 'string' ? raw : typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
		case 'number':
			return toNumber(ctx, label, raw);
		case 'boolean':
			return toBoolean(ctx, label, raw);
		case 'date':
			return dateValue(ctx, label, definition, raw);
		case 'option': {
			const ids = optionIds(ctx, label, definition, raw);
			if (ids.length !== 1) throw fieldError(ctx, label, `"${definition.name}" takes exactly one option, got ${ids.length}`);
			return ids[0];
		}
		case 'options':
			return optionIds(ctx, label, definition, raw);
		default:
			throw fieldError(
				ctx,
				label,
				`"${definition.name}" (${definition.dataType}) cannot be set here${definition.unsupportedReason ? `: ${definition.unsupportedReason}` : ''}`,
			);
	}
}

/** One search filter on a custom field: `{custom_field_definition_id, value | minimum_value/maximum_value, option, allow_empty}`. */
function customFieldFilter(ctx: ValueContext, label: string, entry: Record<string, unknown>): Record<string, unknown> {
	const definition = resolveCustomField(ctx, label, entry.field);
	const where = `${label} › ${definition.name}`;
	const condition = String(entry.condition ?? 'is');
	const filter: Record<string, unknown> = { custom_field_definition_id: definition.id };
	const isChoice = definition.kind === 'option' || definition.kind === 'options';
	const needValue = () => {
		if (isEmpty(unwrapLocator(entry.value))) throw fieldError(ctx, where, `the condition "${condition}" needs a value`);
		return unwrapLocator(entry.value);
	};
	switch (condition) {
		case 'is':
			filter.value = isChoice ? optionIds(ctx, where, definition, needValue()) : customFieldValueOf(ctx, where, definition, needValue());
			break;
		case 'range': {
			if (!['number', 'date'].includes(definition.kind)) {
				throw fieldError(ctx, where, `a range needs a number, currency, percentage or date field; "${definition.name}" is ${definition.dataType}`);
			}
			const bound = (value: unknown) => (isEmpty(value) ? undefined : customFieldValueOf(ctx, where, definition, value));
			const minimum = bound(entry.minimum);
			const maximum = bound(entry.maximum);
			if (minimum === undefined && maximum === undefined) throw fieldError(ctx, where, 'a range needs a minimum or a maximum');
			if (minimum !== undefined) filter.minimum_value = minimum;
			if (maximum !== undefined) filter.maximum_value = maximum;
			break;
		}
		case 'any':
		case 'all':
		case 'none': {
			if (!isChoice) {
				throw fieldError(ctx, where, `"${condition}" needs a dropdown or multi-select field; "${definition.name}" is ${definition.dataType}`);
			}
			if (condition !== 'any' && definition.kind !== 'options') {
				throw fieldError(ctx, where, `"${condition}" needs a multi-select field; "${definition.name}" is ${definition.dataType}`);
			}
			filter.value = optionIds(ctx, where, definition, needValue());
			if (definition.kind === 'options') filter.option = condition.toUpperCase();
			break;
		}
		case 'empty':
			filter.allow_empty = true;
			return filter;
		default:
			throw fieldError(ctx, where, `unknown condition ${describe(condition)}; use is, range, any, all, none or empty`);
	}
	if (entry.includeEmpty === true || entry.includeEmpty === 'true') filter.allow_empty = true;
	return filter;
}

/** n8n fixedCollections wrap their entries as `{ optionName: entry | entry[] }`; raw objects pass through. */
function unwrapCollection(raw: unknown, key: string): unknown {
	const parsed = typeof raw === 'string' && raw.trim().match(/^[[{]/) ? JSON.parse(raw) : raw;
	if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && key in parsed) {
		return (parsed as Record<string, unknown>)[key];
	}
	return parsed;
}

function toEntries(value: unknown): unknown[] {
	if (value === undefined || value === null) return [];
	return Array.isArray(value) ? value : [value];
}

/** Converts a set of sub-fields; keys not described by `fields` are kept as given. */
export function convertFields(
	fields: FieldSpec[],
	values: Record<string, unknown>,
	ctx: ValueContext,
	parentLabel?: string,
): Record<string, unknown> {
	const result: Record<string, unknown> = {};
	for (const [key, raw] of Object.entries(values)) {
		const spec = fields.find((field) => field.name === key);
		if (!spec) {
			if (!isEmpty(raw)) result[key] = raw;
			continue;
		}
		const labelled = parentLabel ? { ...spec, displayName: `${parentLabel} › ${spec.label}` } : spec;
		const value = convertValue(labelled, raw, ctx);
		if (value !== OMIT) result[spec.apiName ?? spec.name] = value;
	}
	return result;
}

/** Sets `value` at a dotted path, creating objects on the way. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
	const keys = path.split('.');
	let cursor = target;
	for (const key of keys.slice(0, -1)) {
		if (cursor[key] === undefined || cursor[key] === null || typeof cursor[key] !== 'object') cursor[key] = {};
		cursor = cursor[key] as Record<string, unknown>;
	}
	cursor[keys[keys.length - 1]] = value;
}

/** Deep-merges plain objects (arrays and scalars of `source` win). */
export function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
	for (const [key, value] of Object.entries(source)) {
		const existing = target[key];
		if (
			value &&
			typeof value === 'object' &&
			!Array.isArray(value) &&
			existing &&
			typeof existing === 'object' &&
			!Array.isArray(existing)
		) {
			deepMerge(existing as Record<string, unknown>, value as Record<string, unknown>);
		} else {
			target[key] = value;
		}
	}
	return target;
}

/** Percent-encodes one path segment; `.` and `..` can never act as dot-segments. */
export function encodePathSegment(value: string | number): string {
	const encoded = encodeURIComponent(String(value));
	return encoded === '.' || encoded === '..' ? encoded.replace(/\./g, '%2E') : encoded;
}

function getPath(target: Record<string, unknown>, path: string): unknown {
	let cursor: unknown = target;
	for (const key of path.split('.')) {
		if (!cursor || typeof cursor !== 'object') return undefined;
		cursor = (cursor as Record<string, unknown>)[key];
	}
	return cursor;
}

/**
 * Converts one field's raw value and places it in a request body at its body path (and any
 * `alsoSendAs` paths). Two fields writing one list (custom fields by ID and by name) add up.
 * Returns false when the field was empty and nothing was placed.
 */
export function placeField(body: Record<string, unknown>, field: FieldSpec, raw: unknown, ctx: ValueContext): boolean {
	const value = convertValue(field, raw, ctx);
	if (value === OMIT) return false;
	for (const path of [field.bodyPath ?? field.apiName ?? field.name, ...(field.alsoSendAs ?? [])]) {
		const existing = getPath(body, path);
		setPath(body, path, Array.isArray(existing) && Array.isArray(value) ? [...existing, ...value] : value);
	}
	return true;
}
