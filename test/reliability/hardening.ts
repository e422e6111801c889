/**
 * The fault matrix's hardening suites (issue "Harden the transport"), run by matrix.test.ts so that
 * their cases count in the same tally and in docs/reliability.md:
 * - redaction: error bodies that echo the request's headers in every shape, both services, both
 *   authentication modes, thrown and under Continue On Fail: no credential value in any output;
 * - deadlines: a server that trickles its answer byte by byte (the idle timeout never fires) is cut
 *   off by the attempt deadline and the request's time budget;
 * - retry policy: refused connections retried for creates, an unknown host and a TLS certificate
 *   error not retried, a DELETE whose retry finds 404 counted as done, the retry budget of an execution;
 * - Ocoya's rate-limit headers: no stall without a Reset header, Reset read against the server's Date.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync } from 'fs';
import { createServer as createHttpServer, type Server } from 'http';
import { createServer as createHttpsServer } from 'https';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import type { IDataObject } from 'n8n-workflow';

import { API_KEY, EMAIL, OAUTH_TOKEN } from '../helpers/copper';
import type { RunNodeResult } from '../../tooling/harness/engine';
import { OCOYA_KEY } from '../helpers/ocoya';
import type { CopperSandbox } from '../../tooling/sandbox/copper';
import type { EchoShape } from '../../tooling/sandbox/contract';
import { ECHO_SHAPES } from '../../tooling/sandbox/echo';
import type { OcoyaSandbox } from '../../tooling/sandbox/ocoya';
import { count, deepText, REQUEST_OPTIONS, SECRETS } from './faults';

export interface HardeningContext {
	copper(): CopperSandbox;
	ocoya(): OcoyaSandbox;
	workspace: string;
	run(
		service: 'copper' | 'ocoya',
		parameters: IDataObject,
		options?: { items?: IDataObject[]; continueOnFail?: boolean; oauth?: boolean; credentials?: Record<string, IDataObject> },
	): Promise<RunNodeResult>;
}

/** Every credential value, the Copper account email included (it travels in X-PW-UserEmail). */
const ALL_SECRETS = [...SECRETS, encodeURIComponent(EMAIL)];
const leaks = (value: unknown) => {
	const text = deepText(value).toLowerCase();
	return ALL_SECRETS.filter((secret) => text.includes(secret.toLowerCase()));
};

/** Shapes whose vendor text reaches the message (so the mask must show there); HTML is never quoted. */
const SURFACED: Record<'copper' | 'ocoya', EchoShape[]> = {
	copper: ['message', 'headerObject', 'errorObject', 'nested', 'array', 'jsonString', 'text', 'urlEncoded'],
	ocoya: ['message', 'array', 'jsonString', 'text', 'urlEncoded'],
};
const STATUSES = [403, 422, 500];

const fetchOf = (ctx: HardeningContext, service: 'copper' | 'ocoya') =>
	service === 'copper'
		? {
				method: 'GET',
				path: /^\/people\/\d+$/,
				// One GET per item (the continue-on-fail rows run two items; combined they would be one search).
				parameters: () => ({
					resource: 'people',
					operation: 'get',
					person_id: String(ctx.copper().store.addPeople(1)[0].id),
					requestOptions: { ...REQUEST_OPTIONS, combineReads: false },
				}),
			}
		: { method: 'GET', path: '/me', parameters: () => ({ resource: 'user', operation: 'me' }) };

const sandboxOf = (ctx: HardeningContext, service: 'copper' | 'ocoya') => (service === 'copper' ? ctx.copper() : ctx.ocoya());

