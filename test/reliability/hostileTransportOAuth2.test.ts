/**
 * Hostile transport, OAuth2 (counted in docs/reliability.md, group "oauth2 refresh"), through n8n-core's
 * real engine and contexts (WorkflowExecute, PollContext, LoadOptionsContext, HookContext) against the
 * sandboxes over HTTP: an expired token is refreshed once through n8n's own mechanism (n8n stores the
 * new token) in every context; a refresh that fails and a 401 that survives the refresh are clear
 * credential errors; other answers keep their classification under OAuth2.
 */
import type { IDataObject } from 'n8n-workflow';

import { listSearchOf, loadOptionsOf, pollTrigger, webhookTrigger } from '../../tooling/harness/engine';
import type { CopperSandbox } from '../../tooling/sandbox/copper';
import type { OcoyaSandbox } from '../../tooling/sandbox/ocoya';
import { count } from './faults';
import {
	COPPER_TOKEN,
	copperOAuth,
	expectOk,
	GET_ACCOUNT,
	GET_ME,
	OCOYA_TOKEN,
	ocoyaOAuth,
	PROBE,
	resetSandboxes,
	runCopper,
	runOcoya,
	startCopper,
	startOcoya,
	tokenOf,
	WORKSPACE,
} from './hostileTransportKit';
import { writeReliabilityDoc } from './report';

let copper: CopperSandbox;
let ocoya: OcoyaSandbox;

afterAll(() => {
	if (process.env.RELIABILITY_DOC) writeReliabilityDoc('hostile transport oauth2');
});

describe('hostile transport', () => {
	beforeAll(async () => {
		copper = await startCopper();
		ocoya = await startOcoya();
	});

	afterAll(async () => {
		await copper?.close();
		await ocoya?.close();
	});

	beforeEach(() => resetSandboxes(copper, ocoya));

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
});
