import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

export class OcoyaApi implements ICredentialType {
	name = 'ocoyaApi';

	displayName = 'Ocoya API';

	documentationUrl = 'https://docs.ocoya.com/authentication';

	icon = { light: 'file:../icons/ocoya.svg', dark: 'file:../icons/ocoya.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Created in Ocoya under Settings › API (shown only once)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://app.ocoya.com/api/_public/v1',
			description: 'Change only to reach a proxy or a sandbox',
		},
	];

	/**
	 * A generic block, so the HTTP Request node lists this credential too. A key pasted with stray
	 * spaces or line breaks is cleaned where n8n resolves the block (it keeps no whitespace at all).
	 */
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { 'X-API-Key': '={{String($credentials.apiKey || "").replace(/\\s+/g, "")}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/me',
			method: 'GET',
		},
	};
}