function redactionSuite(ctx: HardeningContext): void {
	const rows = (['copper', 'ocoya'] as const).flatMap((service) =>
		([false, true] as const).flatMap((oauth) =>
			ECHO_SHAPES.flatMap((shape, index) =>
				(['thrown', 'continue on fail'] as const).map((mode) => [`${service} ${oauth ? 'OAuth2' : 'API key'} ${shape} ${mode}`, service, oauth, shape, STATUSES[index % 3], mode] as const),
			),
		),
	);
	it.each(rows)('%s', async (_name, service, oauth, shape, status, mode) => {
		const done = count('redaction');
		const sandbox = sandboxOf(ctx, service);
		const kind = fetchOf(ctx, service);
		sandbox.clearFaults();
		sandbox.injectFault({ method: kind.method, path: kind.path, times: Infinity, echo: shape, status });
		const continueOnFail = mode === 'continue on fail';
		const result = await ctx.run(service, kind.parameters(), { oauth, continueOnFail, items: continueOnFail ? [{}, {}] : undefined });
		sandbox.clearFaults();
		const messages = continueOnFail ? result.items.map((item) => `${item.json.error} ${item.json.description}`) : [`${result.error?.message} ${result.error?.description}`];
		if (continueOnFail) {
			expect(result.items).toHaveLength(2);
			expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			for (const item of result.items) expect(item.json.error).toEqual(expect.any(String));
		} else {
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.description).toContain(`HTTP ${status}`);
		}
		expect(leaks({ error: result.error, items: result.items, run: result.run.data.resultData })).toEqual([]);
		// Where the vendor's text is quoted, it is quoted with the secrets masked (not dropped).
		if (SURFACED[service].includes(shape)) for (const message of messages) expect(message).toContain('***');
		done();
	});

	it.each([false, true])('copper bulk records rejected with the credential in their error (OAuth2 %s)', async (oauth) => {
		const done = count('redaction');
		const copper = ctx.copper();
		const token = oauth ? OAUTH_TOKEN : API_KEY;
		// The account email is a credential value only where the request itself sends it (API key: X-PW-UserEmail).
		const rejected = { success: false, error: `token ${token}${oauth ? '' : ` of ${EMAIL}`} rejected`, headers: { 'X-PW-AccessToken': token } };
		copper.clearFaults();
		copper.injectFault({ method: 'POST', path: '/people/bulk_create', status: 200, body: [rejected, { message: { Authorization: `Bearer ${token}` }, success: false }] });
		const result = await ctx.run(
			'copper',
			{ resource: 'people', operation: 'bulkCreate', bodySource: 'inputItem', requestOptions: { ...REQUEST_OPTIONS, bulkThrottleMax: 0 } },
			{ oauth, continueOnFail: true, items: [{ name: 'A' }, { name: 'B' }] },
		);
		expect(result.items.map((item) => item.json.error)).toEqual([expect.stringContaining('***'), expect.stringContaining('***')]);
		expect(leaks({ error: result.error, items: result.items, run: result.run.data.resultData })).toEqual([]);
		done();
	});
}

const trickleOptions = (attemptSeconds: number, requestSeconds: number) => ({
	requestOptions: { ...REQUEST_OPTIONS, attemptDeadlineSeconds: attemptSeconds, requestDeadlineSeconds: requestSeconds, maxRetries: 8 },
});
/** One byte every 40 ms: the idle timeout (700 ms) never fires, a person's JSON takes about 20 s. */
const TRICKLE = { everyMs: 40 };

function deadlineSuite(ctx: HardeningContext): void {
	retriedDeadlineCases(ctx);
	finalDeadlineCases(ctx);
}

