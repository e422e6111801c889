/**
 * The one safe way to take in data built from user input, input items, webhook deliveries and server
 * answers: JSON is parsed and objects are copied without the keys `__proto__`, `constructor` and
 * `prototype` (which could otherwise reach an object's prototype, or every object's through a merge),
 * and no deeper than MAX_DEPTH levels. Merges, body paths and plain-object checks use the same rules.
 */

/** Keys that are dropped from every object taken in (they could reach a prototype). */
export const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Deepest nesting accepted (objects and lists); Copper's and Ocoya's records are a few levels deep. */
export const MAX_DEPTH = 64;

export const isUnsafeKey = (key: string): boolean => UNSAFE_KEYS.has(key);

/** Thrown for data nested deeper than MAX_DEPTH. */
export class TooDeepError extends Error {
	constructor() {
		super(`nested more than ${MAX_DEPTH} levels deep`);
		this.name = 'TooDeepError';
	}
}

/**
 * Whether a value is a plain data object (an object literal or parsed JSON object, of any realm,
 * or one without prototype): never a list, a class instance, or a prototype such as Object.prototype.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
	if (value === Object.prototype || Object.prototype.toString.call(value) !== '[object Object]') return false;
	const proto = Object.getPrototypeOf(value) as object | null;
	if (proto === null) return true;
	return Object.getPrototypeOf(proto) === null && !Object.prototype.hasOwnProperty.call(value, 'hasOwnProperty');
}

function copy(value: unknown, depth: number): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (depth > MAX_DEPTH) throw new TooDeepError();
	if (Array.isArray(value)) return value.map((entry) => copy(entry, depth + 1));
	if (!isPlainObject(value)) return value;
	const result: Record<string, unknown> = {};
	for (const key of Object.keys(value)) {
		if (!isUnsafeKey(key)) result[key] = copy(value[key], depth + 1);
	}
	return result;
}

/** A copy of JSON-like data without unsafe keys; throws TooDeepError past MAX_DEPTH. */
export function safeCopy<T>(value: T): T {
	return copy(value, 0) as T;
}

/** Whether JSON text may hold an unsafe key (cheap test before a copy). */
const UNSAFE_MENTION = /__proto__|constructor|prototype|\\u/;
const mentionsUnsafeKey = (text: string): boolean => UNSAFE_MENTION.test(text);

/** The index of the quote that closes the string opened at `start`, or -1 (escaped quotes skipped). */
function stringEnd(text: string, start: number): number {
	let end = text.indexOf('"', start + 1);
	while (end !== -1) {
		let backslashes = 0;
		for (let k = end - 1; text.charCodeAt(k) === 92; k--) backslashes++;
		if (backslashes % 2 === 0) return end;
		end = text.indexOf('"', end + 1);
	}
	return -1;
}

/**
 * Whether JSON text nests deeper than `limit` (arrays and objects; brackets inside strings do not
 * count). One pass, no allocation; strings are skipped with indexOf (most of a page is strings), so
 * a 160 KB page costs about 0.2 ms.
 */
export function nestsDeeperThan(text: string, limit = MAX_DEPTH): boolean {
	let depth = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 34) {
			i = stringEnd(text, i);
			if (i === -1) return false;
		} else if (c === 91 || c === 123) {
			if (++depth > limit) return true;
		} else if (c === 93 || c === 125) depth--;
	}
	return false;
}

/**
 * Parses JSON text safely: unsafe keys dropped, nesting past MAX_DEPTH refused (TooDeepError, from a
 * scan of the text before parsing: cheaper than walking the result, and deep text never reaches
 * JSON.parse; `depthChecked` when the caller has scanned it already); throws SyntaxError on invalid
 * JSON. Text naming no unsafe key is parsed without a copy.
 */
export function parseJsonSafely(text: string, depthChecked = false): unknown {
	if (!depthChecked && nestsDeeperThan(text)) throw new TooDeepError();
	const parsed: unknown = JSON.parse(text);
	if (parsed === null || typeof parsed !== 'object') return parsed;
	return mentionsUnsafeKey(text) ? safeCopy(parsed) : parsed;
}

/** Sets `target[key] = value` unless the key is unsafe (then nothing happens); returns whether it was set. */
export function safeSet(target: Record<string, unknown>, key: string, value: unknown): boolean {
	if (isUnsafeKey(key)) return false;
	target[key] = value;
	return true;
}
