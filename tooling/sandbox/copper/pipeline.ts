/**
 * The Copper sandbox's request pipeline: request recording, faults, auth, rate limits, body parsing and
 * routing, on the state a server holds (SandboxRuntime, built by server.ts).
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
import type http from 'node:http';
import type { AddressInfo } from 'node:net';

import { echoBody } from '../echo';
import { misreadPage } from '../contract';
import { bearerOf, type OAuthAuthority } from '../oauth';
import { trickle } from '../trickle';
import { ApiError, NOT_FOUND_MESSAGE, errorBody, statusText } from './errors';
import type { Ctx, Router } from './router';
import type { CopperStore } from './store';
import type { Fault, RateLimitConfig, RecordedRequest } from './types';
import { parseVolumeSeed, seedVolume } from './volume';

export const BASE_PREFIX = '/developer_api/v1';
/** Local control endpoint: make the sandbox send webhook deliveries (see delivery.ts). */
export const CONTROL_DELIVER_PATH = '/__sandbox/deliver';
/** Local control endpoint: `GET` answers the request log (method, path, query, body, status; not itself logged). */
export const CONTROL_REQUESTS_PATH = '/__sandbox/requests';
/** `POST {entity, count, start?, perSecond?}`: inserts many dated records at once (volume.ts); no auth. */
export const CONTROL_SEED_PATH = '/__sandbox/seed';

const HTML_502 = '<html><body><h1>502 Bad Gateway</h1></body></html>';

/** What a `malformed` fault answers (its status unless the fault gives one). */
const MALFORMED: Record<NonNullable<Fault['malformed']>, { status: number; body: string; contentType: string | undefined }> = {
	invalidJson: { status: 200, body: '{"id": 1,', contentType: 'application/json' },
	empty: { status: 200, body: '', contentType: undefined },
	html: { status: 502, body: HTML_502, contentType: 'text/html' },
};

export interface ActiveFault extends Fault {
	remaining: number;
}

/** Rolling-window limiter: at most `max` accepted requests in any `windowMs`. */
export class RollingWindow {
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

/** What a running sandbox holds: its data, its settings and the state its controls change. */
export interface SandboxRuntime {
	host: string;
	apiKey: string;
	email: string;
	oauth: OAuthAuthority;
	log: boolean;
	store: CopperStore;
	router: Router;
	requests: RecordedRequest[];
	faults: ActiveFault[];
	onRequest?: (request: RecordedRequest) => void;
	limiter?: RollingWindow;
	bulkLimiter?: RollingWindow;
	closed: boolean;
	sleep: (ms: number) => Promise<void>;
	server?: http.Server;
}

/** A request as read: its method, path (without the API prefix), query and body. */
interface Incoming {
	started: number;
	method: string;
	rawUrl: string;
	rawPath: string;
	path: string;
	inPrefix: boolean;
	search: string;
	query: Record<string, string>;
	rawBody: string;
	parsed: { value: unknown; ok: boolean };
}

/** One request's answer: how it is sent (headers and delivery a fault may set). */
interface Exchange {
	extraHeaders: Record<string, string>;
	/** Set by a fault: how the (normally handled) answer is delivered. */
	delivery: Pick<Fault, 'trickle' | 'resetAfterHandling'>;
	finish: (status: number) => void;
	send: (status: number, body: string, contentType: string | undefined, headers?: Record<string, string>) => void;
	sendJson: (status: number, body: unknown, headers?: Record<string, string>) => void;
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

/** 1. Reads the request: body, method, path within the API prefix, query. */
async function readRequest(req: http.IncomingMessage): Promise<Incoming> {
	const started = Date.now();
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const rawBody = Buffer.concat(chunks).toString('utf8');
	const method = (req.method ?? 'GET').toUpperCase();
	const rawUrl = req.url ?? '/';
	const qIndex = rawUrl.indexOf('?');
	const rawPath = qIndex === -1 ? rawUrl : rawUrl.slice(0, qIndex);
	const inPrefix = rawPath === BASE_PREFIX || rawPath.startsWith(`${BASE_PREFIX}/`);
	const path = inPrefix ? rawPath.slice(BASE_PREFIX.length) || '/' : rawPath;
	const search = qIndex === -1 ? '' : rawUrl.slice(qIndex + 1);
	const query: Record<string, string> = {};
	for (const [k, v] of new URLSearchParams(search)) query[k] = v;
	return { started, method, rawUrl, rawPath, path, inPrefix, search, query, rawBody, parsed: parseBody(rawBody) };
}

/** Answers that are not recorded: the request log itself and the OAuth2 endpoints. True when answered. */
function answerUnrecorded(rt: SandboxRuntime, incoming: Incoming, req: http.IncomingMessage, res: http.ServerResponse): boolean {
	const { method, path, rawPath, search, rawBody } = incoming;
	if (path === CONTROL_REQUESTS_PATH && method === 'GET') {
		const log = JSON.stringify(rt.requests.map((r) => ({ method: r.method, path: r.path, query: r.query, body: r.body, status: r.status })));
		res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(log)) });
		res.end(log);
		return true;
	}
	const oauthAnswer = rt.oauth.handle(method, rawPath, new URLSearchParams(search), rawBody, req.headers);
	if (!oauthAnswer) return false;
	res.writeHead(oauthAnswer.status, { ...oauthAnswer.headers, 'Content-Length': String(Buffer.byteLength(oauthAnswer.body)) });
	res.end(oauthAnswer.body);
	return true;
}

