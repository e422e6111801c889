import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { COPPER_APPLICATION_HEADER } from '../nodes/CopperCrm/applicationHeader';

export class CopperCrmOAuth2Api implements ICredentialType {
	name = 'copperCrmOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Copper CRM OAuth2 API';

	documentationUrl = 'https://developer.copper.com/introduction/oauth/index.html';

	icon = { light: 'file:../icons/copper.svg', dark: 'file:../icons/copper.dark.svg' } as const;

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: 'https://app.copper.com/oauth/authorize',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: 'https://app.copper.com/oauth/token',
		},
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: 'developer/v1/all' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.copper.com/developer_api/v1',
			description: 'Change only to reach a proxy or a sandbox',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/account',
			method: 'GET',
			headers: { ...COPPER_APPLICATION_HEADER },
		},
	};
}
