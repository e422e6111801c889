/**
 * Expired OAuth2 tokens and hostile redirects in the real n8n server:
 *  - an Ocoya OAuth2 credential is connected through n8n's own OAuth2 flow (authorization URL →
 *    the sandbox's authorize endpoint → n8n's callback → n8n exchanges the code at the sandbox's
 *    token endpoint and stores the token); a workflow (Webhook → Ocoya "Get Me") runs with it;
 *    the sandbox then expires every token: the next run still succeeds, n8n having refreshed the
 *    token once, and the run after that uses the token n8n stored, with no refresh and no 401;
 *  - a Copper API-key credential whose Base URL answers with a 302 to another origin: the run fails
 *    with an error naming the target, and the other origin receives no request at all.
 * Sandbox control over HTTP: `/__sandbox/oauth` (tooling/sandbox/oauth.ts), `/__sandbox/requests`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { N8nApi, waitFor } from './setup/n8nApi';
import { readState } from './setup/state';

const state = readState();
const ocoyaOrigin = new URL(state.ocoya.url).origin;
const created = { workflows: [] as string[], credentials: [] as string[] };

async function oauthControl(body?: object): Promise<{ refreshes: number; tokenCalls: number }> {
	const res = await fetch(`${ocoyaOrigin}/__sandbox/oauth`, {
		method: body ? 'POST' : 'GET',
		headers: { 'Content-Type': 'application/json' },
		body: body ? JSON.stringify(body) : undefined,
	});
	expect(res.status).toBe(200);
	return (await res.json()) as { refreshes: number; tokenCalls: number };
}

async function meRequests(): Promise<number[]> {
	const res = await fetch(`${ocoyaOrigin}/__sandbox/requests`);
	const log = (await res.json()) as Array<{ path: string; status: number }>;
	return log.filter((r) => r.path === '/me').map((r) => r.status);
}

async function createCredential(api: N8nApi, name: string, type: string, data: object): Promise<string> {
	const res = await api.request('/credentials', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, type, data }) });
	expect(`${res.status} ${res.status === 200 ? '' : await res.text()}`).toBe('200 ');
	const id = ((await res.json()) as { data: { id: string } }).data.id;
	created.credentials.push(id);
	return id;
}

/** Creates and activates a workflow Webhook (GET /webhook/<path>, answers with the last node's output) → `node`. */
async function webhookWorkflow(api: N8nApi, path: string, node: object): Promise<string> {
	const nodes = [
		{ parameters: { path, responseMode: 'lastNode', options: {} }, id: `${path}-hook`, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: path },
		{ id: `${path}-node`, name: 'Call', typeVersion: 1, position: [220, 0], ...node },
	];
	const connections = { Webhook: { main: [[{ node: 'Call', type: 'main', index: 0 }]] } };
	const res = await api.request('/workflows', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ name: `e2e: ${path}`, nodes, connections, settings: {}, active: false }),
	});
	expect(`${res.status} ${res.status === 200 ? '' : await res.text()}`).toBe('200 ');
	const { id, versionId } = ((await res.json()) as { data: { id: string; versionId: string } }).data;
	created.workflows.push(id);
	const activated = await api.request(`/workflows/${id}/activate`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ versionId }) });
	expect(`${activated.status} ${activated.status === 200 ? '' : await activated.text()}`).toBe('200 ');
	return id;
}

const callWebhook = async (path: string) =>
	await waitFor(`webhook ${path}`, async () => {
		const res = await fetch(`${state.n8nUrl}/webhook/${path}`);
		return res.status === 404 ? undefined : { status: res.status, body: await res.text() };
	});

