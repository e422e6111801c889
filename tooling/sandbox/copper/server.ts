/**
 * The HTTP server: request recording, faults, auth, rate limits, body parsing and routing.
 *
 * Order of handling for every request:
 *   1. read the body and record the request (`sandbox.requests`);
 *   2. the first matching injected fault (method + path, remaining `times`) applies;
 *   3. 404 outside `/developer_api/v1` (the file storage is another server: storage.ts);
 *   4. auth (API-key headers or OAuth bearer) → 401;
 *   5. rate limits (all authenticated requests, then bulk endpoints) → 429 without Retry-After;
 *   6. invalid JSON body → 400;
 *   7. routing → handler → JSON reply (404 for unknown routes).
 */

import { deliverFromControlRequest } from './delivery';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { echoBody } from '../echo';
import { misreadPage } from '../contract';
import { bearerOf, OAuthAuthority } from '../oauth';
import { trickle } from '../trickle';
import { ApiError, NOT_FOUND_MESSAGE, errorBody, statusText } from './errors';
import { buildRouter } from './handlers/index';
import type { Ctx } from './router';
import { seedStore } from './seed';
import { startCopperStorage } from './storage';
import { CopperStore } from './store';
import type { CopperSandbox, CopperSandboxOptions, Fault, RateLimitConfig, RecordedRequest } from './types';
import { parseVolumeSeed, seedVolume } from './volume';

export const BASE_PREFIX = '/developer_api/v1';
/** Local control endpoint: make the sandbox send webhook deliveries (see delivery.ts). */
export const CONTROL_DELIVER_PATH = '/__sandbox/deliver';
/** Local control endpoint: `GET` answers the request log (method, path, query, body, status; not itself logged). */
export const CONTROL_REQUESTS_PATH = '/__sandbox/requests';
/** `POST {entity, count, start?, perSecond?}`: inserts many dated records at once (volume.ts); no auth. */
export const CONTROL_SEED_PATH = '/__sandbox/seed';

const HTML_502 = '<html><body><h1>502 Bad Gateway</h1></body></html>';

interface ActiveFault extends Fault {
	remaining: number;
}

/** Rolling-window limiter: at most `max` accepted requests in any `windowMs`. */
class RollingWindow {
	private stamps: number[] = [];
	constructor(private readonly cfg: RateLimitConfig) {}

	/** Records the request and returns true when it is within the limit. */
	take(now: number): boolean {
		const cutoff = now - this.cfg.windowMs;
		let drop = 0;
		while (drop < this.stamps.length && this.stamps[drop] <= cutoff) drop++;
		if (drop > 0) this.stamps = this.stamps.slice(drop);
		if (this.stamps.length >= this.cfg.max) return false;
		this.stamps.push(now);
		return true;
	}
}

function headerValue(h: string | string[] | undefined): string | undefined {
	return Array.isArray(h) ? h[0] : h;
}

/** Sets `extra` on `target`, replacing keys that differ only in case. */
function mergeHeaders(target: Record<string, string>, extra: Record<string, string>): void {
	for (const [k, v] of Object.entries(extra)) {
		for (const existing of Object.keys(target)) if (existing.toLowerCase() === k.toLowerCase()) delete target[existing];
		target[k] = v;
	}
}

function parseBody(raw: string): { value: unknown; ok: boolean } {
	if (raw.trim() === '') return { value: undefined, ok: true };
	try {
		return { value: JSON.parse(raw), ok: true };
	} catch {
		return { value: raw, ok: false };
	}
}

function faultMatches(f: ActiveFault, method: string, path: string): boolean {
	if (f.remaining <= 0) return false;
	if (f.method && f.method.toUpperCase() !== method) return false;
	if (f.path === undefined) return true;
	if (f.path instanceof RegExp) {
		f.path.lastIndex = 0;
		return f.path.test(path);
	}
	const want = f.path.startsWith(BASE_PREFIX) ? f.path.slice(BASE_PREFIX.length) || '/' : f.path;
	return want === path || want.split('?')[0] === path;
}

/** Searches and lists that only read (their results may be served from the search cache). */
function isSearch(method: string, path: string): boolean {
	return method === 'GET' || (method === 'POST' && (/\/search$/.test(path) || /^\/[a-z_]+\/\d+\/activities$/.test(path)));
}

