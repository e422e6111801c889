/** Ocoya test setup: a sandbox per suite and a runner bound to its credentials. */
import type { IDataObject } from 'n8n-workflow';

import { SEED_IDS, startOcoyaSandbox, type OcoyaSandbox, type OcoyaSandboxOptions } from '../sandbox/ocoya';
import { runNode, type RunNodeResult } from './engine';

export const OCOYA_KEY = 'test-ocoya-key';
export const OCOYA_TOKEN = 'test-ocoya-oauth-token';
export const WORKSPACE = SEED_IDS.workspace;
export const FAST_RETRIES = { maxRetries: 4, initialDelayMs: 20, maxWaitSeconds: 10, timeoutMs: 2000 };

export function ocoyaCredentials(sandbox: OcoyaSandbox, oauth = false): Record<string, IDataObject> {
	return oauth
		? {
				ocoyaOAuth2Api: {
					grantType: 'authorizationCode',
					authUrl: 'https://app.ocoya.com/oauth/authorize',
					accessTokenUrl: 'https://app.ocoya.com/oauth/token',
					clientId: 'client-id',
					clientSecret: 'client-secret-value',
					scope: '',
					authentication: 'header',
					baseUrl: sandbox.url,
					oauthTokenData: { access_token: OCOYA_TOKEN, token_type: 'Bearer' },
				},
			}
		: { ocoyaApi: { apiKey: OCOYA_KEY, baseUrl: sandbox.url } };
}

export interface OcoyaHarness {
	sandbox: OcoyaSandbox;
	run(parameters: IDataObject, options?: { items?: IDataObject[]; continueOnFail?: boolean; oauth?: boolean }): Promise<RunNodeResult>;
}

export function useOcoyaSandbox(options: OcoyaSandboxOptions = {}): OcoyaHarness {
	const harness = {} as OcoyaHarness;
	beforeAll(async () => {
		harness.sandbox = await startOcoyaSandbox({ seed: 'minimal', ...options });
		harness.run = async (parameters, runOptions = {}) =>
			await runNode({
				type: 'ocoya',
				parameters: {
					authentication: runOptions.oauth ? 'oAuth2' : 'apiKey',
					requestOptions: FAST_RETRIES,
					...parameters,
				},
				credentials: ocoyaCredentials(harness.sandbox, runOptions.oauth) as never,
				items: runOptions.items,
				continueOnFail: runOptions.continueOnFail,
			});
	});
	afterAll(async () => {
		await harness.sandbox?.close();
	});
	beforeEach(() => {
		harness.sandbox?.clearRequests();
		harness.sandbox?.clearFaults();
	});
	return harness;
}
