/**
 * The package as n8n's community-packages module sees it on the real server: recorded in the
 * database with its five nodes (what Settings › Community Nodes shows), and its node types loaded.
 */
import { N8nApi } from './setup/n8nApi';
import { readState } from './setup/state';

const state = readState();
const NODE_TYPES = ['copperCrm', 'copperCrmPollTrigger', 'copperCrmTrigger', 'ocoya', 'ocoyaTrigger'].map(
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
});
