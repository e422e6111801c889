/** The Authentication selector and the credential list every node of a service shares. */
import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import type { ServiceSpec } from './service';

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'API Key', value: 'apiKey' },
		{ name: 'OAuth2', value: 'oAuth2' },
	],
	default: 'apiKey',
};

/** The API-key and OAuth2 credentials of a service, each shown for its authentication choice. */
export function serviceCredentials(service: ServiceSpec): INodeCredentialDescription[] {
	return [
		{ name: service.credentialTypes.apiKey, required: true, displayOptions: { show: { authentication: ['apiKey'] } } },
		{ name: service.credentialTypes.oAuth2, required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
	];
}
