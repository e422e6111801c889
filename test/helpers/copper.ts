/** Copper test setup: a sandbox per suite and a runner bound to its credentials. */
import type { IDataObject } from 'n8n-workflow';

import { startCopperSandbox, type CopperSandbox, type CopperSandboxOptions } from '../sandbox/copper';
import { runNode, type RunNodeResult } from './engine';

export const API_KEY = 'test-api-key';
export const EMAIL = 'owner@sandbox.test';
export const OAUTH_TOKEN = 'test-oauth-token';

/** Fast retries so that fault tests take milliseconds, not minutes. */
export const FAST_RETRIES = { maxRetries: 4, initialDelayMs: 20, maxWaitSeconds: 10, timeoutMs: 2000 };

export interface CopperHarness {
	sandbox: CopperSandbox;
	run(
		parameters: IDataObject,
		options?: { items?: IDataObject[]; continueOnFail?: boolean; oauth?: boolean; credentials?: IDataObject },
	): Promise<RunNodeResult>;
}

export function apiKeyCredentials(sandbox: CopperSandbox, overrides: IDataObject = {}) {
	return { copperCrmApi: { apiKey: API_KEY, email: EMAIL, baseUrl: sandbox.url, ...overrides } };
}

export function oauthCredentials(sandbox: CopperSandbox) {
	return {
		copperCrmOAuth2Api: {
			grantType: 'authorizationCode',
			authUrl: 'https://app.copper.com/oauth/authorize',
			accessTokenUrl: 'https://app.copper.com/oauth/token',
			clientId: 'client-id',
			clientSecret: 'client-secret-value',
			scope: 'developer/v1/all',
			authentication: 'body',
			baseUrl: sandbox.url,
			oauthTokenData: { access_token: OAUTH_TOKEN, token_type: 'Bearer' },
		},
	};
}

/** Starts a sandbox before the suite and closes it after. */
export function useCopperSandbox(options: CopperSandboxOptions = {}): CopperHarness {
	const harness = {} as CopperHarness;
	beforeAll(async () => {
		harness.sandbox = await startCopperSandbox({ seed: 'minimal', ...options });
		harness.run = async (parameters, runOptions = {}) =>
			await runNode({
				type: 'copperCrm',
				parameters: {
					authentication: runOptions.oauth ? 'oAuth2' : 'apiKey',
					requestOptions: FAST_RETRIES,
					...parameters,
				},
				credentials: runOptions.oauth
					? oauthCredentials(harness.sandbox)
					: (apiKeyCredentials(harness.sandbox, runOptions.credentials) as never),
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

export const jsonOf = (result: RunNodeResult) => result.items.map((item) => item.json);
