/**
 * Bounds on what one response may be, so a hostile or broken server cannot exhaust n8n's memory or
 * stack:
 * - size: the body is read as a stream, byte count checked as the chunks arrive; past the Max
 *   Response Size (Request Options) the stream is destroyed and the request fails. A Content-Length
 *   above the bound fails before a byte of the body is read. n8n's helpers buffer a whole body with
 *   no limit (axios' maxContentLength is not exposed), hence the stream.
 * - depth: JSON nested deeper than values/safeData.ts MAX_DEPTH is refused before parsing (the
 *   answer is scanned once in retryPolicy.ts classify with safeData's nestsDeeperThan, the one depth
 *   rule for all data taken in).
 *   Parsing itself copes, but every later step that walks the value (n8n's copies of output items,
 *   redaction, merges) recurses, and a body of 100,000 `[` would overflow the stack there.
 */

/** Default Max Response Size: 64 MiB, far above any page of either API (a 200-record page is < 2 MiB). */
export const DEFAULT_MAX_RESPONSE_MIB = 64;
export const MIB = 1024 * 1024;

/** A body over the Max Response Size: the reading stopped at `readBytes` (or at the announced length). */
export class ResponseTooLarge extends Error {
	constructor(
		readonly limitBytes: number,
		readonly announcedBytes?: number,
	) {
		super('response too large');
	}
}

type ByteStream = AsyncIterable<unknown> & { destroy?: (error?: Error) => void };

const isStream = (body: unknown): body is ByteStream =>
	!!body && typeof body === 'object' && typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';

function chunkBytes(chunk: unknown): Buffer {
	if (Buffer.isBuffer(chunk)) return chunk;
	if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
	return Buffer.from(chunk as Uint8Array);
}

/**
 * The whole body as text, read as it arrives and stopped at `limitBytes`. `signal` (the attempt's
 * deadline or the execution's cancel) destroys the stream mid-read. Non-stream bodies (a helper
 * that buffered after all) are measured the same way.
 */
export async function readBounded(body: unknown, headers: Record<string, string>, limitBytes: number, signal?: AbortSignal): Promise<string> {
	const announced = Number(headers['content-length']);
	const stream = isStream(body) ? body : undefined;
	if (Number.isFinite(announced) && announced > limitBytes) {
		stream?.destroy?.();
		throw new ResponseTooLarge(limitBytes, announced);
	}
	if (!stream) {
		const text = typeof body === 'string' ? body : body === undefined || body === null ? '' : Buffer.isBuffer(body) ? body.toString('utf8') : JSON.stringify(body);
		if (Buffer.byteLength(text) > limitBytes) throw new ResponseTooLarge(limitBytes);
		return text;
	}
	const onAbort = () => stream.destroy?.(new Error('aborted'));
	signal?.addEventListener('abort', onAbort, { once: true });
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		if (signal?.aborted) onAbort();
		for await (const chunk of stream) {
			const bytes = chunkBytes(chunk);
			size += bytes.length;
			if (size > limitBytes) {
				stream.destroy?.();
				throw new ResponseTooLarge(limitBytes);
			}
			chunks.push(bytes);
		}
	} finally {
		signal?.removeEventListener('abort', onAbort);
	}
	return Buffer.concat(chunks, size).toString('utf8');
}

/** Releases a body nobody will read (a refused redirect), so its socket is freed. */
export function discardBody(body: unknown): void {
	if (isStream(body)) body.destroy?.();
}