export async function startCopperSandbox(options: CopperSandboxOptions = {}): Promise<CopperSandbox> {
	const host = options.host ?? '127.0.0.1';
	const apiKey = options.apiKey ?? 'test-api-key';
	const email = options.email ?? 'owner@sandbox.test';
	const oauthToken = options.oauthToken ?? 'test-oauth-token';
	const oauth = new OAuthAuthority('copper', oauthToken);
	const log = options.log ?? false;

	const store = new CopperStore(1_000_000);
	seedStore(store, options.seed ?? 'minimal', email);
	if (options.searchCap !== undefined) store.searchCap = options.searchCap;
	const router = buildRouter();
	const storage = await startCopperStorage(store, host);
	store.storage = storage;

	const requests: RecordedRequest[] = [];
	let faults: ActiveFault[] = [];
	let onRequest: ((request: RecordedRequest) => void) | undefined;
	let limiter: RollingWindow | undefined = options.rateLimit ? new RollingWindow(options.rateLimit) : undefined;
	const bulkLimiter: RollingWindow | undefined = options.bulkRateLimit ? new RollingWindow(options.bulkRateLimit) : undefined;
	const timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
	let closed = false;

	const sleep = (ms: number) =>
		new Promise<void>((resolve) => {
			const entry = {
				timer: setTimeout(() => {
					timers.delete(entry);
					resolve();
				}, ms),
				resolve,
			};
			timers.add(entry);
		});

	function authorized(headers: http.IncomingHttpHeaders): boolean {
		const bearer = headerValue(headers.authorization);
		if (bearer !== undefined && oauth.accepts(bearerOf(bearer))) return true;
		const token = headerValue(headers['x-pw-accesstoken']);
		const user = headerValue(headers['x-pw-useremail']);
		const app = headerValue(headers['x-pw-application']);
		return token === apiKey && typeof user === 'string' && user.toLowerCase() === email.toLowerCase() && app === 'developer_api';
	}

	async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const started = Date.now();
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const raw = Buffer.concat(chunks);
		const rawBody = raw.toString('utf8');
		const method = (req.method ?? 'GET').toUpperCase();
		const rawUrl = req.url ?? '/';
		const qIndex = rawUrl.indexOf('?');
		const rawPath = qIndex === -1 ? rawUrl : rawUrl.slice(0, qIndex);
		const inPrefix = rawPath === BASE_PREFIX || rawPath.startsWith(`${BASE_PREFIX}/`);
		const path = inPrefix ? rawPath.slice(BASE_PREFIX.length) || '/' : rawPath;
		const query: Record<string, string> = {};
		for (const [k, v] of new URLSearchParams(qIndex === -1 ? '' : rawUrl.slice(qIndex + 1))) query[k] = v;
		const parsed = parseBody(rawBody);
		if (path === CONTROL_REQUESTS_PATH && method === 'GET') {
			const log = JSON.stringify(requests.map((r) => ({ method: r.method, path: r.path, query: r.query, body: r.body, status: r.status })));
			res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(log)) });
			res.end(log);
			return;
		}
		const oauthAnswer = oauth.handle(method, rawPath, new URLSearchParams(qIndex === -1 ? '' : rawUrl.slice(qIndex + 1)), rawBody, req.headers);
		if (oauthAnswer) {
			res.writeHead(oauthAnswer.status, { ...oauthAnswer.headers, 'Content-Length': String(Buffer.byteLength(oauthAnswer.body)) });
			res.end(oauthAnswer.body);
			return;
		}
		const record: RecordedRequest = { method, path, query, headers: { ...req.headers }, body: parsed.value, rawBody, status: 0 };
		requests.push(record);
		onRequest?.(record);
		const origin = `http://${headerValue(req.headers.host) ?? `${host}:${(server.address() as AddressInfo).port}`}`;
		let extraHeaders: Record<string, string> = {};
		/** Set by a fault: how the (normally handled) answer is delivered. */
		let delivery: Pick<Fault, 'trickle' | 'resetAfterHandling'> = {};

		const finish = (status: number) => {
			record.status = status;
			if (log) console.log(`[copper-sandbox] ${method} ${rawUrl} -> ${status} (${Date.now() - started}ms)`);
		};
		const send = (status: number, body: string, contentType: string | undefined, headers: Record<string, string> = {}) => {
			if (closed || res.destroyed) return;
			const h: Record<string, string> = { 'X-Request-Id': randomUUID(), 'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate' };
			if (contentType) h['Content-Type'] = contentType;
			// The Date header tells the sandbox's clock (skewed on purpose by store.clockSkewSeconds).
			if (store.clockSkewSeconds) h.Date = new Date(store.now() * 1000).toUTCString();
			mergeHeaders(h, headers);
			mergeHeaders(h, extraHeaders);
			h['Content-Length'] = String(Buffer.byteLength(body));
			if (delivery.resetAfterHandling) {
				finish(0);
				req.socket.destroy();
				return;
			}
			finish(status);
			res.writeHead(status, h);
			if (delivery.trickle) return void trickle(res, Buffer.from(body), delivery.trickle, sleep, () => closed);
			res.end(body);
		};
		const sendJson = (status: number, body: unknown, headers?: Record<string, string>) =>
			send(status, typeof body === 'string' ? body : JSON.stringify(body), 'application/json', headers);

		// 2. faults
		const fault = faults.find((f) => faultMatches(f, method, path));
		if (fault) {
			fault.remaining -= 1;
			if (fault.delayMs && fault.delayMs > 0) await sleep(fault.delayMs);
			if (closed) {
				req.socket.destroy();
				return;
			}
			extraHeaders = { ...(fault.headers ?? {}) };
			delivery = { trickle: fault.trickle, resetAfterHandling: fault.resetAfterHandling };
			if (fault.echo) {
				const echoed = echoBody(fault.echo, req.headers);
				return send(fault.status ?? 403, echoed.body, echoed.contentType);
			}
			if (fault.reset) {
				finish(0);
				req.socket.destroy();
				return;
			}
			if (fault.malformed === 'invalidJson') return sendJson(fault.status ?? 200, '{"id": 1,');
			if (fault.malformed === 'empty') return send(fault.status ?? 200, '', undefined);
			if (fault.malformed === 'html') return send(fault.status ?? 502, HTML_502, 'text/html');
			if (!fault.passThrough && (fault.status !== undefined || fault.body !== undefined)) {
				const status = fault.status ?? 200;
				return sendJson(status, fault.body !== undefined ? fault.body : errorBody(status, statusText(status)));
			}
			// passThrough (or delay/headers only): continue normally
			const body = parsed.value as { page_number?: unknown } | undefined;
			if (fault.paging && body && typeof body === 'object') {
				parsed.value = { ...body, page_number: misreadPage(fault.paging, Number(body.page_number ?? 1), 1) };
			}
		}

		// 3. outside the API prefix
		if (!inPrefix) {
			if (path === CONTROL_DELIVER_PATH && method === 'POST') {
				const r = await deliverFromControlRequest({ store }, parsed.value);
				return sendJson(r.status, r.body);
			}
			if (path === CONTROL_SEED_PATH && method === 'POST') {
				try {
					return sendJson(200, { seeded: seedVolume(store, parseVolumeSeed(parsed.value)) });
				} catch (e) {
					if (e instanceof ApiError) return sendJson(e.status, e.body);
					throw e;
				}
			}
			return sendJson(404, errorBody(404, NOT_FOUND_MESSAGE));
		}

		// 4. auth
		if (!authorized(req.headers)) return sendJson(401, errorBody(401, 'Invalid credentials'));

		// 5. rate limits
		const now = Date.now();
		if (limiter && !limiter.take(now)) return sendJson(429, errorBody(429, 'Rate limit exceeded'));
		if (bulkLimiter && method === 'POST' && /\/bulk_(create|update)$/.test(path) && !bulkLimiter.take(now)) {
			return sendJson(429, errorBody(429, 'Rate limit exceeded'));
		}

		// 6. body
		if (!parsed.ok) return sendJson(400, errorBody(400, 'Invalid JSON in request body'));

		// 7. route (anything but a search may change the data: cached search results are dropped)
		const match = router.match(method, path);
		if (!isSearch(method, path)) store.touch();
		if (!match) return sendJson(404, errorBody(404, NOT_FOUND_MESSAGE));
		const ctx: Ctx = {
			method,
			params: match.params,
			query,
			body: parsed.value,
			store,
			origin,
			computed: query.custom_field_computed_values === 'true',
		};
		try {
			const reply = await match.handler(ctx);
			return sendJson(reply.status, reply.body ?? '', reply.headers);
		} catch (e) {
			if (e instanceof ApiError) return sendJson(e.status, e.body);
			console.error('[copper-sandbox] handler error', e);
			return sendJson(500, errorBody(500, statusText(500)));
		}
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch((e) => {
			console.error('[copper-sandbox] request failed', e);
			if (!res.headersSent && !res.destroyed) {
				res.writeHead(500, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify(errorBody(500, statusText(500))));
			}
		});
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

	return {
		url: `http://${urlHost}:${port}${BASE_PREFIX}`,
		port,
		requests,
		store,
		storage,
		oauth,
		clearRequests() {
			requests.length = 0;
			storage.requests.length = 0;
		},
		injectFault(f: Fault) {
			faults.push({ ...f, remaining: f.times ?? 1 });
		},
		clearFaults() {
			faults = [];
		},
		onRequest(hook?: (request: RecordedRequest) => void) {
			onRequest = hook;
		},
		setRateLimit(r: RateLimitConfig | false) {
			limiter = r ? new RollingWindow(r) : undefined;
		},
		close() {
			if (closed) return Promise.resolve();
			closed = true;
			for (const t of timers) {
				clearTimeout(t.timer);
				t.resolve();
			}
			timers.clear();
			void storage.close();
			return new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
}
