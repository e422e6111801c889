/** Sends a response body a few bytes at a time (a server that defeats idle timeouts), until done or the client leaves. */
import type http from 'node:http';

export async function trickle(
	res: http.ServerResponse,
	body: Buffer,
	pace: { everyMs: number; bytes?: number },
	sleep: (ms: number) => Promise<void>,
	closed: () => boolean,
): Promise<void> {
	const step = Math.max(1, pace.bytes ?? 1);
	for (let offset = 0; offset < body.length; offset += step) {
		if (closed() || res.destroyed) return;
		res.write(body.subarray(offset, offset + step));
		await sleep(pace.everyMs);
	}
	if (!res.destroyed) res.end();
}
