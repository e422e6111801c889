/**
 * Hostile servers and expired credentials, through n8n-core's real engine and contexts
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

import { listSearchOf, loadOptionsOf, pollTrigger, runNode, webhookTrigger, type RunNodeResult } from '../helpers/engine';
import { FAST_RETRIES } from '../helpers/sandboxSuite';
import { startCopperSandbox, type CopperSandbox } from '../sandbox/copper';
import { startOcoyaSandbox, SEED_IDS as OCOYA_IDS, type OcoyaSandbox } from '../sandbox/ocoya';
import { OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, OAUTH_TOKEN_PATH } from '../sandbox/oauth';
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

const tokenOf = (credentials: Record<string, IDataObject>, type: string) => (credentials[type].oauthTokenData as IDataObject).access_token;

let copper: CopperSandbox;
let ocoya: OcoyaSandbox;

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

describe('OAuth2: an expired token is refreshed once through n8n, which stores it', () => {
	it('Copper: the request is repeated with the new token, and the next run uses it without a refresh', async () => {
		const done = count('oauth2 refresh');
		const credentials = copperOAuth(copper);
		copper.oauth.expire();
		const first = await runCopper(GET_ACCOUNT, credentials);
		expectOk(first);
		expect(copper.oauth.refreshes).toBe(1);
		expect(copper.requests.map((r) => r.status)).toEqual([401, 200]);
		const stored = tokenOf(credentials, 'copperCrmOAuth2Api');
		expect(stored).not.toBe(COPPER_TOKEN);
		expect(copper.requests[1].headers.authorization).toBe(`Bearer ${stored}`);
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
		expect(ocoya.requests.map((r) => r.status)).toEqual([401, 200]);
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
		expect(copper.requests).toHaveLength(1);
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
		expect(copper.requests.map((r) => r.status)).toEqual([401, 401]);
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

	it('Copper Webhook Trigger: the subscription hooks (HookContext)', async () => {
		const done = count('oauth2 refresh');
		const credentials = copperOAuth(copper);
		const trigger = await webhookTrigger('copperCrmWebhookTrigger', { authentication: 'oAuth2', events: ['person.new'] }, credentials as never, 'http://127.0.0.1:5999/webhook');
		copper.oauth.expire();
		expect(await trigger.checkExists()).toBe(false);
		await trigger.create();
		expect(copper.oauth.refreshes).toBe(1);
		copper.oauth.expire();
		await trigger.delete();
		expect(copper.oauth.refreshes).toBe(2);
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