/** Deadlines that cut an attempt off and let it be retried. */
function retriedDeadlineCases(ctx: HardeningContext): void {
	it.each(['copper', 'ocoya'] as const)('%s: a trickled answer is cut off by the attempt deadline and retried', async (service) => {
		const done = count('deadlines');
		const sandbox = sandboxOf(ctx, service);
		const kind = fetchOf(ctx, service);
		sandbox.clearFaults();
		sandbox.clearRequests();
		sandbox.injectFault({ method: kind.method, path: kind.path, times: 1, trickle: TRICKLE });
		const started = Date.now();
		const result = await ctx.run(service, { ...kind.parameters(), ...trickleOptions(1, 30) });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(sandbox.requests.filter((r) => r.method === kind.method)).toHaveLength(2);
		expect(Date.now() - started).toBeLessThan(8000);
		done();
	});

	it('the attempt deadline still fires when garbage is collected while the attempt waits', async () => {
		const done = count('deadlines');
		// Node holds timeout signals weakly: a deadline nobody references is collected and never fires.
		setFlagsFromString('--expose_gc');
		const gc = runInNewContext('gc') as () => void;
		const ocoya = ctx.ocoya();
		ocoya.clearFaults();
		ocoya.clearRequests();
		ocoya.injectFault({ method: 'GET', path: '/me', times: 1, trickle: { everyMs: 100 } });
		const started = Date.now();
		const running = ctx.run('ocoya', { resource: 'user', operation: 'me', ...trickleOptions(1.5, 60) });
		for (let i = 0; i < 10; i++) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			gc();
		}
		const result = await running;
		expect(result.error).toBeUndefined();
		expect(ocoya.requests).toHaveLength(2);
		expect(Date.now() - started).toBeLessThan(10_000);
		done();
	});
}

/** Deadlines that end the request: a create not repeated, the request budget spent, a slow answer kept whole. */
function finalDeadlineCases(ctx: HardeningContext): void {
	it('copper: a trickled create is cut off and not repeated', async () => {
		const done = count('deadlines');
		const copper = ctx.copper();
		copper.clearFaults();
		copper.clearRequests();
		copper.injectFault({ method: 'POST', path: '/people', times: 1, trickle: TRICKLE });
		const name = `Trickled ${Date.now()}`;
		const result = await ctx.run('copper', { resource: 'people', operation: 'create', name, ...trickleOptions(1, 30) });
		expect(result.error?.message).toBe('No response from Copper CRM: the attempt did not finish within 1000 ms');
		expect(result.error?.description).toContain('Not retried: this request creates data');
		expect(copper.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(copper.store.all('people').filter((p) => p.name === name)).toHaveLength(1);
		done();
	});

	it.each(['copper', 'ocoya'] as const)('%s: an answer that always trickles ends at the request deadline', async (service) => {
		const done = count('deadlines');
		const sandbox = sandboxOf(ctx, service);
		const kind = fetchOf(ctx, service);
		sandbox.clearFaults();
		sandbox.injectFault({ method: kind.method, path: kind.path, times: Infinity, trickle: TRICKLE });
		const started = Date.now();
		const result = await ctx.run(service, { ...kind.parameters(), ...trickleOptions(1.2, 3) });
		const elapsed = Date.now() - started;
		sandbox.clearFaults();
		const name = service === 'copper' ? 'Copper CRM' : 'Ocoya';
		expect(result.error?.message).toBe(`No response from ${name}: the request's time budget of 3 s is spent`);
		expect(elapsed).toBeGreaterThanOrEqual(2900);
		expect(elapsed).toBeLessThan(6000);
		done();
	});

	it('a slow but short answer within the deadlines arrives whole (the deadlines cut only what exceeds them)', async () => {
		const done = count('deadlines');
		const ocoya = ctx.ocoya();
		ocoya.clearFaults();
		ocoya.clearRequests();
		ocoya.injectFault({ method: 'GET', path: '/me', times: 1, trickle: { everyMs: 20, bytes: 8 } });
		const result = await ctx.run('ocoya', { resource: 'user', operation: 'me', ...trickleOptions(30, 60) });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.email).toEqual(expect.any(String));
		expect(ocoya.requests).toHaveLength(1);
		done();
	});
}

