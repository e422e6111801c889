import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

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

	/** A function rather than a generic block: n8n calls it directly, without resolving expressions on every request. */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return { ...requestOptions, headers: { ...requestOptions.headers, 'X-API-Key': String(credentials.apiKey ?? '') } };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/me',
			method: 'GET',
		},
	};
}
