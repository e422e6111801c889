/**
 * The package as the real n8n server sees it: recorded by its community-packages module with its
 * five nodes (what Settings › Community Nodes shows), and its API-key credentials tested by n8n's own
 * credential test (the credentials authenticate with a generic block, which n8n resolves itself).
 */
import { N8nApi } from './setup/n8nApi';
import { readState } from './setup/state';

const state = readState();
const NODE_TYPES = ['copperCrm', 'copperCrmPollTrigger', 'copperCrmWebhookTrigger', 'ocoya', 'ocoyaPostTrigger'].map(
	(name) => `n8n-nodes-copper-ocoya.${name}`,
);

describe('community package in n8n', () => {
	const api = new N8nApi(state.n8nUrl);
	beforeAll(async () => {
		await api.login(state.owner.email, state.owner.password);
	});

	it('is listed as an installed community package with its nodes', async () => {
		const packages = (await api.get('/community-packages')) as Array<{
			packageName: string;
			installedVersion: string;
			installedNodes: Array<{ name: string; type: string; latestVersion: number }>;
		}>;
		const ours = packages.find((entry) => entry.packageName === 'n8n-nodes-copper-ocoya');
		expect(ours).toBeDefined();
		expect(ours!.installedVersion).toBe(require('../../package.json').version);
		expect(ours!.installedNodes.map((node) => node.type).sort()).toEqual(NODE_TYPES);
		expect(ours!.installedNodes.find((node) => node.type.endsWith('.copperCrm'))?.name).toBe('Copper CRM');
	});

	// n8n 1.x tests only a stored credential (403 otherwise), with the data sent: the imported one's id.
	const STORED_IDS: Record<string, string> = { copperCrmApi: 'copperSandbox001', ocoyaApi: 'ocoyaSandbox0001' };
	const testCredential = async (type: string, data: Record<string, string>) => {
		const id = state.n8nLine === '1' ? STORED_IDS[type] : '';
		const response = await api.request('/credentials/test', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ credentials: { id, name: `${type} (e2e test)`, type, data } }),
		});
		expect(response.status).toBe(200);
		return ((await response.json()) as { data: { status: string; message: string } }).data;
	};

	it("passes n8n's credential test for the Copper API key, and fails it for a wrong key", async () => {
		const data = { apiKey: state.copper.apiKey, email: state.copper.email, baseUrl: state.copper.url };
		expect(await testCredential('copperCrmApi', data)).toMatchObject({ status: 'OK' });
		const wrong = await testCredential('copperCrmApi', { ...data, apiKey: 'not-the-key' });
		expect(wrong.status).toBe('Error');
		expect(wrong.message).not.toContain('not-the-key');
	});

	it("passes n8n's credential test for the Ocoya API key, and fails it for a wrong key", async () => {
		const data = { apiKey: state.ocoya.apiKey, baseUrl: state.ocoya.url };
		expect(await testCredential('ocoyaApi', data)).toMatchObject({ status: 'OK' });
		const wrong = await testCredential('ocoyaApi', { ...data, apiKey: 'not-the-key' });
		expect(wrong.status).toBe('Error');
		expect(wrong.message).not.toContain('not-the-key');
	});
});
