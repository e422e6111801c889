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
const mentionsUnsafeKey = (text: string): boolean =>
	text.includes('__proto__') || text.includes('constructor') || text.includes('prototype') || text.includes('\\u');

/** Whether data nests deeper than MAX_DEPTH (iterative: deep data cannot overflow the stack here). */
function tooDeep(value: unknown): boolean {
	const stack: Array<[unknown, number]> = [[value, 0]];
	while (stack.length) {
		const [current, depth] = stack.pop()!;
		if (current === null || typeof current !== 'object') continue;
		if (depth > MAX_DEPTH) return true;
		for (const entry of Object.values(current as object)) if (entry !== null && typeof entry === 'object') stack.push([entry, depth + 1]);
	}
	return false;
}

/**
 * Parses JSON text safely: unsafe keys dropped, nesting past MAX_DEPTH refused (TooDeepError);
 * throws SyntaxError on invalid JSON. Text naming no unsafe key is parsed without a copy.
 */
export function parseJsonSafely(text: string): unknown {
	const parsed: unknown = JSON.parse(text);
	if (parsed === null || typeof parsed !== 'object') return parsed;
	if (mentionsUnsafeKey(text)) return safeCopy(parsed);
	if (tooDeep(parsed)) throw new TooDeepError();
	return parsed;
}

/** Sets `target[key] = value` unless the key is unsafe (then nothing happens); returns whether it was set. */
export function safeSet(target: Record<string, unknown>, key: string, value: unknown): boolean {
	if (isUnsafeKey(key)) return false;
	target[key] = value;
	return true;
}
