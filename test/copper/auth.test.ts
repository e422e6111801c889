/** Credentials: API-key headers, OAuth2 bearer, and each credential's test request. */
import { runCredentialTest } from '../helpers/credentialTest';
import { API_KEY, EMAIL, jsonOf, OAUTH_TOKEN, useCopperSandbox } from '../helpers/copper';

describe('Copper credentials', () => {
	const h = useCopperSandbox();

	it('sends the three X-PW headers with the API key credential', async () => {
		const result = await h.run({ resource: 'accountAndUsers', operation: 'getAccount' });
		expect(result.error).toBeUndefined();
		const [request] = h.sandbox.requests;
		expect(request.headers['x-pw-accesstoken']).toBe(API_KEY);
		expect(request.headers['x-pw-application']).toBe('developer_api');
		expect(request.headers['x-pw-useremail']).toBe(EMAIL);
		expect(request.headers.authorization).toBeUndefined();
	});

	it('sends the OAuth2 bearer token plus X-PW-Application with the OAuth2 credential', async () => {
		const result = await h.run({ resource: 'accountAndUsers', operation: 'getAccount' }, { oauth: true });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0].id).toBeDefined();
		const [request] = h.sandbox.requests;
		expect(request.headers.authorization).toBe(`Bearer ${OAUTH_TOKEN}`);
		expect(request.headers['x-pw-application']).toBe('developer_api');
		expect(request.headers['x-pw-accesstoken']).toBeUndefined();
	});

	it('passes the API key credential test (GET /account) and fails it with a wrong key', async () => {
		const good = await runCredentialTest('copperCrmApi', { apiKey: API_KEY, email: EMAIL, baseUrl: `${h.sandbox.url}/` });
		expect(good.status).toBe(200);
		expect(h.sandbox.requests.at(-1)?.path).toBe('/account');
		const bad = await runCredentialTest('copperCrmApi', { apiKey: 'nope', email: EMAIL, baseUrl: h.sandbox.url });
		expect(bad.status).toBe(401);
	});

	it('passes the OAuth2 credential test with the bearer token', async () => {
		const result = await runCredentialTest(
			'copperCrmOAuth2Api',
			{ baseUrl: h.sandbox.url },
			{ Authorization: `Bearer ${OAUTH_TOKEN}` },
		);
		expect(result.status).toBe(200);
		expect(h.sandbox.requests.at(-1)?.headers['x-pw-application']).toBe('developer_api');
	});

	it('rejects a credential without a valid base URL before any request', async () => {
		const result = await h.run({ resource: 'accountAndUsers', operation: 'getAccount' }, { credentials: { baseUrl: 'not a url' } });
		expect(result.error?.message).toContain('base URL');
		expect(h.sandbox.requests).toHaveLength(0);
	});
});
