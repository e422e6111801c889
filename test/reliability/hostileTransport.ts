/**
 * Hostile servers and expired credentials (run from matrix.test.ts, counted in docs/reliability.md),
 * through n8n-core's real engine and contexts
 * (WorkflowExecute, PollContext, LoadOptionsContext, HookContext) against the sandboxes over HTTP:
 * - OAuth2: an expired token is refreshed once through n8n's own mechanism (n8n stores the new
 *   token) in every context; a refresh that fails and a 401 that survives the refresh are clear
 *   credential errors; other answers keep their classification under OAuth2;
 * - redirects: 301/302/303/307/308, relative and absolute, same origin (followed) and another port,
 *   host or scheme (refused, naming the target; the other server receives nothing);
 * - bounds: an endless body, a huge announced body, a body just over and just at the Max Response
 *   Size, deeply nested JSON;
 * - redaction of the wire forms of a credential value (a key pasted with a line break, echoed back).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import { ENGINE_MAJOR, listSearchOf, loadOptionsOf, pollTrigger, runNode, webhookTrigger, type RunNodeResult } from '../../tooling/harness/engine';
import { FAST_RETRIES } from '../helpers/sandboxSuite';
import { startCopperSandbox, type CopperSandbox } from '../../tooling/sandbox/copper';
import { startOcoyaSandbox, SEED_IDS as OCOYA_IDS, type OcoyaSandbox } from '../../tooling/sandbox/ocoya';
import { OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, OAUTH_TOKEN_PATH } from '../../tooling/sandbox/oauth';
import { count } from './faults';

const WORKSPACE = OCOYA_IDS.workspace;
const COPPER_TOKEN = 'copper-initial-token';
const OCOYA_TOKEN = 'ocoya-initial-token';

const originOf = (url: string) => new URL(url).origin;

function copperOAuth(sandbox: CopperSandbox): Record<string, IDataObject> {
	return {
		copperCrmOAuth2Api: {
			grantType: 'authorizationCode',
			authUrl: `${originOf(sandbox.url)}/oauth/authorize`,
			accessTokenUrl: `${originOf(sandbox.url)}${OAUTH_TOKEN_PATH}`,
			clientId: OAUTH_CLIENT_ID,
			clientSecret: OAUTH_CLIENT_SECRET,
			scope: 'developer/v1/all',
			authentication: 'body',
			baseUrl: sandbox.url,
			oauthTokenData: { access_token: COPPER_TOKEN, token_type: 'Bearer', refresh_token: 'copper-refresh-0' },
		},
	};
}

function ocoyaOAuth(sandbox: OcoyaSandbox): Record<string, IDataObject> {
	return {
		ocoyaOAuth2Api: {
			grantType: 'authorizationCode',
			authUrl: `${originOf(sandbox.url)}/oauth/authorize`,
			accessTokenUrl: `${originOf(sandbox.url)}${OAUTH_TOKEN_PATH}`,
			clientId: OAUTH_CLIENT_ID,
			clientSecret: OAUTH_CLIENT_SECRET,
			scope: '',
			authentication: 'header',
			baseUrl: sandbox.url,
			oauthTokenData: { access_token: OCOYA_TOKEN, token_type: 'Bearer', refresh_token: 'ocoya-refresh-0' },
		},
	};
}

/**
 * n8n 1.x ignores the `except: [401]` of ignoreHttpStatusErrors, so its 401 comes back as an answer
 * and the transport sends the request once more for n8n to see it and refresh (oauth2.ts): one more
 * 401 on the wire than on 2.x, where the first 401 already makes n8n refresh.
 */
const PROBE: number[] = ENGINE_MAJOR === 1 ? [401] : [];

const tokenOf = (credentials: Record<string, IDataObject>, type: string) => (credentials[type].oauthTokenData as IDataObject).access_token;

let copper: CopperSandbox;
let ocoya: OcoyaSandbox;




async function runCopper(parameters: IDataObject, credentials: Record<string, IDataObject>, authentication = 'oAuth2', items?: IDataObject[]) {
	return await runNode({
		type: 'copperCrm',
		parameters: { authentication, requestOptions: FAST_RETRIES, ...parameters },
		credentials: credentials as never,
		items,
	});
}

