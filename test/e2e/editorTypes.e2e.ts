/**
 * What a real n8n serves its editor for this package (/types/nodes.json, /types/credentials.json):
 * every Resource and Operation list of the action nodes and their tool variants ends with the
 * package's own Custom API Call, so n8n injected none; the API-key credentials carry a data
 * `authenticate`, which is what the HTTP Request node's credential list asks for ("has:authenticate").
 */
import { N8nApi } from './setup/n8nApi';
import { readState } from './setup/state';

const state = readState();
const PACKAGE = 'n8n-nodes-copper-ocoya';

interface TypeOption {
	name: string;
	value: unknown;
}
interface NodeTypeJson {
	name: string;
	properties: Array<{ name: string; options?: TypeOption[] }>;
}

let cookie = '';

async function types<T>(file: string): Promise<T[]> {
	const response = await fetch(`${state.n8nUrl}/types/${file}`, { headers: { cookie } });
	expect(response.status).toBe(200);
	return (await response.json()) as T[];
}

describe("n8n's editor types for the package", () => {
	beforeAll(async () => {
		const api = new N8nApi(state.n8nUrl);
		await api.login(state.owner.email, state.owner.password);
		cookie = api.sessionCookie;
	});

	it('no injected "Custom API Call": every list of the action nodes and their tools ends with ours', async () => {
		const ours = (await types<NodeTypeJson>('nodes.json')).filter((node) => node.name.startsWith(`${PACKAGE}.`));
		const withLists = ours.filter((node) => node.properties.some((prop) => prop.name === 'operation'));
		expect(withLists.map((node) => node.name).sort()).toEqual(
			[`${PACKAGE}.copperCrm`, `${PACKAGE}.copperCrmTool`, `${PACKAGE}.ocoya`, `${PACKAGE}.ocoyaTool`].sort(),
		);
		expect(JSON.stringify(ours)).not.toContain('__CUSTOM_API_CALL__');
		for (const node of withLists) {
			const lists = node.properties.filter((prop) => ['resource', 'operation'].includes(prop.name) && Array.isArray(prop.options));
			for (const list of lists) expect(list.options!.at(-1)).toEqual(expect.objectContaining({ name: 'Custom API Call', value: 'customApiCall' }));
		}
	});

	it('the API-key credentials carry a generic authenticate, as the HTTP Request node requires', async () => {
		const credentials = await types<{ name: string; authenticate?: { type?: string } }>('credentials.json');
		for (const name of ['copperCrmApi', 'ocoyaApi']) {
			expect(credentials.find((credential) => credential.name === name)?.authenticate?.type).toBe('generic');
		}
	});
});
