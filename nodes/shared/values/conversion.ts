/**
 * Converts what a user entered in n8n into what the API expects, field by field (one converter per
 * catalog field type), and rejects bad input with a NodeOperationError naming the field before any
 * request is sent.
 */
import type { FieldSpec, FieldType } from '../catalog';
import { describeValue, fieldError, hasControlCharacter, isEmpty, type ValueContext } from './context';
import { customFieldFiltersByName, customFieldsById, customFieldsByName } from './customFieldValues';
import { formatDate, parseJson, toBoolean, toDate, toEntries, toId, toList, toNumber, unwrapCollection, unwrapLocator } from './parse';
import { safeCopy, safeSet } from './safeData';

/**
 * Converts one field. Returns `undefined` when the field is empty and should be
 * left out; throws a NodeOperationError naming the field when the value is bad.
 */
export function convertValue(spec: FieldSpec, raw: unknown, ctx: ValueContext): unknown {
	const value = convertOne(spec, raw, ctx);
	if (spec.maxItems !== undefined && Array.isArray(value) && value.length > spec.maxItems) {
		throw fieldError(ctx, spec.label, `at most ${spec.maxItems} entries allowed, got ${value.length}`);
	}
	return value;
}

function convertOne(spec: FieldSpec, rawValue: unknown, ctx: ValueContext): unknown {
	const raw = unwrapLocator(rawValue);
	if (isEmpty(raw) && spec.type !== 'boolean') {
		if (spec.required) throw fieldError(ctx, spec.label, 'a value is required');
		return undefined;
	}
	return CONVERTERS[spec.type](spec, raw, ctx);
}

type Converter = (spec: FieldSpec, raw: unknown, ctx: ValueContext) => unknown;

/** One option of `spec.options` by value; a field error listing the allowed values otherwise. */
function matchOption(spec: FieldSpec, value: unknown, ctx: ValueContext): string | number | boolean {
	const match = spec.options!.find((option) => String(option.value) === String(value));
	if (!match) {
		const allowed = spec.options!.map((option) => String(option.value)).join(', ');
		throw fieldError(ctx, spec.label, `${describeValue(value)} is not one of: ${allowed}`);
	}
	return match.value;
}

function httpUrl(spec: FieldSpec, value: unknown, ctx: ValueContext): string {
	const text = String(value).trim();
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || !['http:', 'https:'].includes(url.protocol)) throw fieldError(ctx, spec.label, `${describeValue(value)} is not an http(s) URL`);
	return text;
}

/** One address, `local@domain.tld`, without spaces or a second "@" (what the APIs accept as an email). */
const EMAIL = /^[^\s@<>(),;:"\[\]\\]+@[^\s@<>(),;:"\[\]\\]+\.[^\s@<>(),;:"\[\]\\.]{2,}$/;

function checkFormat(spec: FieldSpec, text: string, ctx: ValueContext): string {
	if (spec.format === 'email' && (!EMAIL.test(text.trim()) || text.trim().length > 254)) {
		throw fieldError(ctx, spec.label, `${describeValue(text)} is not an email address`);
	}
	return spec.format === 'email' ? text.trim() : text;
}

const CONVERTERS: Record<FieldType, Converter> = {
	string(spec, raw, ctx) {
		const text = typeof raw === 'string' ? raw : typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
		if (spec.minLength !== undefined && text.length < spec.minLength) {
			throw fieldError(ctx, spec.label, `at least ${spec.minLength} characters required, got ${text.length}`);
		}
		if (spec.maxLength !== undefined && text.length > spec.maxLength) {
			throw fieldError(ctx, spec.label, `at most ${spec.maxLength} characters allowed, got ${text.length}`);
		}
		return checkFormat(spec, text, ctx);
	},
	stringId(spec, raw, ctx) {
		const text = String(raw).trim();
		if (text === '' || hasControlCharacter(text) || /[\s/\\?#]/.test(text) || /^\.{1,2}$/.test(text)) {
			throw fieldError(ctx, spec.label, `expected an ID without spaces, slashes, backslashes, "?", "#" or dot segments, got ${describeValue(raw)}`);
		}
		return text;
	},
	number(spec, raw, ctx) {
		const n = toNumber(ctx, spec.label, raw);
		if (spec.min !== undefined && n < spec.min) throw fieldError(ctx, spec.label, `must be at least ${spec.min}`);
		if (spec.max !== undefined && n > spec.max) throw fieldError(ctx, spec.label, `must be at most ${spec.max}`);
		return n;
	},
	id(spec, raw, ctx) {
		if (spec.locator && typeof raw === 'string' && /^https?:\/\//i.test(raw.trim())) {
			throw fieldError(
				ctx,
				spec.label,
				`the URL ${describeValue(raw)} is not a link to a ${spec.locator} record (pick "By URL" or give the numeric ID)`,
			);
		}
		return toId(ctx, spec.label, raw);
	},
	boolean(spec, raw, ctx) {
		if (raw === undefined || raw === null || raw === '') return spec.required ? false : undefined;
		return toBoolean(ctx, spec.label, raw);
	},
	options: (spec, raw, ctx) => (!spec.options || spec.loadOptionsMethod ? raw : matchOption(spec, raw, ctx)),
	multiOptions(spec, raw, ctx) {
		const values = toList(raw);
		return !spec.options || spec.loadOptionsMethod ? values : values.map((value) => matchOption(spec, value, ctx));
	},
	dateTime: (spec, raw, ctx) => formatDate(toDate(ctx, spec.label, raw), spec.dateFormat),
	idList: (spec, raw, ctx) => toList(raw).map((value) => toId(ctx, spec.label, unwrapLocator(value), true)),
	stringList: (spec, raw, ctx) => toList(raw).map((value) => checkFormat(spec, String(value), ctx)),
	urlList: (spec, raw, ctx) => toList(raw).map((value) => httpUrl(spec, value, ctx)),
	json(spec, raw, ctx) {
		const parsed = parseJson(ctx, spec.label, raw);
		if (parsed === null || typeof parsed !== 'object') throw fieldError(ctx, spec.label, 'expected a JSON object or array');
		return parsed;
	},
	object(spec, raw, ctx) {
		const source = unwrapCollection(ctx, spec.label, raw, 'value');
		const entry = Array.isArray(source) ? source[0] : source;
		const result = convertFields(spec.fields ?? [], (entry ?? {}) as Record<string, unknown>, ctx, spec.label);
		return Object.keys(result).length ? result : undefined;
	},
	list(spec, raw, ctx) {
		const result = toEntries(unwrapCollection(ctx, spec.label, raw, 'values'))
			.map((entry) => convertFields(spec.fields ?? [], entry as Record<string, unknown>, ctx, spec.label))
			.filter((entry) => Object.keys(entry).length > 0);
		return result.length ? result : undefined;
	},
	customFields: (spec, raw, ctx) => customFieldsById(ctx, spec.label, raw),
	customFieldsByName: (spec, raw, ctx) => customFieldsByName(ctx, spec.label, raw),
	customFieldFiltersByName: (spec, raw, ctx) => customFieldFiltersByName(ctx, spec.label, raw),
};

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
			if (!isEmpty(raw)) safeSet(result, key, safeCopy(raw));
			continue;
		}
		const labelled = parentLabel ? { ...spec, label: `${parentLabel} › ${spec.label}` } : spec;
		const value = convertValue(labelled, raw, ctx);
		if (value !== undefined) result[spec.apiName ?? spec.name] = value;
	}
	return result;
}
