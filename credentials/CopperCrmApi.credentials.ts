import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

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

	/**
	 * A generic block, so the HTTP Request node lists this credential too. Keys and emails pasted with
	 * stray spaces or line breaks are cleaned where n8n resolves the block: the key keeps no whitespace
	 * at all, the email is trimmed.
	 */
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-PW-AccessToken': '={{String($credentials.apiKey || "").replace(/\\s+/g, "")}}',
				...COPPER_APPLICATION_HEADER,
				'X-PW-UserEmail': '={{String($credentials.email || "").trim()}}',
				'Content-Type': 'application/json',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/account',
			method: 'GET',
		},
	};
}
