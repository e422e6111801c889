/**
 * The API-key credentials authenticate with a generic (data) block, which is what makes n8n offer them
 * in the HTTP Request node; values pasted with stray spaces or line breaks still authenticate, in the
 * node and in the credential test.
 */
import { CopperCrmApi } from '../../credentials/CopperCrmApi.credentials';
import { OcoyaApi } from '../../credentials/OcoyaApi.credentials';
import { runCredentialTest } from '../helpers/credentialTest';
import { API_KEY, EMAIL, useCopperSandbox } from '../helpers/copper';
import { OCOYA_KEY, useOcoyaSandbox } from '../helpers/ocoya';

describe('API-key credentials usable by the HTTP Request node', () => {
	it.each([
		['copperCrmApi', new CopperCrmApi()],
		['ocoyaApi', new OcoyaApi()],
	])('%s authenticates with a generic block, not a function', (_name, credential) => {
		expect(typeof credential.authenticate).toBe('object');
		expect(credential.authenticate).toMatchObject({ type: 'generic' });
	});

	describe('Copper, pasted values', () => {
		const h = useCopperSandbox();
		const pasted = { apiKey: ` ${API_KEY}\r\n`, email: `\t${EMAIL} \n` };

		it('cleans the key and email in the node', async () => {
			const result = await h.run({ resource: 'accountAndUsers', operation: 'getAccount' }, { credentials: pasted });
			expect(result.error).toBeUndefined();
			const [request] = h.sandbox.requests;
			expect(request.headers['x-pw-accesstoken']).toBe(API_KEY);
			expect(request.headers['x-pw-useremail']).toBe(EMAIL);
		});

		it('cleans them in the credential test', async () => {
			const test = await runCredentialTest('copperCrmApi', { ...pasted, baseUrl: h.sandbox.url });
			expect(test.status).toBe(200);
		});
	});

	describe('Ocoya, pasted key', () => {
		const h = useOcoyaSandbox();

		it('cleans the key in the node and in the credential test', async () => {
			const pastedKey = `${OCOYA_KEY}\n`;
			const result = await h.run({ resource: 'user', operation: 'me' }, { credentials: { apiKey: pastedKey } });
			expect(result.error).toBeUndefined();
			expect(h.sandbox.requests[0].headers['x-api-key']).toBe(OCOYA_KEY);
			const test = await runCredentialTest('ocoyaApi', { apiKey: ` ${pastedKey}`, baseUrl: h.sandbox.url });
			expect(test.status).toBe(200);
		});
	});
});
