/**
 * Reading loose user input: IDs, lists, numbers, booleans, dates, JSON, record-picker values and
 * n8n collection values. Each reader throws a field error naming the field on bad input.
 */
import { DateTime } from 'luxon';

import type { DateFormat } from '../catalog';
import { describeValue, fieldError, type ValueContext } from './context';
import { isPlainObject, parseJsonSafely, safeCopy } from './safeData';

export { isPlainObject };

export function toId(ctx: ValueContext, label: string, value: unknown, allowNegative = false): number {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	const pattern = allowNegative ? /^-?\d+$/ : /^\d+$/;
	if (!pattern.test(text) || !Number.isSafeInteger(Number(text))) {
		throw fieldError(ctx, label, `expected a numeric ID, got ${describeValue(value)}`);
	}
	return Number(text);
}

/** A list from an array, a JSON array text or comma-separated text. */
export function toList(value: unknown): unknown[] {
	if (Array.isArray(value)) return safeCopy(value);
	if (typeof value === 'number') return [value];
	if (typeof value === 'string') {
		const trimmed = value.trim();
		if (trimmed.startsWith('[')) {
			try {
				const parsed = parseJsonSafely(trimmed);
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

export function toNumber(ctx: ValueContext, label: string, raw: unknown): number {
	const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
	if (typeof raw === 'boolean' || !Number.isFinite(n)) throw fieldError(ctx, label, `expected a number, got ${describeValue(raw)}`);
	return n;
}

/** true/false, 1/0, yes/no, on/off. */
export function toBoolean(ctx: ValueContext, label: string, raw: unknown): boolean {
	if (typeof raw === 'boolean') return raw;
	const text = String(raw).trim().toLowerCase();
	if (['true', '1', 'yes', 'on'].includes(text)) return true;
	if (['false', '0', 'no', 'off'].includes(text)) return false;
	throw fieldError(ctx, label, `expected true or false, got ${describeValue(raw)}`);
}

const fromEpoch = (n: number) => DateTime.fromMillis(n < 1e11 ? n * 1000 : n, { zone: 'utc' });

/** A date-time from epoch seconds or milliseconds, a JS or luxon date, ISO, RFC 2822 or SQL text. */
export function toDate(ctx: ValueContext, label: string, value: unknown): DateTime {
	let date: DateTime | undefined;
	if (typeof value === 'number') {
		date = fromEpoch(value);
	} else if (value instanceof Date) {
		date = DateTime.fromJSDate(value);
	} else if (DateTime.isDateTime(value)) {
		date = value;
	} else if (typeof value === 'string') {
		const text = value.trim();
		const zone = { zone: ctx.timezone, setZone: true };
		if (/^\d+$/.test(text)) date = fromEpoch(Number(text));
		else {
			date = DateTime.fromISO(text, zone);
			if (!date.isValid) date = DateTime.fromRFC2822(text, zone);
			if (!date.isValid) date = DateTime.fromSQL(text, zone);
		}
	}
	if (!date || !date.isValid) {
		throw fieldError(ctx, label, `expected a date-time, got ${describeValue(value)}`);
	}
	return date;
}

/** A date as the API wants it: Unix seconds (default), `M/D/YYYY`, or ISO UTC without milliseconds. */
export function formatDate(date: DateTime, format: DateFormat | undefined): string | number {
	switch (format) {
		case 'monthDayYear':
			return date.toFormat('M/d/yyyy');
		case 'isoUtc':
			return date.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");
		default:
			return Math.floor(date.toSeconds());
	}
}

/** JSON text or an already parsed value (from an expression), safe to merge (values/safeData.ts). */
export function parseJson(ctx: ValueContext, label: string, value: unknown): unknown {
	try {
		return typeof value === 'string' ? parseJsonSafely(value) : safeCopy(value);
	} catch (error) {
		const reason = error instanceof SyntaxError ? `not valid JSON (${error.message})` : (error as Error).message;
		throw fieldError(ctx, label, reason);
	}
}

/** Whether a value is an n8n resourceLocator value `{__rl: true, mode, value}`. */
export function isLocatorValue(value: unknown): value is { __rl?: boolean; mode: string; value: unknown } {
	return isPlainObject(value) && 'mode' in value && 'value' in value;
}

/** The plain value of a resourceLocator value (other values are returned unchanged). */
export function unwrapLocator(value: unknown): unknown {
	return isLocatorValue(value) ? value.value : value;
}

/**
 * n8n fixedCollections wrap their entries as `{ optionName: entry | entry[] }`; raw objects pass through
 * (copied without unsafe keys); JSON text is parsed safely (broken JSON is a field error naming the field).
 */
export function unwrapCollection(ctx: ValueContext, label: string, raw: unknown, key: string): unknown {
	const parsed = typeof raw === 'string' && raw.trim().match(/^[[{]/) ? parseJson(ctx, label, raw) : safeCopy(raw);
	if (isPlainObject(parsed) && Object.prototype.hasOwnProperty.call(parsed, key)) {
		return (parsed as Record<string, unknown>)[key];
	}
	return parsed;
}

/** The entries of a collection value as a list. */
export function toEntries(value: unknown): unknown[] {
	if (value === undefined || value === null) return [];
	return Array.isArray(value) ? value : [value];
}
