/**
 * The HTTP server: request recording, fault injection, authentication, rate limiting and routing.
 * Uses only Node's `http` module.
 */

import * as http from 'http';
import type { AddressInfo } from 'net';

import { echoBody } from '../echo';
import { misreadPage } from '../contract';
import { OAuthAuthority } from '../oauth';
import { trickle } from '../trickle';
import { DEFAULT_FAULT_MESSAGES, FaultQueue, INVALID_JSON_BODY } from './faults';
import { HttpError, MESSAGES, type Query } from './http';
import { FixedWindowRateLimiter } from './rateLimit';
import { BASE_PREFIX, matchRoute } from './routes';
import { applySeed } from './seed';
import { OcoyaStore } from './store';
import type { Fault, OcoyaSandbox, OcoyaSandboxOptions, RateLimitConfig, RecordedRequest } from './types';

export const DEFAULT_API_KEY = 'test-ocoya-key';
export const DEFAULT_OAUTH_TOKEN = 'test-ocoya-oauth-token';

interface OutgoingResponse {
	status: number;
	/** Already-serialised body; undefined for none. */
	body?: string;
	headers: Record<string, string>;
}

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): OutgoingResponse {
	return { status, body: JSON.stringify(body), headers: { 'Content-Type': JSON_CONTENT_TYPE, ...headers } };
}

function messageResponse(status: number, message: string, headers: Record<string, string> = {}): OutgoingResponse {
	return jsonResponse(status, { message }, headers);
}

function parseQuery(queryString: string): Query {
	const query: Query = {};
	for (const [key, value] of new URLSearchParams(queryString)) {
		const existing = query[key];
		if (existing === undefined) query[key] = value;
		else if (Array.isArray(existing)) existing.push(value);
		else query[key] = [existing, value];
	}
	return query;
}

function headerValue(value: string | string[] | undefined): string | undefined {
	const v = Array.isArray(value) ? value[0] : value;
	const trimmed = v?.trim();
	return trimmed ? trimmed : undefined;
}

/** The JSON body (the raw text when it is not JSON), and whether it parsed; no body is valid. */
function parseBody(rawBody: string): { body: unknown; bodyIsValidJson: boolean } {
	if (rawBody.trim() === '') return { body: undefined, bodyIsValidJson: true };
	try {
		return { body: JSON.parse(rawBody), bodyIsValidJson: true };
	} catch {
		return { body: rawBody, bodyIsValidJson: false };
	}
}

/** Drops the connection as a reset (RST) where Node can, else destroys the socket. */
function resetSocket(socket: http.IncomingMessage['socket']): void {
	if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
	else socket.destroy();
}

/** One request's answer in the making: what finish() needs, and the delivery a fault may set. */
interface Exchange {
	req: http.IncomingMessage;
	res: http.ServerResponse;
	record: RecordedRequest;
	method: string;
	rawUrl: string;
	startedAt: number;
	/** Set by a fault: how the (normally handled) answer is delivered. */
	delivery: Pick<Fault, 'trickle' | 'resetAfterHandling'>;
}