async function runOcoya(parameters: IDataObject, credentials: Record<string, IDataObject>, authentication = 'oAuth2') {
	return await runNode({
		type: 'ocoya',
		parameters: { authentication, requestOptions: FAST_RETRIES, ...parameters },
		credentials: credentials as never,
	});
}

const GET_ACCOUNT = { resource: 'accountAndUsers', operation: 'getAccount' };
const GET_ME = { resource: 'user', operation: 'me' };

function expectOk(result: RunNodeResult) {
	if (result.error) throw result.error;
	expect(result.items.length).toBeGreaterThan(0);
}



/** A server on another port: records every request and whether it carried a credential header. */
interface Recorder {
	server: http.Server;
	url: string;
	hits: Array<{ method: string; url: string; credentialHeaders: string[] }>;
	handler?: (req: http.IncomingMessage, res: http.ServerResponse) => void;
}

const CREDENTIAL_HEADERS = ['x-pw-accesstoken', 'x-pw-useremail', 'x-api-key', 'authorization'];

async function startRecorder(): Promise<Recorder> {
	const recorder = { hits: [] } as unknown as Recorder;
	recorder.server = http.createServer((req, res) => {
		recorder.hits.push({ method: req.method ?? '', url: req.url ?? '', credentialHeaders: CREDENTIAL_HEADERS.filter((name) => req.headers[name] !== undefined) });
		if (recorder.handler) return recorder.handler(req, res);
		res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id: 1, name: 'foreign record' }));
	});
	await new Promise<void>((resolve) => recorder.server.listen(0, '127.0.0.1', resolve));
	recorder.url = `http://127.0.0.1:${(recorder.server.address() as AddressInfo).port}`;
	return recorder;
}

let foreign: Recorder;

const copperKey = (baseUrl: string, apiKey = 'test-api-key') => ({ copperCrmApi: { apiKey, email: 'owner@sandbox.test', baseUrl } });
const ocoyaKey = (baseUrl: string) => ({ ocoyaApi: { apiKey: 'test-ocoya-key', baseUrl } });
const errorText = (result: RunNodeResult) => `${result.error?.message ?? ''} ${result.error?.description ?? ''}`;

