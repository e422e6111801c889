/**
 * Every request stays inside the credential's base path. URL parsing resolves "." and ".."
 * segments (also percent-encoded ones) and turns backslashes into slashes, so a path such as
 * `/people\..\users` or `/people/%2e%2e/users` would send the credential to another resource, or
 * out of the API's base path. `unsafePathReason` finds any such construct, whatever the encoding
 * (decoded repeatedly), for the Custom API Call's Path field; `refuseUnsafePath` is the transport's
 * last check on every request, which sees path parameters already percent-encoded (decoded once,
 * as the server decodes them).
 */
import { NodeOperationError, type INode } from 'n8n-workflow';

import { hasControlCharacter } from '../values/context';

/** Percent-decoding applied up to this many times (a value encoded three times is still caught). */
const MAX_DECODES = 4;

function decodeOnce(text: string): string | undefined {
	try {
		return decodeURIComponent(text);
	} catch {
		return undefined;
	}
}

/** Why one segment, as the server may read it, is unsafe; undefined when it is a plain segment. */
function segmentProblem(segment: string, decodes: number): string | undefined {
	let current = segment;
	for (let round = 0; round <= decodes; round++) {
		if (/^\.{1,2}$/.test(current.trim())) return `the segment "${segment}" is a "." or ".." segment`;
		if (current.includes('\\')) return `the segment "${segment}" contains a backslash`;
		if (round > 0 && current.includes('/')) return `the segment "${segment}" contains an encoded "/"`;
		if (hasControlCharacter(current)) return `the segment "${segment}" contains a control character`;
		if (round === decodes) break;
		const next = decodeOnce(current);
		// Only what is written must be valid percent-encoding; a decoded "%" is a literal one.
		if (next === undefined) return round === 0 ? `the segment "${segment}" is not valid percent-encoding` : undefined;
		if (next === current) return undefined;
		current = next;
	}
	return undefined;
}

/**
 * Why a path relative to the base URL could leave it or reach another resource than written:
 * a leading segment that is not "/", doubled slashes, backslashes, dot segments, encoded slashes,
 * control characters or broken percent-encoding. `decodes`: how often the path may be decoded.
 */
export function unsafePathReason(path: string, decodes = MAX_DECODES): string | undefined {
	if (!path.startsWith('/')) return 'it must start with "/"';
	if (path.includes('\\')) return 'it contains a backslash';
	const segments = path.slice(1).split('/');
	for (let index = 0; index < segments.length; index++) {
		const segment = segments[index];
		if (segment === '' && index < segments.length - 1) return 'it contains an empty segment ("//")';
		const problem = segmentProblem(segment, decodes);
		if (problem) return problem;
	}
	return undefined;
}

/** The transport's check of every request path: refused before anything is sent. */
export function refuseUnsafePath(node: INode, path: string, itemIndex: number): void {
	const reason = unsafePathReason(path, 1);
	if (!reason) return;
	throw new NodeOperationError(node, `The request path ${path} would not stay inside the credential's base URL: ${reason}`, {
		description: 'An ID or path of ".", "..", or one containing "\\" or an encoded "/", would change which resource the request reaches; use the real ID.',
		itemIndex,
	});
}
