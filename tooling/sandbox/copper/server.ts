/**
 * The HTTP server: starts the store, the file storage and the listener, and the controls a test uses.
 * Each request goes through pipeline.ts (recording, faults, auth, rate limits, body parsing, routing).
 */

import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { OAuthAuthority } from '../oauth';
import { errorBody, statusText } from './errors';
import { buildRouter } from './handlers/index';
import { BASE_PREFIX, handle, RollingWindow, type SandboxRuntime } from './pipeline';
import { seedStore } from './seed';
import { startCopperStorage } from './storage';
import { CopperStore } from './store';
import type { CopperSandbox, CopperSandboxOptions, Fault, RateLimitConfig, RecordedRequest } from './types';

export { BASE_PREFIX, CONTROL_DELIVER_PATH, CONTROL_REQUESTS_PATH, CONTROL_SEED_PATH } from './pipeline';

type Timers = Set<{ timer: NodeJS.Timeout; resolve: () => void }>;

/** A sleep that close() can end early (every pending one resolves at once). */
function cancellableSleep(timers: Timers) {
	return (ms: number) =>
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
}

/** The seeded store and its settings, before the server listens. */
function runtimeOf(options: CopperSandboxOptions, timers: Timers): SandboxRuntime {
	const host = options.host ?? '127.0.0.1';
	const email = options.email ?? 'owner@sandbox.test';
	const store = new CopperStore(1_000_000);
	seedStore(store, options.seed ?? 'minimal', email);
	if (options.searchCap !== undefined) store.searchCap = options.searchCap;
	return {
		host,
		apiKey: options.apiKey ?? 'test-api-key',
		email,
		oauth: new OAuthAuthority('copper', options.oauthToken ?? 'test-oauth-token'),
		log: options.log ?? false,
		store,
		router: buildRouter(),
		requests: [],
		faults: [],
		limiter: options.rateLimit ? new RollingWindow(options.rateLimit) : undefined,
		bulkLimiter: options.bulkRateLimit ? new RollingWindow(options.bulkRateLimit) : undefined,
		closed: false,
		sleep: cancellableSleep(timers),
	};
}

/** The server: every request through the pipeline; an unexpected error answers 500. */
function serverFor(rt: SandboxRuntime): http.Server {
	return http.createServer((req, res) => {
		handle(rt, req, res).catch((e) => {
			console.error('[copper-sandbox] request failed', e);
			if (!res.headersSent && !res.destroyed) {
				res.writeHead(500, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify(errorBody(500, statusText(500))));
			}
		});
	});
}

async function listen(server: http.Server, port: number, host: string): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
}

export async function startCopperSandbox(options: CopperSandboxOptions = {}): Promise<CopperSandbox> {
	const timers: Timers = new Set();
	const rt = runtimeOf(options, timers);
	const { host, store, oauth, requests } = rt;
	const storage = await startCopperStorage(store, host);
	store.storage = storage;
	const server = serverFor(rt);
	rt.server = server;
	await listen(server, options.port ?? 0, host);
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
			rt.faults.push({ ...f, remaining: f.times ?? 1 });
		},
		clearFaults() {
			rt.faults = [];
		},
		onRequest(hook?: (request: RecordedRequest) => void) {
			rt.onRequest = hook;
		},
		setRateLimit(r: RateLimitConfig | false) {
			rt.limiter = r ? new RollingWindow(r) : undefined;
		},
		close() {
			if (rt.closed) return Promise.resolve();
			rt.closed = true;
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