/** The suites, run by matrix.test.ts (so the cases count in docs/reliability.md). */
export function hostileTransportSuites(): void {
	describe('hostile transport', () => {
		beforeAll(async () => {
			copper = await startCopperSandbox({ seed: 'minimal', oauthToken: COPPER_TOKEN });
			ocoya = await startOcoyaSandbox({ seed: 'minimal', oauthToken: OCOYA_TOKEN });
			copper.store.allowHttpWebhookTargets = true;
		});

		afterAll(async () => {
			await copper?.close();
			await ocoya?.close();
		});

		beforeEach(() => {
			for (const sandbox of [copper, ocoya]) {
				sandbox.clearRequests();
				sandbox.clearFaults();
				sandbox.oauth.reset();
			}
		});

		describe('OAuth2: an expired token is refreshed once through n8n, which stores it', () => {
			it('Copper: the request is repeated with the new token, and the next run uses it without a refresh', async () => {
				const done = count('oauth2 refresh');
				const credentials = copperOAuth(copper);
				copper.oauth.expire();
				const first = await runCopper(GET_ACCOUNT, credentials);
				expectOk(first);
				expect(copper.oauth.refreshes).toBe(1);
				expect(copper.requests.map((r) => r.status)).toEqual([401, ...PROBE, 200]);
				const stored = tokenOf(credentials, 'copperCrmOAuth2Api');
				expect(stored).not.toBe(COPPER_TOKEN);
				expect(copper.requests.at(-1)!.headers.authorization).toBe(`Bearer ${stored}`);
				copper.clearRequests();
				expectOk(await runCopper(GET_ACCOUNT, credentials));
				expect(copper.oauth.refreshes).toBe(1);
				expect(copper.requests.map((r) => r.status)).toEqual([200]);
				done();
			});

			it('Ocoya: the same, with client credentials sent as Basic auth to the token endpoint', async () => {
				const done = count('oauth2 refresh');
				const credentials = ocoyaOAuth(ocoya);
				ocoya.oauth.expire();
				expectOk(await runOcoya(GET_ME, credentials));
				expect(ocoya.oauth.refreshes).toBe(1);
				expect(ocoya.requests.map((r) => r.status)).toEqual([401, ...PROBE, 200]);
				expect(tokenOf(credentials, 'ocoyaOAuth2Api')).not.toBe(OCOYA_TOKEN);
				done();
			});

			it('a write (POST) is repeated once after the refresh and creates its record once', async () => {
				const done = count('oauth2 refresh');
				const credentials = copperOAuth(copper);
				const before = copper.store.count('people');
				copper.oauth.expire();
				const result = await runCopper({ resource: 'people', operation: 'create', name: 'Refreshed Writer' }, credentials);
				expectOk(result);
				expect(copper.store.count('people')).toBe(before + 1);
				expect(copper.oauth.refreshes).toBe(1);
				done();
			});

			it('a refresh that fails is a clear credential error, with one call to the token endpoint', async () => {
				const done = count('oauth2 refresh');
				copper.oauth.expire();
				copper.oauth.failRefresh = true;
				const result = await runCopper(GET_ACCOUNT, copperOAuth(copper));
				expect(result.error).toBeDefined();
				expect(`${result.error!.message} ${result.error!.description}`).toMatch(/OAuth2 credential could not be used|reconnect/i);
				expect(copper.oauth.tokenCalls).toBe(1);
				expect(copper.requests).toHaveLength(1 + PROBE.length);
				done();
			});

			it('a revoked refresh token (invalid_grant) asks to reconnect the credential', async () => {
				const done = count('oauth2 refresh');
				const credentials = copperOAuth(copper);
				(credentials.copperCrmOAuth2Api.oauthTokenData as IDataObject).refresh_token = 'revoked';
				copper.oauth.expire();
				const result = await runCopper(GET_ACCOUNT, credentials);
				expect(result.error).toBeDefined();
				expect(`${result.error!.message} ${result.error!.description}`).toMatch(/reconnect/i);
				expect(copper.oauth.refreshes).toBe(0);
				done();
			});

			it('a 401 that survives the refresh is a credential error saying the token was refreshed, not retried further', async () => {
				const done = count('oauth2 refresh');
				copper.oauth.rejectAll = true;
				const result = await runCopper(GET_ACCOUNT, copperOAuth(copper));
				expect(result.error?.httpCode).toBe('401');
				expect(result.error?.description).toMatch(/refreshed the OAuth2 access token once/);
				expect(copper.oauth.refreshes).toBe(1);
				expect(copper.requests.map((r) => r.status)).toEqual([401, ...PROBE, 401, ...PROBE]);
				done();
			});

			it('other answers keep their classification under OAuth2: 404 with the vendor message, 429 retried', async () => {
				const done = count('oauth2 refresh');
				const missing = await runCopper({ resource: 'people', operation: 'get', person_id: '999999' }, copperOAuth(copper));
				expect(missing.error?.httpCode).toBe('404');
				copper.injectFault({ method: 'GET', path: '/account', status: 429, times: 1 });
				expectOk(await runCopper(GET_ACCOUNT, copperOAuth(copper)));
				expect(copper.requests.map((r) => r.status)).toEqual([404, 429, 200]);
				expect(copper.oauth.tokenCalls).toBe(0);
				done();
			});

			it('the API-key path is unchanged: a 401 is not refreshed and fails at once', async () => {
				const done = count('oauth2 refresh');
				const result = await runCopper(GET_ACCOUNT, { copperCrmApi: { apiKey: 'wrong-key', email: 'owner@sandbox.test', baseUrl: copper.url } }, 'apiKey');
				expect(result.error?.httpCode).toBe('401');
				expect(copper.oauth.tokenCalls).toBe(0);
				done();
			});
		});

		describe('OAuth2 refresh in every context', () => {
			it('Copper Poll Trigger (PollContext)', async () => {
				const done = count('oauth2 refresh');
				const credentials = copperOAuth(copper);
				const { poll } = await pollTrigger('copperCrmPollTrigger', { authentication: 'oAuth2', entity: 'people', event: 'new' }, credentials as never);
				copper.oauth.expire();
				expect(await poll()).toEqual([]);
				expect(copper.oauth.refreshes).toBe(1);
				expect(tokenOf(credentials, 'copperCrmOAuth2Api')).not.toBe(COPPER_TOKEN);
				done();
			});

			it('Ocoya Trigger (PollContext)', async () => {
				const done = count('oauth2 refresh');
				const credentials = ocoyaOAuth(ocoya);
				const { poll } = await pollTrigger('ocoyaPostTrigger', { authentication: 'oAuth2', workspaceId: WORKSPACE, event: 'newPost' }, credentials as never);
				ocoya.oauth.expire();
				expect(await poll()).toEqual([]);
				expect(ocoya.oauth.refreshes).toBe(1);
				done();
			});

			it('Copper Webhook Trigger: the subscription hooks (HookContext) and a delivery fetching its record (WebhookContext)', async () => {
				const done = count('oauth2 refresh');
				const credentials = copperOAuth(copper);
				const parameters = { authentication: 'oAuth2', events: ['person.new'], fetchRecords: true };
				const trigger = await webhookTrigger('copperCrmWebhookTrigger', parameters, credentials as never, 'http://127.0.0.1:5999/webhook');
				copper.oauth.expire();
				expect(await trigger.checkExists()).toBe(false);
				await trigger.create();
				expect(copper.oauth.refreshes).toBe(1);

				const [hook] = [...copper.store.webhooks.values()];
				const person = (copper.store.all('people')[0] as { id: number }).id;
				const body = { ids: [person], type: hook.type, event: hook.event, subscription_id: hook.id, ...(hook.secret ?? {}), timestamp: new Date().toISOString() };
				const headers = Object.fromEntries(Object.entries(hook.headers ?? {}).map(([key, value]) => [key.toLowerCase(), String(value)])) as IDataObject;
				copper.oauth.expire();
				const delivered = await trigger.deliver(body, headers);
				expect(delivered.status).toBe(200);
				expect(JSON.stringify(delivered.items)).toContain(`"id":${person}`);
				expect(copper.oauth.refreshes).toBe(2);

				copper.oauth.expire();
				await trigger.delete();
				expect(copper.oauth.refreshes).toBe(3);
				expect(copper.store.webhooks.size).toBe(0);
				done();
			});

			it('dropdowns and record pickers (LoadOptionsContext)', async () => {
				const done = count('oauth2 refresh');
				const credentials = ocoyaOAuth(ocoya);
				ocoya.oauth.expire();
				const workspaces = await loadOptionsOf('ocoya', 'getWorkspaces', { authentication: 'oAuth2' }, credentials as never);
				expect(workspaces.map((option) => option.value)).toContain(WORKSPACE);
				expect(ocoya.oauth.refreshes).toBe(1);
				const copperCredentials = copperOAuth(copper);
				copper.oauth.expire();
				const page = await listSearchOf('copperCrm', 'searchPeople', { authentication: 'oAuth2', resource: 'people', operation: 'get' }, copperCredentials as never);
				expect(Array.isArray(page.results)).toBe(true);
				expect(copper.oauth.refreshes).toBe(1);
				done();
			});
		});

		beforeAll(async () => {
			foreign = await startRecorder();
		});

		afterAll(async () => {
			foreign.server.closeAllConnections();
			await new Promise((resolve) => foreign.server.close(resolve));
		});

		beforeEach(() => {
			foreign.hits.length = 0;
			foreign.handler = undefined;
		});

		describe('redirects: the credential never leaves its origin', () => {
			const REDIRECTS = [301, 302, 303, 307, 308];
			const path = '/developer_api/v1/account';
			const elsewhere = (port: number) => [
				['another port', `${foreign.url}${path}`, `${foreign.url}${path}`],
				['another host', `http://localhost:${port}${path}`, `http://localhost:${port}${path}`],
				['another scheme', `https://127.0.0.1:${port}${path}`, `https://127.0.0.1:${port}${path}`],
				['a protocol-relative Location', `//localhost:${port}${path}`, `http://localhost:${port}${path}`],
			];

			for (const status of REDIRECTS) {
				it(`Copper API key, ${status} to another port, host, scheme: refused naming the target, nothing sent there`, async () => {
					for (const [label, location, shown] of elsewhere(copper.port)) {
						const done = count('redirects');
						copper.clearRequests();
						copper.injectFault({ method: 'GET', path: '/account', status, headers: { Location: location }, body: '' });
						const result = await runCopper(GET_ACCOUNT, copperKey(copper.url), 'apiKey');
						expect(`${label}: ${result.error?.message}`).toContain(`${label}: Copper CRM redirected the request to ${shown}`);
						expect(result.error?.message).toContain('refused');
						expect(copper.requests).toHaveLength(1);
						expect(foreign.hits).toEqual([]);
						expect(JSON.stringify(result.items)).not.toContain('foreign record');
						done();
					}
				});

				it(`Copper API key, ${status} to the same origin (absolute and relative Location): followed`, async () => {
					for (const location of [`${originOf(copper.url)}${path}`, path, 'account']) {
						const done = count('redirects');
						copper.clearRequests();
						copper.injectFault({ method: 'GET', path: '/account', status, headers: { Location: location }, body: '' });
						const result = await runCopper(GET_ACCOUNT, copperKey(copper.url), 'apiKey');
						expectOk(result);
						expect(copper.requests.map((r) => r.status)).toEqual([status, 200]);
						done();
					}
				});
			}

			it('Ocoya API key (X-API-Key) and Copper OAuth2 (Authorization): a redirect to another port is refused', async () => {
				const done = count('redirects');
				ocoya.injectFault({ method: 'GET', path: '/me', status: 302, headers: { Location: `${foreign.url}/api/_public/v1/me` } });
				const viaKey = await runOcoya(GET_ME, ocoyaKey(ocoya.url), 'apiKey');
				expect(viaKey.error?.message).toContain(`Ocoya redirected the request to ${foreign.url}/api/_public/v1/me`);
				copper.injectFault({ method: 'GET', path: '/account', status: 307, headers: { Location: `${foreign.url}${path}` }, body: '' });
				const viaOAuth = await runCopper(GET_ACCOUNT, copperOAuth(copper));
				expect(viaOAuth.error?.message).toContain(`redirected the request to ${foreign.url}${path}`);
				expect(foreign.hits).toEqual([]);
				done();
			});

			it('307 and 308 repeat a POST with its body on the same origin (the record is created once); 303 continues as GET', async () => {
				for (const status of [307, 308]) {
					const done = count('redirects');
					const before = copper.store.count('people');
					copper.injectFault({ method: 'POST', path: '/people', status, headers: { Location: '/developer_api/v1/people' }, body: '' });
					const result = await runCopper({ resource: 'people', operation: 'create', name: `Redirected ${status}` }, copperKey(copper.url), 'apiKey');
					expectOk(result);
					expect(copper.store.count('people')).toBe(before + 1);
					expect(result.items[0].json.name).toBe(`Redirected ${status}`);
					done();
				}
				const done = count('redirects');
				copper.clearRequests();
				copper.injectFault({ method: 'POST', path: '/people', status: 303, headers: { Location: '/developer_api/v1/account' }, body: '' });
				await runCopper({ resource: 'people', operation: 'create', name: 'See other' }, copperKey(copper.url), 'apiKey');
				expect(copper.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /people', 'GET /account']);
				done();
			});

			it('a redirect loop on the same origin ends after 5 redirects', async () => {
				const done = count('redirects');
				copper.injectFault({ method: 'GET', path: '/account', status: 302, headers: { Location: path }, body: '', times: Infinity });
				const result = await runCopper(GET_ACCOUNT, copperKey(copper.url), 'apiKey');
				expect(result.error?.message).toContain('redirected more than 5 times');
				expect(copper.requests).toHaveLength(6);
				done();
			});
		});

		describe('bounds: a body over the Max Response Size stops being read; deep JSON fails cleanly', () => {
			const hostileBase = () => `${foreign.url}/developer_api/v1`;
			const withLimit = (mib?: number) => ({ ...GET_ACCOUNT, requestOptions: { ...FAST_RETRIES, ...(mib ? { maxResponseMiB: mib } : {}) } });

			/** An endless body: 64 KiB chunks for as long as the client reads; returns the bytes written. */
			function endless(contentLength?: number): { written: () => number } {
				let written = 0;
				foreign.handler = (_req, res) => {
					res.writeHead(200, { 'Content-Type': 'application/json', ...(contentLength ? { 'Content-Length': String(contentLength) } : {}) });
					const chunk = Buffer.alloc(64 * 1024, 0x20);
					res.write('[');
					const pump = () => {
						while (!res.destroyed && res.write(chunk)) written += chunk.length;
						if (!res.destroyed) res.once('drain', pump);
					};
					res.on('close', () => res.removeAllListeners('drain'));
					pump();
				};
				return { written: () => written };
			}

			it('an endless body is cut at the Max Response Size (1 MiB here), with an error naming the field, not retried', async () => {
				const done = count('response bounds');
				const server = endless();
				const started = Date.now();
				const result = await runCopper(withLimit(1), copperKey(hostileBase()), 'apiKey');
				expect(result.error?.message).toContain('larger than the Max Response Size of 1 MiB');
				expect(result.error?.message).toContain('Max Response Size (MiB)');
				expect(foreign.hits).toHaveLength(1);
				expect(Date.now() - started).toBeLessThan(5000);
				expect(server.written()).toBeLessThan(8 * 1024 * 1024);
				done();
			});

			it('with the default (64 MiB) an endless body stops at 64 MiB, not at the attempt deadline', async () => {
				const done = count('response bounds');
				const server = endless();
				const result = await runCopper(withLimit(), copperKey(hostileBase()), 'apiKey');
				expect(result.error?.message).toContain('Max Response Size of 64 MiB');
				expect(server.written()).toBeLessThan(80 * 1024 * 1024);
				done();
			});

			it('a Content-Length over the limit fails before the body is read', async () => {
				const done = count('response bounds');
				const server = endless(10 * 1024 * 1024 * 1024);
				const result = await runCopper(withLimit(1), copperKey(hostileBase()), 'apiKey');
				expect(result.error?.message).toContain('it announced 10240 MiB');
				expect(server.written()).toBeLessThan(8 * 1024 * 1024);
				done();
			});

			it('a body one byte over the limit fails; a body exactly at the limit is read', async () => {
				const limit = 1024 * 1024;
				for (const [size, fails] of [
					[limit + 1, true],
					[limit, false],
				] as const) {
					const done = count('response bounds');
					const body = JSON.stringify({ id: 1, pad: 'x'.repeat(size - 20) });
					const padded = body.slice(0, -2) + ' '.repeat(size - body.length) + body.slice(-2);
					expect(Buffer.byteLength(padded)).toBe(size);
					foreign.handler = (_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(padded);
					const result = await runCopper(withLimit(1), copperKey(hostileBase()), 'apiKey');
					expect(!!result.error).toBe(fails);
					if (!fails) expect(result.items[0].json.id).toBe(1);
					done();
				}
			});

			it('JSON nested 100,000 levels deep fails with a clear error; 60 levels and brackets inside strings are read', async () => {
				const done = count('response bounds');
				foreign.handler = (_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('['.repeat(100_000) + ']'.repeat(100_000));
				const deep = await runCopper(GET_ACCOUNT, copperKey(hostileBase()), 'apiKey');
				expect(deep.error?.message).toBe('Copper CRM answered with JSON nested deeper than 64 levels; it was not read');
				expect(deep.error?.name).toBe('NodeApiError');
				const nested = `${'{"a":'.repeat(60)}1${'}'.repeat(60)}`;
				foreign.handler = (_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(`{"id":2,"text":"${'['.repeat(500)}","nested":${nested}}`);
				const fine = await runCopper(GET_ACCOUNT, copperKey(hostileBase()), 'apiKey');
				expectOk(fine);
				expect(fine.items[0].json.id).toBe(2);
				done();
			});
		});

		describe('redaction covers the wire forms of a credential value', () => {
			const shapes = ['message', 'headerObject', 'text', 'urlEncoded'] as const;
			const keys = [
				['a key pasted with a line break', 'test-api\r\n-key-pasted'],
				['a key with a tab and surrounding spaces', '  test-api\t-key-tabbed  '],
				['a key with a non-Latin-1 character', 'test-api-key-€uro'],
			];

			for (const [label, apiKey] of keys) {
				it(`${label}: the form sent on the header is masked in an echoed error`, async () => {
					for (const shape of shapes) {
						const done = count('redaction');
						copper.clearRequests();
						copper.injectFault({ path: '/account', echo: shape, status: 403 });
						const result = await runCopper(GET_ACCOUNT, copperKey(copper.url, apiKey), 'apiKey');
						const sent = copper.requests[0]?.headers['x-pw-accesstoken'];
						const text = `${errorText(result)} ${JSON.stringify(result.error ?? {})} ${JSON.stringify(result.run.data)}`;
						if (typeof sent === 'string') {
							expect(text.includes(sent) || text.includes(encodeURIComponent(sent))).toBe(false);
						}
						const leaks = ['test-api-key', 'key-pasted', 'key-tabbed', 'key-uro'].filter((form) => text.includes(form));
						expect(`${shape}: ${leaks.join(', ')}`).toBe(`${shape}: `);
						done();
					}
				});
			}
		});
	});
}