describe('hostile transport in the real n8n', () => {
	const api = new N8nApi(state.n8nUrl);

	beforeAll(async () => {
		await api.login(state.owner.email, state.owner.password);
	});

	afterAll(async () => {
		for (const id of created.workflows) {
			await api.request(`/workflows/${id}/deactivate`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
			await api.request(`/workflows/${id}/archive`, { method: 'POST' });
			await api.request(`/workflows/${id}`, { method: 'DELETE' });
		}
		for (const id of created.credentials) await api.request(`/credentials/${id}`, { method: 'DELETE' });
	});

	it('an OAuth2 token the server expires is refreshed once by n8n, stored, and the workflow still runs', async () => {
		await oauthControl({ reset: true });
		const credentialId = await createCredential(api, 'Ocoya OAuth2 (e2e refresh)', 'ocoyaOAuth2Api', {
			grantType: 'authorizationCode',
			clientId: 'sandbox-client',
			clientSecret: 'sandbox-client-secret',
			authUrl: `${ocoyaOrigin}/oauth/authorize`,
			accessTokenUrl: `${ocoyaOrigin}/oauth/token`,
			scope: 'posts:read',
			authentication: 'header',
			baseUrl: state.ocoya.url,
		});
		// Connect through n8n's own OAuth2 flow: n8n exchanges the code and stores the token.
		const auth = await api.request(`/oauth2-credential/auth?id=${credentialId}`);
		expect(auth.status).toBe(200);
		const authorizeUrl = ((await auth.json()) as { data: string }).data;
		const consent = await fetch(authorizeUrl, { redirect: 'manual' });
		const callback = new URL(consent.headers.get('location') ?? '');
		const connected = await api.request(`/oauth2-credential/callback${callback.search}`);
		expect(connected.status).toBe(200);
		expect((await oauthControl()).tokenCalls).toBe(1);

		await webhookWorkflow(api, 'e2e-oauth-refresh', {
			type: 'n8n-nodes-copper-ocoya.ocoya',
			parameters: { authentication: 'oAuth2', resource: 'user', operation: 'me' },
			credentials: { ocoyaOAuth2Api: { id: credentialId, name: 'Ocoya OAuth2 (e2e refresh)' } },
		});
		const first = await callWebhook('e2e-oauth-refresh');
		expect(first.status).toBe(200);
		expect((await oauthControl()).refreshes).toBe(0);

		await oauthControl({ expire: true });
		const before = (await meRequests()).length;
		const afterExpiry = await callWebhook('e2e-oauth-refresh');
		expect(`${afterExpiry.status} ${afterExpiry.body.slice(0, 300)}`).toMatch(/^200 /);
		expect((await oauthControl()).refreshes).toBe(1);
		const expiredRun = (await meRequests()).slice(before);
		expect(expiredRun[0]).toBe(401);
		expect(expiredRun.at(-1)).toBe(200);

		// The next run uses the token n8n stored: no 401, no refresh.
		const stored = (await meRequests()).length;
		expect((await callWebhook('e2e-oauth-refresh')).status).toBe(200);
		expect((await meRequests()).slice(stored)).toEqual([200]);
		expect((await oauthControl()).refreshes).toBe(1);
	});

	it('a redirect to another origin is refused with an error naming it; the other origin receives nothing', async () => {
		const foreignHits: string[] = [];
		const foreign = http.createServer((req, res) => {
			foreignHits.push(`${req.method} ${req.url} ${JSON.stringify(req.headers)}`);
			res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"id":1,"name":"foreign"}');
		});
		await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
		const foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
		const redirecting = http.createServer((req, res) => res.writeHead(302, { Location: `${foreignUrl}${req.url}` }).end());
		await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
		try {
			const credentialId = await createCredential(api, 'Copper redirected (e2e)', 'copperCrmApi', {
				apiKey: 'e2e-redirect-key',
				email: 'owner@sandbox.test',
				baseUrl: `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/developer_api/v1`,
			});
			const workflowId = await webhookWorkflow(api, 'e2e-redirect', {
				type: 'n8n-nodes-copper-ocoya.copperCrm',
				parameters: { authentication: 'apiKey', resource: 'accountAndUsers', operation: 'getAccount' },
				credentials: { copperCrmApi: { id: credentialId, name: 'Copper redirected (e2e)' } },
			});
			const answer = await callWebhook('e2e-redirect');
			expect(answer.status).toBe(500);
			expect(foreignHits).toEqual([]);
			const [latest] = await waitFor('the failed execution', async () => {
				const runs = await api.executions(workflowId);
				return runs.length && runs[0].status === 'error' ? runs : undefined;
			});
			const execution = await api.execution(latest.id);
			const message = String(execution.data.resultData.error?.message ?? '');
			expect(message).toContain(`redirected the request to ${foreignUrl}/developer_api/v1/account`);
			expect(message).toContain('refused');
			expect(JSON.stringify(execution.data)).not.toContain('e2e-redirect-key');
		} finally {
			foreign.closeAllConnections();
			redirecting.closeAllConnections();
			await new Promise((resolve) => foreign.close(resolve));
			await new Promise((resolve) => redirecting.close(resolve));
		}
	});
});
