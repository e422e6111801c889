import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { COPPER_APPLICATION_HEADER } from '../nodes/CopperCrm/applicationHeader';

export class CopperCrmApi implements ICredentialType {
	name = 'copperCrmApi';

	displayName = 'Copper CRM API';

	documentationUrl = 'https://developer.copper.com/introduction/authentication.html';

	icon = { light: 'file:../icons/copper.svg', dark: 'file:../icons/copper.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Generated in Copper under Settings › Integrations › API Keys',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: 'Email address of the Copper user who owns the API key',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.copper.com/developer_api/v1',
			description: 'Change only to reach a proxy or a sandbox',
		},
	];

	/** A function rather than a generic block: n8n calls it directly, without resolving expressions on every request. */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				'X-PW-AccessToken': String(credentials.apiKey ?? ''),
				...COPPER_APPLICATION_HEADER,
				'X-PW-UserEmail': String(credentials.email ?? ''),
				'Content-Type': 'application/json',
			},
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/account',
			method: 'GET',
		},
	};
}