/** The answer's senders for one recorded request (headers, clock, and a fault's delivery applied). */
function exchangeFor(rt: SandboxRuntime, incoming: Incoming, record: RecordedRequest, req: http.IncomingMessage, res: http.ServerResponse): Exchange {
	const ex: Exchange = {
		extraHeaders: {},
		delivery: {},
		finish: (status) => {
			record.status = status;
			if (rt.log) console.log(`[copper-sandbox] ${incoming.method} ${incoming.rawUrl} -> ${status} (${Date.now() - incoming.started}ms)`);
		},
		send: (status, body, contentType, headers = {}) => {
			if (rt.closed || res.destroyed) return;
			const h: Record<string, string> = { 'X-Request-Id': randomUUID(), 'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate' };
			if (contentType) h['Content-Type'] = contentType;
			// The Date header tells the sandbox's clock (skewed on purpose by store.clockSkewSeconds).
			if (rt.store.clockSkewSeconds) h.Date = new Date(rt.store.now() * 1000).toUTCString();
			mergeHeaders(h, headers);
			mergeHeaders(h, ex.extraHeaders);
			h['Content-Length'] = String(Buffer.byteLength(body));
			if (ex.delivery.resetAfterHandling) {
				ex.finish(0);
				req.socket.destroy();
				return;
			}
			ex.finish(status);
			res.writeHead(status, h);
			if (ex.delivery.trickle) return void trickle(res, Buffer.from(body), ex.delivery.trickle, rt.sleep, () => rt.closed);
			res.end(body);
		},
		sendJson: (status, body, headers) => ex.send(status, typeof body === 'string' ? body : JSON.stringify(body), 'application/json', headers),
	};
	return ex;
}

/** 2. Applies a matching fault; true when it answered (or dropped) the request, false to continue normally. */
async function applyFault(rt: SandboxRuntime, fault: ActiveFault, incoming: Incoming, ex: Exchange, req: http.IncomingMessage): Promise<boolean> {
	fault.remaining -= 1;
	if (fault.delayMs && fault.delayMs > 0) await rt.sleep(fault.delayMs);
	if (rt.closed) {
		req.socket.destroy();
		return true;
	}
	ex.extraHeaders = { ...(fault.headers ?? {}) };
	ex.delivery = { trickle: fault.trickle, resetAfterHandling: fault.resetAfterHandling };
	if (fault.echo) {
		const echoed = echoBody(fault.echo, req.headers);
		ex.send(fault.status ?? 403, echoed.body, echoed.contentType);
		return true;
	}
	if (fault.reset) {
		ex.finish(0);
		req.socket.destroy();
		return true;
	}
	const malformed = fault.malformed ? MALFORMED[fault.malformed] : undefined;
	if (malformed) {
		ex.send(fault.status ?? malformed.status, malformed.body, malformed.contentType);
		return true;
	}
	if (!fault.passThrough && (fault.status !== undefined || fault.body !== undefined)) {
		const status = fault.status ?? 200;
		ex.sendJson(status, fault.body !== undefined ? fault.body : errorBody(status, statusText(status)));
		return true;
	}
	// passThrough (or delay/headers only): continue normally
	const body = incoming.parsed.value as { page_number?: unknown } | undefined;
	if (fault.paging && body && typeof body === 'object') {
		incoming.parsed.value = { ...body, page_number: misreadPage(fault.paging, Number(body.page_number ?? 1), 1) };
	}
	return false;
}

