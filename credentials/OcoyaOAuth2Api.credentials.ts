import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Ocoya does not publish OAuth2 endpoints for its REST API; the defaults below
 * are the most plausible ones and can be edited.
 */
export class OcoyaOAuth2Api implements ICredentialType {
	name = 'ocoyaOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Ocoya OAuth2 API';

	documentationUrl = 'https://docs.ocoya.com/authentication';

	icon = { light: 'file:../icons/ocoya.svg', dark: 'file:../icons/ocoya.dark.svg' } as const;

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'string',
			default: 'https://app.ocoya.com/oauth/authorize',
			required: true,
			hint: 'Ocoya does not publish this URL; use the one Ocoya gave you with your client ID',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: 'https://app.ocoya.com/oauth/token',
			required: true,
			hint: 'Ocoya does not publish this URL; use the one Ocoya gave you with your client ID',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: 'workspace:read social_profiles:read posts:read posts:write',
		},
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Body', value: 'body', description: 'Send client ID and secret in the body' },
				{ name: 'Header', value: 'header', description: 'Send client ID and secret as Basic Auth header' },
			],
			default: 'header',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://app.ocoya.com/api/_public/v1',
			description: 'Change only to reach a proxy or a sandbox',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/me',
			method: 'GET',
		},
	};
}
