/**
 * CUID-v1-like identifiers, as used by Ocoya (e.g. `cmayvq3hk00017apshay5qezu`):
 * 25 lowercase base-36 characters starting with `c`:
 *   'c' + 8-char millisecond timestamp + 4-char counter + 4-char fingerprint + 8-char random block.
 * Deterministic when given a numeric seed (a small PRNG replaces Math.random).
 */

const BASE = 36;

function pad(value: string, size: number): string {
	const s = '000000000' + value;
	return s.slice(s.length - size);
}

/** mulberry32: tiny deterministic PRNG returning floats in [0, 1). */
export function createPrng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export interface IdFactory {
	/** New CUID-like id; `atMs` sets the embedded timestamp (defaults to now). */
	cuid(atMs?: number): string;
	/** Random lowercase base-36 string of the given length. */
	randomString(length: number): string;
}

export function createIdFactory(seed: number = Date.now()): IdFactory {
	const random = createPrng(seed);
	let counter = Math.floor(random() * BASE ** 4);
	const fingerprint = pad(Math.floor(random() * BASE ** 4).toString(BASE), 4);

	const randomString = (length: number): string => {
		let out = '';
		while (out.length < length) {
			out += pad(Math.floor(random() * BASE ** 4).toString(BASE), 4);
		}
		return out.slice(0, length);
	};

	return {
		cuid(atMs?: number): string {
			const ts = Math.max(0, Math.floor(atMs ?? Date.now()));
			counter = (counter + 1) % BASE ** 4;
			return (
				'c' + pad(ts.toString(BASE), 8) + pad(counter.toString(BASE), 4) + fingerprint + randomString(8)
			);
		},
		randomString,
	};
}

export const CUID_PATTERN = /^c[0-9a-z]{24}$/;

export function isCuidLike(value: string): boolean {
	return CUID_PATTERN.test(value);
}
