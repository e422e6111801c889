/** Copper test setup: a sandbox per suite and a runner bound to its credentials. */
import type { IDataObject } from 'n8n-workflow';

import { startCopperSandbox, type CopperSandbox, type CopperSandboxOptions } from '../../tooling/sandbox/copper';
import type { RunNodeResult } from '../../tooling/harness/engine';
import { useSandboxSuite, type SandboxSuite } from './sandboxSuite';

export const API_KEY = 'test-api-key';
export const EMAIL = 'owner@sandbox.test';
export const OAUTH_TOKEN = 'test-oauth-token';

export type CopperHarness = SandboxSuite<CopperSandbox>;

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

/** A Copper sandbox for the suite, and a runner of the Copper CRM node bound to it. */
export function useCopperSandbox(options: CopperSandboxOptions = {}): CopperHarness {
	return useSandboxSuite(
		'copperCrm',
		() => startCopperSandbox({ seed: 'minimal', ...options }),
		(sandbox, run) => (run.oauth ? oauthCredentials(sandbox) : apiKeyCredentials(sandbox, run.credentials)),
	);
}

export const jsonOf = (result: RunNodeResult) => result.items.map((item) => item.json);
