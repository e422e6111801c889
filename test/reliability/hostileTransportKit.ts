/**
 * What the hostile-transport suites share (hostileTransportOAuth2, …Redirects, …Bounds and
 * …Redaction .test.ts, counted in docs/reliability.md): the sandboxes with their OAuth2 authority,
 * OAuth2 and API-key credentials pointing at them, runs of the nodes through n8n-core's real engine,
 * and a server on another port that records what reaches it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import { ENGINE_MAJOR, runNode, type RunNodeResult } from '../../tooling/harness/engine';
import { FAST_RETRIES } from '../helpers/sandboxSuite';
import { startCopperSandbox, type CopperSandbox } from '../../tooling/sandbox/copper';
import { startOcoyaSandbox, SEED_IDS as OCOYA_IDS, type OcoyaSandbox } from '../../tooling/sandbox/ocoya';
import { OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, OAUTH_TOKEN_PATH } from '../../tooling/sandbox/oauth';

export const WORKSPACE = OCOYA_IDS.workspace;
export const COPPER_TOKEN = 'copper-initial-token';
export const OCOYA_TOKEN = 'ocoya-initial-token';

export const originOf = (url: string) => new URL(url).origin;

export function copperOAuth(sandbox: CopperSandbox): Record<string, IDataObject> {
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

export function ocoyaOAuth(sandbox: OcoyaSandbox): Record<string, IDataObject> {
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
export const PROBE: number[] = ENGINE_MAJOR === 1 ? [401] : [];

export const tokenOf = (credentials: Record<string, IDataObject>, type: string) => (credentials[type].oauthTokenData as IDataObject).access_token;

/** The Copper sandbox whose OAuth2 authority issued COPPER_TOKEN (webhook targets over plain HTTP allowed). */
export async function startCopper(): Promise<CopperSandbox> {
	const copper = await startCopperSandbox({ seed: 'minimal', oauthToken: COPPER_TOKEN });
	copper.store.allowHttpWebhookTargets = true;
	return copper;
}

/** The Ocoya sandbox whose OAuth2 authority issued OCOYA_TOKEN. */
export async function startOcoya(): Promise<OcoyaSandbox> {
	return await startOcoyaSandbox({ seed: 'minimal', oauthToken: OCOYA_TOKEN });
}

/** Before each case: no requests, faults or OAuth2 state left from the one before. */
export function resetSandboxes(...sandboxes: Array<CopperSandbox | OcoyaSandbox>): void {
	for (const sandbox of sandboxes) {
		sandbox.clearRequests();
		sandbox.clearFaults();
		sandbox.oauth.reset();
	}
}

export async function runCopper(parameters: IDataObject, credentials: Record<string, IDataObject>, authentication = 'oAuth2', items?: IDataObject[]) {
	return await runNode({
		type: 'copperCrm',
		parameters: { authentication, requestOptions: FAST_RETRIES, ...parameters },
		credentials: credentials as never,
		items,
	});
}

export async function runOcoya(parameters: IDataObject, credentials: Record<string, IDataObject>, authentication = 'oAuth2') {
	return await runNode({
		type: 'ocoya',
		parameters: { authentication, requestOptions: FAST_RETRIES, ...parameters },
		credentials: credentials as never,
	});
}

export const GET_ACCOUNT = { resource: 'accountAndUsers', operation: 'getAccount' };
export const GET_ME = { resource: 'user', operation: 'me' };

export function expectOk(result: RunNodeResult) {
	if (result.error) throw result.error;
	expect(result.items.length).toBeGreaterThan(0);
}

/** A server on another port: records every request and whether it carried a credential header. */
export interface Recorder {
	server: http.Server;
	url: string;
	hits: Array<{ method: string; url: string; credentialHeaders: string[] }>;
	handler?: (req: http.IncomingMessage, res: http.ServerResponse) => void;
}

const CREDENTIAL_HEADERS = ['x-pw-accesstoken', 'x-pw-useremail', 'x-api-key', 'authorization'];

export async function startRecorder(): Promise<Recorder> {
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

export async function stopRecorder(recorder: Recorder | undefined): Promise<void> {
	if (!recorder) return;
	recorder.server.closeAllConnections();
	await new Promise((resolve) => recorder.server.close(resolve));
}

/** Before each case: no hits, and the default answer (a foreign record). */
export function resetRecorder(recorder: Recorder): void {
	recorder.hits.length = 0;
	recorder.handler = undefined;
}

export const copperKey = (baseUrl: string, apiKey = 'test-api-key') => ({ copperCrmApi: { apiKey, email: 'owner@sandbox.test', baseUrl } });
export const ocoyaKey = (baseUrl: string) => ({ ocoyaApi: { apiKey: 'test-ocoya-key', baseUrl } });
export const errorText = (result: RunNodeResult) => `${result.error?.message ?? ''} ${result.error?.description ?? ''}`;