async function freePort(): Promise<number> {
	const server = createHttpServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/** An https server with a self-signed certificate (made by openssl), counting TCP connections. */
async function selfSignedServer(): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
	const dir = mkdtempSync(join(tmpdir(), 'tls-'));
	const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
	if (made.status !== 0) throw new Error('openssl could not make a certificate');
	const server: Server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => res.end('{}'));
	let connections = 0;
	server.on('connection', () => connections++);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { url: `https://127.0.0.1:${port}/developer_api/v1`, connections: () => connections, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const copperCredentialsAt = (baseUrl: string) => ({ copperCrmApi: { apiKey: API_KEY, email: EMAIL, baseUrl } });
const ocoyaCredentialsAt = (baseUrl: string) => ({ ocoyaApi: { apiKey: OCOYA_KEY, baseUrl } });

function retryPolicySuite(ctx: HardeningContext): void {
	connectionFailureCases(ctx);
	ambiguousFailureCases(ctx);
}

/** Failures to connect: refused (retried), unknown host and TLS (not temporary). */
function connectionFailureCases(ctx: HardeningContext): void {
	it.each(['copper', 'ocoya'] as const)('%s: a refused connection is retried even for a create (nothing reached the server)', async (service) => {
		const done = count('retry policy');
		const url = `http://127.0.0.1:${await freePort()}${service === 'copper' ? '/developer_api/v1' : '/api/_public/v1'}`;
		const parameters = service === 'copper' ? { resource: 'people', operation: 'create', name: 'Refused' } : { resource: 'posts', operation: 'create', workspaceId: ctx.workspace, caption: 'Refused' };
		const result = await ctx.run(service, parameters, { credentials: service === 'copper' ? copperCredentialsAt(url) : ocoyaCredentialsAt(url) });
		expect(result.error?.message).toBe(`No response from ${service === 'copper' ? 'Copper CRM' : 'Ocoya'}: the connection was refused`);
		expect(result.error?.description).toContain(`Gave up after ${REQUEST_OPTIONS.maxRetries + 1} attempts.`);
		done();
	});

	it('an unknown host fails at once: not temporary, pointing at the Base URL', async () => {
		const done = count('retry policy');
		const result = await ctx.run('copper', { resource: 'people', operation: 'get', person_id: '1' }, { credentials: copperCredentialsAt('http://copper-api.invalid/developer_api/v1') });
		expect(result.error?.message).toBe('No response from Copper CRM: the host name does not exist; check the Base URL of the credential');
		expect(result.error?.description).toContain('(ENOTFOUND)');
		expect(result.error?.description).toContain('Not retried: this error is not temporary.');
		done();
	});

	it('a TLS certificate error fails at once, after one connection', async () => {
		const done = count('retry policy');
		const server = await selfSignedServer();
		try {
			const result = await ctx.run('copper', { resource: 'people', operation: 'get', person_id: '1' }, { credentials: copperCredentialsAt(server.url) });
			expect(result.error?.message).toMatch(/^No response from Copper CRM: the server's TLS certificate was rejected/);
			expect(result.error?.description).toContain('Not retried: this error is not temporary.');
			expect(server.connections()).toBe(1);
		} finally {
			await server.close();
		}
		done();
	});
}

/** A DELETE whose answer was lost, and the execution's retry budget. */
function ambiguousFailureCases(ctx: HardeningContext): void {
	it.each(['copper', 'ocoya'] as const)('%s: a DELETE whose answer was lost, retried and finding 404, counts as done', async (service) => {
		const done = count('retry policy');
		const sandbox = sandboxOf(ctx, service);
		sandbox.clearFaults();
		sandbox.clearRequests();
		let parameters: IDataObject;
		let gone: () => boolean;
		if (service === 'copper') {
			const person = ctx.copper().store.addPeople(1)[0];
			parameters = { resource: 'people', operation: 'delete', person_id: String(person.id) };
			gone = () => ctx.copper().store.get('people', person.id) === undefined;
			sandbox.injectFault({ method: 'DELETE', path: /^\/people\/\d+$/, times: 1, resetAfterHandling: true });
		} else {
			const post = ctx.ocoya().store.createPost(ctx.workspace, { caption: 'lost answer' });
			parameters = { resource: 'posts', operation: 'delete', post_id: post.id };
			gone = () => ctx.ocoya().store.getPost(post.id) === undefined;
			sandbox.injectFault({ method: 'DELETE', path: /^\/post\/[^/]+$/, times: 1, resetAfterHandling: true });
		}
		const result = await ctx.run(service, parameters);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([{ success: true }]);
		expect(sandbox.requests.filter((r) => r.method === 'DELETE')).toHaveLength(2);
		expect(gone()).toBe(true);
		// Without an earlier ambiguous failure, a 404 stays an error.
		const again = await ctx.run(service, parameters);
		expect(again.error?.description).toContain('HTTP 404');
		done();
	});

	it('an outage spends the execution’s retry budget: later items fail after one attempt', async () => {
		const done = count('retry policy');
		const copper = ctx.copper();
		const people = copper.store.addPeople(12);
		copper.clearFaults();
		copper.clearRequests();
		copper.injectFault({ method: 'GET', path: /^\/people\/\d+$/, times: Infinity, status: 503 });
		const result = await ctx.run(
			'copper',
			{ resource: 'people', operation: 'get', person_id: '={{ $json.id }}', requestOptions: { ...REQUEST_OPTIONS, initialDelayMs: 1, combineReads: false } },
			{ items: people.map((p) => ({ id: p.id })), continueOnFail: true },
		);
		copper.clearFaults();
		expect(result.items).toHaveLength(12);
		// Budget 100 tokens, 5 per retry: 20 retries. Items 1-6 get 3 retries each, item 7 two, items 8-12 none.
		expect(copper.requests.filter((r) => r.method === 'GET')).toHaveLength(6 * 4 + 3 + 5);
		for (const item of result.items.slice(6)) expect(item.json.description).toContain('the retry budget of this execution is spent');
		for (const item of result.items.slice(0, 6)) expect(item.json.description).toContain('Gave up after 4 attempts.');
		done();
	});
}

function ocoyaBudgetSuite(ctx: HardeningContext): void {
	const twoReads = { resource: 'user', operation: 'me' };
	const options = { requestOptions: { ...REQUEST_OPTIONS, maxWaitSeconds: 20, throttleWindowSeconds: 1.5 } };

	it('a spent budget without a Reset header waits the documented window (here 1.5 s), not the whole Max Total Wait', async () => {
		const done = count('ocoya budget');
		const ocoya = ctx.ocoya();
		ocoya.clearFaults();
		ocoya.injectFault({ method: 'GET', path: '/me', times: 1, headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '' } });
		const started = Date.now();
		const result = await ctx.run('ocoya', { ...twoReads, ...options }, { items: [{}, {}] });
		const elapsed = Date.now() - started;
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(elapsed).toBeGreaterThanOrEqual(1400);
		expect(elapsed).toBeLessThan(8000);
		done();
	});

	it('Reset is read against the server’s Date header (server clock an hour behind)', async () => {
		const done = count('ocoya budget');
		const ocoya = ctx.ocoya();
		const serverNow = Date.now() - 3600_000;
		ocoya.clearFaults();
		ocoya.injectFault({
			method: 'GET',
			path: '/me',
			times: 1,
			headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(Math.floor(serverNow / 1000) + 3), Date: new Date(serverNow).toUTCString() },
		});
		const started = Date.now();
		const result = await ctx.run('ocoya', { ...twoReads, ...options }, { items: [{}, {}] });
		const elapsed = Date.now() - started;
		expect(result.error).toBeUndefined();
		// The reset is 2-3 s away on the server's clock; read on this machine's clock it would have passed an hour ago.
		expect(elapsed).toBeGreaterThanOrEqual(1500);
		expect(elapsed).toBeLessThan(8000);
		done();
	});
}

export function hardeningSuites(ctx: HardeningContext): void {
	describe('redaction: error bodies that echo the request headers', () => redactionSuite(ctx));
	describe('deadlines: answers trickled byte by byte', () => deadlineSuite(ctx));
	describe('retry policy', () => retryPolicySuite(ctx));
	describe('Ocoya rate-limit headers', () => ocoyaBudgetSuite(ctx));
}
