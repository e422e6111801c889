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

/** The credentials of a service, each shown for its Authentication choice. */
export function serviceCredentials(service: ServiceSpec): INodeCredentialDescription[] {
	return service.credentials.map(({ authentication, name }) => ({
		name,
		required: true,
		displayOptions: { show: { authentication: [authentication] } },
	}));
}

/** The credential type used for a value of the Authentication selector (API key by default). */
export function credentialTypeFor(service: ServiceSpec, authentication: string): string {
	const match = service.credentials.find((credential) => credential.authentication === authentication);
	return (match ?? service.credentials[0]).name;
}
