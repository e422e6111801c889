/**
 * What n8n's OAuth2 callback accepts, checked on the real server for the Copper CRM OAuth2 credential.
 * Copper documents that it returns the authorization code to the redirect URI by POST, with `code` in
 * the request body; the README tells users what to do about it. Nothing here leaves the machine: the
 * callback is probed without a real code, so n8n never calls Copper's token URL.
 */
import { N8nApi } from './setup/n8nApi';
import { readState } from './setup/state';

const state = readState();

describe('Copper CRM OAuth2 credential in n8n', () => {
	const api = new N8nApi(state.n8nUrl);
	let credentialId = '';
	let oauthState = '';

	beforeAll(async () => {
		await api.login(state.owner.email, state.owner.password);
		const created = await api.request('/credentials', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({
				name: 'Copper OAuth2 (e2e)',
				type: 'copperCrmOAuth2Api',
				data: { clientId: 'e2e-client', clientSecret: 'e2e-client-secret', baseUrl: state.copper.url },
			}),
		});
		expect(created.status).toBe(200);
		credentialId = ((await created.json()) as { data: { id: string } }).data.id;
	});

	afterAll(async () => {
		// Leave the instance as found: the editor auto-selects the newest credential of a type.
		if (credentialId) {
			const removed = await api.request(`/credentials/${credentialId}`, { method: 'DELETE' });
			expect(removed.status).toBe(200);
		}
	});

	it('builds the authorization URL with Copper’s endpoint, scope and n8n’s callback', async () => {
		const response = await api.request(`/oauth2-credential/auth?id=${credentialId}`);
		expect(response.status).toBe(200);
		const url = new URL(((await response.json()) as { data: string }).data);
		expect(`${url.origin}${url.pathname}`).toBe('https://app.copper.com/oauth/authorize');
		expect(url.searchParams.get('response_type')).toBe('code');
		expect(url.searchParams.get('client_id')).toBe('e2e-client');
		expect(url.searchParams.get('scope')).toBe('developer/v1/all');
		expect(url.searchParams.get('redirect_uri')).toBe(`${state.n8nUrl}/rest/oauth2-credential/callback`);
		oauthState = url.searchParams.get('state') ?? '';
		expect(oauthState).not.toBe('');
	});

	it('handles the callback as a GET with query parameters', async () => {
		const response = await api.request('/oauth2-credential/callback');
		const page = await response.text();
		// The GET handler runs and reports the missing query parameters on its callback page.
		expect(page).toContain('Insufficient parameters for OAuth2 callback');
	});

	it('does not handle a POST callback with the code in the body (Copper’s documented redirect)', async () => {
		const response = await api.request('/oauth2-credential/callback', {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ code: 'code-from-copper', state: oauthState }).toString(),
		});
		expect(response.status).toBe(404);
		const credential = await api.get(`/credentials/${credentialId}?includeData=true`);
		expect(JSON.stringify(credential.data ?? {})).not.toContain('oauthTokenData');
	});
});
