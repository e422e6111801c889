/**
 * Converts what a user entered in n8n into what the API expects, field by
 * field, and rejects bad input with a NodeOperationError naming the field
 * before any request is sent.
 */
import { DateTime } from 'luxon';
import { NodeOperationError, type INode } from 'n8n-workflow';

import type { FieldSpec } from './catalog';

export interface ValueContext {
	node: INode;
	itemIndex: number;
	/** IANA zone used for date-times entered without an offset. */
	timezone: string;
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

function convertOne(spec: FieldSpec, raw: unknown, ctx: ValueContext): unknown {
	const label = spec.label;
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
			if (text === '' || /[\s/?#]/.test(text)) {
				throw fieldError(ctx, label, `expected an ID without spaces, slashes, "?" or "#", got ${describe(raw)}`);
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
		case 'dateTime': {
			const date = toDate(ctx, label, raw);
			switch (spec.dateFormat) {
				case 'monthDayYear':
					return date.toFormat('M/d/yyyy');
				case 'isoUtc':
					return date.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");
				default:
					return Math.floor(date.toSeconds());
			}
		}
		case 'idList':
			return toList(raw).map((value) => toId(ctx, label, value, true));
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
	}
	return raw;
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