/** 3. Outside the API prefix: the control routes (`/__sandbox/deliver`, `/__sandbox/seed`), else 404. */
async function control(rt: SandboxRuntime, incoming: Incoming, ex: Exchange): Promise<void> {
	const { method, path, parsed } = incoming;
	if (path === CONTROL_DELIVER_PATH && method === 'POST') {
		const r = await deliverFromControlRequest({ store: rt.store }, parsed.value);
		return ex.sendJson(r.status, r.body);
	}
	if (path === CONTROL_SEED_PATH && method === 'POST') {
		try {
			return ex.sendJson(200, { seeded: seedVolume(rt.store, parseVolumeSeed(parsed.value)) });
		} catch (e) {
			if (e instanceof ApiError) return ex.sendJson(e.status, e.body);
			throw e;
		}
	}
	return ex.sendJson(404, errorBody(404, NOT_FOUND_MESSAGE));
}

function authorized(rt: SandboxRuntime, headers: http.IncomingHttpHeaders): boolean {
	const bearer = headerValue(headers.authorization);
	if (bearer !== undefined && rt.oauth.accepts(bearerOf(bearer))) return true;
	const token = headerValue(headers['x-pw-accesstoken']);
	const user = headerValue(headers['x-pw-useremail']);
	const app = headerValue(headers['x-pw-application']);
	return token === rt.apiKey && typeof user === 'string' && user.toLowerCase() === rt.email.toLowerCase() && app === 'developer_api';
}

/** 4.–6. Why an API request is refused (auth, rate limits, body), as status and message; undefined when accepted. */
function refusal(rt: SandboxRuntime, incoming: Incoming, req: http.IncomingMessage): [number, string] | undefined {
	if (!authorized(rt, req.headers)) return [401, 'Invalid credentials'];
	const now = Date.now();
	if (rt.limiter && !rt.limiter.take(now)) return [429, 'Rate limit exceeded'];
	if (rt.bulkLimiter && incoming.method === 'POST' && /\/bulk_(create|update)$/.test(incoming.path) && !rt.bulkLimiter.take(now)) {
		return [429, 'Rate limit exceeded'];
	}
	if (!incoming.parsed.ok) return [400, 'Invalid JSON in request body'];
	return undefined;
}

/** 7. Routes to a handler (anything but a search may change the data: cached search results are dropped). */
async function route(rt: SandboxRuntime, incoming: Incoming, origin: string, ex: Exchange): Promise<void> {
	const { method, path, query } = incoming;
	const match = rt.router.match(method, path);
	if (!isSearch(method, path)) rt.store.touch();
	if (!match) return ex.sendJson(404, errorBody(404, NOT_FOUND_MESSAGE));
	const ctx: Ctx = { method, params: match.params, query, body: incoming.parsed.value, store: rt.store, origin, computed: query.custom_field_computed_values === 'true' };
	try {
		const reply = await match.handler(ctx);
		return ex.sendJson(reply.status, reply.body ?? '', reply.headers);
	} catch (e) {
		if (e instanceof ApiError) return ex.sendJson(e.status, e.body);
		console.error('[copper-sandbox] handler error', e);
		return ex.sendJson(500, errorBody(500, statusText(500)));
	}
}

/** Handles one request, in the order the file's header gives. */
export async function handle(rt: SandboxRuntime, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
	const incoming = await readRequest(req);
	if (answerUnrecorded(rt, incoming, req, res)) return;
	const { method, path, query, rawBody, parsed } = incoming;
	const record: RecordedRequest = { method, path, query, headers: { ...req.headers }, body: parsed.value, rawBody, status: 0 };
	rt.requests.push(record);
	rt.onRequest?.(record);
	const origin = `http://${headerValue(req.headers.host) ?? `${rt.host}:${(rt.server!.address() as AddressInfo).port}`}`;
	const ex = exchangeFor(rt, incoming, record, req, res);
	const fault = rt.faults.find((f) => faultMatches(f, method, path));
	if (fault && (await applyFault(rt, fault, incoming, ex, req))) return;
	if (!incoming.inPrefix) return await control(rt, incoming, ex);
	const refused = refusal(rt, incoming, req);
	if (refused) return ex.sendJson(refused[0], errorBody(refused[0], refused[1]));
	return await route(rt, incoming, origin, ex);
}