function readBody(req: http.IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

export class OcoyaSandboxServer implements OcoyaSandbox {
	url = '';
	port = 0;
	readonly requests: RecordedRequest[] = [];
	rateLimited429Count = 0;
	readonly store: OcoyaStore;
	readonly apiKey: string;
	readonly oauthToken: string;
	/** The OAuth2 tokens the sandbox accepts and its token endpoint (../oauth.ts). */
	readonly oauth: OAuthAuthority;

	private readonly server: http.Server;
	private readonly faults = new FaultQueue();
	private readonly limiter: FixedWindowRateLimiter;
	private readonly timers = new Set<NodeJS.Timeout>();
	private readonly log: boolean;
	private closing: Promise<void> | undefined;

	constructor(private readonly options: OcoyaSandboxOptions = {}) {
		this.apiKey = options.apiKey ?? DEFAULT_API_KEY;
		this.oauthToken = options.oauthToken ?? DEFAULT_OAUTH_TOKEN;
		this.oauth = new OAuthAuthority('ocoya', this.oauthToken);
		this.log = options.log ?? false;
		this.limiter = new FixedWindowRateLimiter(options.rateLimit ?? false);
		this.store = new OcoyaStore(0x0c0ea);
		applySeed(this.store, options.seed ?? 'minimal');
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((err: unknown) => {
				if (this.log) console.error('[ocoya-sandbox] internal error', err);
				if (!res.headersSent && !res.destroyed) {
					const out = messageResponse(500, MESSAGES.unknownError);
					res.writeHead(out.status, out.headers).end(out.body);
				} else {
					res.destroy();
				}
			});
		});
		this.server.keepAliveTimeout = 5_000;
	}

	listen(): Promise<void> {
		const host = this.options.host ?? '127.0.0.1';
		return new Promise((resolve, reject) => {
			const onError = (err: Error) => reject(err);
			this.server.once('error', onError);
			this.server.listen(this.options.port ?? 0, host, () => {
				this.server.off('error', onError);
				const address = this.server.address() as AddressInfo;
				this.port = address.port;
				let urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
				if (urlHost.includes(':')) urlHost = `[${urlHost}]`;
				this.url = `http://${urlHost}:${this.port}${BASE_PREFIX}`;
				resolve();
			});
		});
	}

	clearRequests(): void {
		this.requests.length = 0;
	}

	injectFault(f: Fault): void {
		this.faults.add(f);
	}

	clearFaults(): void {
		this.faults.clear();
	}

	setRateLimit(r: RateLimitConfig | false): void {
		this.limiter.setConfig(r);
	}

	close(): Promise<void> {
		if (!this.closing) {
			for (const t of this.timers) clearTimeout(t);
			this.timers.clear();
			this.closing = new Promise((resolve) => {
				this.server.close(() => resolve());
				this.server.closeAllConnections();
			});
		}
		return this.closing;
	}

	// ------------------------------------------------------------------------

	private sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const t = setTimeout(() => {
				this.timers.delete(t);
				resolve();
			}, ms);
			this.timers.add(t);
		});
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const startedAt = Date.now();
		const method = (req.method ?? 'GET').toUpperCase();
		const rawUrl = req.url ?? '/';
		const qIndex = rawUrl.indexOf('?');
		const fullPath = qIndex >= 0 ? rawUrl.slice(0, qIndex) : rawUrl;
		const inPrefix = fullPath === BASE_PREFIX || fullPath.startsWith(BASE_PREFIX + '/');
		const path = inPrefix ? fullPath.slice(BASE_PREFIX.length) || '/' : fullPath;
		const query = parseQuery(qIndex >= 0 ? rawUrl.slice(qIndex + 1) : '');

		const rawBody = await readBody(req);
		if (this.answerUnrecorded(req, res, method, fullPath, qIndex >= 0 ? rawUrl.slice(qIndex + 1) : '', rawBody)) return;
		const { body, bodyIsValidJson } = parseBody(rawBody);
		const record: RecordedRequest = { method, path, query, headers: { ...req.headers }, body, rawBody, status: 0 };
		this.requests.push(record);

		const exchange: Exchange = { req, res, record, method, rawUrl, startedAt, delivery: {} };
		const finish = (out: OutgoingResponse): void => this.finish(exchange, out);

		// 1. Faults (before auth, rate limiting and routing; they do not consume rate-limit budget).
		let extraHeaders: Record<string, string> = {};
		const fault = this.faults.take(method, path, fullPath);
		if (fault) {
			if (fault.delayMs && fault.delayMs > 0) await this.sleep(fault.delayMs);
			if (res.destroyed || req.socket.destroyed) return;
			exchange.delivery = { trickle: fault.trickle, resetAfterHandling: fault.resetAfterHandling };
			if (fault.echo) {
				const echoed = echoBody(fault.echo, req.headers);
				return finish({ status: fault.status ?? 403, body: echoed.body, headers: { 'Content-Type': echoed.contentType } });
			}
			const faultResponse = this.faultResponse(fault);
			if (faultResponse === 'reset') {
				if (this.log) console.log(`[ocoya-sandbox] ${method} ${rawUrl} -> connection reset (fault)`);
				resetSocket(req.socket);
				return;
			}
			if (faultResponse) return finish(faultResponse);
			extraHeaders = { ...(fault.headers ?? {}) };
			if (fault.paging) query.page = String(misreadPage(fault.paging, Number(query.page ?? 0), 0));
		}

		// 2. Normal handling.
		const out = this.route(req, method, inPrefix, path, query, body, bodyIsValidJson);
		out.headers = { ...out.headers, ...extraHeaders };
		finish(out);
	}

	/** Sends the answer (or drops the connection, or trickles it, as a fault's delivery says) and records its status. */
	private finish(exchange: Exchange, out: OutgoingResponse): void {
		const { req, res, record, method, rawUrl, startedAt, delivery } = exchange;
		if (res.destroyed || res.writableEnded) return;
		if (delivery.resetAfterHandling) {
			req.socket.destroy();
			return;
		}
		record.status = out.status;
		if (out.status === 429) this.rateLimited429Count++;
		const noBody = out.status === 204 || out.status === 304 || method === 'HEAD';
		const payload = noBody ? '' : (out.body ?? '');
		res.writeHead(out.status, { ...out.headers, 'Content-Length': String(Buffer.byteLength(payload)) });
		if (delivery.trickle) {
			void trickle(res, Buffer.from(payload), delivery.trickle, (ms) => this.sleep(ms), () => this.closing !== undefined);
			return;
		}
		res.end(payload);
		if (this.log) console.log(`[ocoya-sandbox] ${method} ${rawUrl} -> ${out.status} (${Date.now() - startedAt}ms)`);
	}

	/** Answers that are not recorded: the request log (GET /__sandbox/requests) and the OAuth2 endpoints. True when answered. */
	private answerUnrecorded(req: http.IncomingMessage, res: http.ServerResponse, method: string, fullPath: string, search: string, rawBody: string): boolean {
		if (fullPath === '/__sandbox/requests' && method === 'GET') {
			// Local control endpoint: the request log (method, path, query, body, status; not itself logged).
			const log = JSON.stringify(this.requests.map((r) => ({ method: r.method, path: r.path, query: r.query, body: r.body, status: r.status })));
			res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(log)) });
			res.end(log);
			return true;
		}
		const oauthAnswer = this.oauth.handle(method, fullPath, new URLSearchParams(search), rawBody, req.headers);
		if (!oauthAnswer) return false;
		res.writeHead(oauthAnswer.status, { ...oauthAnswer.headers, 'Content-Length': String(Buffer.byteLength(oauthAnswer.body)) });
		res.end(oauthAnswer.body);
		return true;
	}

	/** 'reset' to drop the connection, a response to send, or undefined to continue normal handling. */
	private faultResponse(fault: Fault): OutgoingResponse | 'reset' | undefined {
		if (fault.reset) return 'reset';
		const headers = fault.headers ?? {};
		if (fault.malformed === 'invalidJson') {
			return { status: fault.status ?? 200, body: INVALID_JSON_BODY, headers: { 'Content-Type': JSON_CONTENT_TYPE, ...headers } };
		}
		if (fault.malformed === 'empty') {
			return { status: fault.status ?? 200, body: '', headers: { 'Content-Type': JSON_CONTENT_TYPE, ...headers } };
		}
		if (fault.malformed === 'html') {
			const status = fault.status ?? 502;
			const text = `${status} ${http.STATUS_CODES[status] ?? 'Error'}`;
			const html = `<!DOCTYPE html>\n<html>\n<head><title>${text}</title></head>\n<body>\n<center><h1>${text}</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n`;
			return { status, body: html, headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers } };
		}
		if (fault.passThrough) return undefined;
		if (fault.status === undefined && fault.body === undefined) {
			return undefined; // delay-only / headers-only fault: normal handling (fault headers are merged in)
		}
		const status = fault.status ?? 500;
		if (typeof fault.body === 'string') {
			let isJson = true;
			try {
				JSON.parse(fault.body);
			} catch {
				isJson = false;
			}
			const contentType = isJson ? JSON_CONTENT_TYPE : 'text/plain; charset=utf-8';
			return { status, body: fault.body, headers: { 'Content-Type': contentType, ...headers } };
		}
		const body = fault.body !== undefined ? fault.body : { message: DEFAULT_FAULT_MESSAGES[status] ?? 'Injected fault.' };
		return jsonResponse(status, body, headers);
	}

	private route(
		req: http.IncomingMessage,
		method: string,
		inPrefix: boolean,
		path: string,
		query: Query,
		body: unknown,
		bodyIsValidJson: boolean,
	): OutgoingResponse {
		if (!inPrefix) return messageResponse(404, MESSAGES.notFound);

		// Authentication: X-API-Key, or Authorization: Bearer <oauthToken>.
		const apiKey = headerValue(req.headers['x-api-key']);
		const authorization = headerValue(req.headers.authorization);
		const bearer = authorization ? /^Bearer\s+(.+)$/i.exec(authorization)?.[1]?.trim() : undefined;
		let credential: string | undefined;
		if (apiKey !== undefined && apiKey === this.apiKey) credential = `key:${apiKey}`;
		else if (bearer !== undefined && this.oauth.accepts(bearer)) credential = `bearer:${bearer}`;
		if (credential === undefined) {
			// An OAuth2 resource server answers an unknown or expired bearer token with 401 (RFC 6750).
			if (bearer !== undefined && apiKey === undefined) return messageResponse(401, MESSAGES.invalidToken);
			if (apiKey === undefined && authorization === undefined) return messageResponse(401, MESSAGES.missingToken);
			return messageResponse(403, MESSAGES.invalidToken);
		}

		// Rate limiting (authenticated requests only).
		const decision = this.limiter.consume(credential);
		const rateHeaders = decision?.headers ?? {};
		if (decision && !decision.allowed) return messageResponse(429, MESSAGES.rateLimited, rateHeaders);

		const match = matchRoute(method, path);
		if (match.kind === 'notFound') return messageResponse(404, MESSAGES.notFound, rateHeaders);
		if (match.kind === 'methodNotAllowed') {
			return messageResponse(405, MESSAGES.methodNotAllowed, { ...rateHeaders, Allow: match.allowed.join(', ') });
		}
		if (!bodyIsValidJson) return messageResponse(400, MESSAGES.invalidJson, rateHeaders);

		try {
			const result = match.handler({ store: this.store, method, path, params: match.params, query, body });
			return jsonResponse(result.status, result.body, rateHeaders);
		} catch (err) {
			if (err instanceof HttpError) return messageResponse(err.status, err.message, rateHeaders);
			if (this.log) console.error('[ocoya-sandbox] handler error', err);
			return messageResponse(500, MESSAGES.unknownError, rateHeaders);
		}
	}
}

export async function startOcoyaSandbox(options: OcoyaSandboxOptions = {}): Promise<OcoyaSandbox> {
	const sandbox = new OcoyaSandboxServer(options);
	await sandbox.listen();
	return sandbox;
}
