/** Ocoya test setup: a sandbox per suite and a runner bound to its credentials. */
import type { IDataObject } from 'n8n-workflow';

import { SEED_IDS, startOcoyaSandbox, type OcoyaSandbox, type OcoyaSandboxOptions } from '../../tooling/sandbox/ocoya';
import { useSandboxSuite, type SandboxSuite } from './sandboxSuite';

export const OCOYA_KEY = 'test-ocoya-key';
export const OCOYA_TOKEN = 'test-ocoya-oauth-token';
export const WORKSPACE = SEED_IDS.workspace;

export function ocoyaCredentials(sandbox: OcoyaSandbox, oauth = false, overrides: IDataObject = {}): Record<string, IDataObject> {
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
		: { ocoyaApi: { apiKey: OCOYA_KEY, baseUrl: sandbox.url, ...overrides } };
}

export type OcoyaHarness = SandboxSuite<OcoyaSandbox>;

/** An Ocoya sandbox for the suite, and a runner of the Ocoya node bound to it. */
export function useOcoyaSandbox(options: OcoyaSandboxOptions = {}): OcoyaHarness {
	return useSandboxSuite(
		'ocoya',
		() => startOcoyaSandbox({ seed: 'minimal', ...options }),
		(sandbox, run) => ocoyaCredentials(sandbox, run.oauth, run.credentials),
	);
}
