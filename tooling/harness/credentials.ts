/**
 * The credentials a test gives, served to n8n-core as its credentials helper would from the database,
 * and the additional data a run carries them in.
 */
import './env';
import type { ExecutionLifecycleHooks, PackageDirectoryLoader } from 'n8n-core';
import {
	ICredentialsHelper,
	type Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

/** Credentials from a map; generic `authenticate` blocks resolved with the workflow's expression engine. */
export class MapCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly loader: PackageDirectoryLoader,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	private type(name: string): ICredentialType | undefined {
		try {
			return this.loader.getCredential(name).type;
		} catch {
			return undefined;
		}
	}

	getParentTypes(name: string): string[] {
		const parents = this.type(name)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const options = requestOptions as IHttpRequestOptions;
		const authenticate = this.type(typeName)?.authenticate;
		if (!authenticate) return options;
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		const resolve = (value: unknown): unknown => {
			if (typeof value !== 'string' || !value.startsWith('=') || !workflow || !node) return value;
			return workflow.expression.getParameterValue(
				value,
				null,
				0,
				0,
				node.name,
				[],
				'internal',
				{ $credentials: credentials },
				undefined,
				false,
			);
		};
		const { headers, qs, auth, body } = authenticate.properties as Record<string, IDataObject | undefined>;
		for (const [key, value] of Object.entries(headers ?? {})) {
			options.headers = { ...(options.headers ?? {}), [key]: resolve(value) as string };
		}
		for (const [key, value] of Object.entries(qs ?? {})) {
			options.qs = { ...(options.qs ?? {}), [key]: resolve(value) as string };
		}
		if (auth) options.auth = { username: resolve(auth.username) as string, password: resolve(auth.password) as string };
		if (body) options.body = { ...((options.body as IDataObject) ?? {}), ...body };
		return options;
	}

	async preAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const found = this.data[type];
		if (!found) throw new Error(`No test credential of type ${type}`);
		return structuredClone(found);
	}

	/**
	 * What n8n stores after an OAuth2 refresh: the credential's new token data replaces the map's
	 * entry (so later reads, and the test, see it), as n8n writes it to its database.
	 */
	async updateCredentials(_nodeCredentials: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.data[type] = { ...this.data[type], oauthTokenData: structuredClone(data.oauthTokenData) };
	}

	async updateCredentialsOauthTokenData(nodeCredentials: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		await this.updateCredentials(nodeCredentials, type, data);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type)?.properties ?? [];
	}
}

export function buildAdditionalData(
	loader: PackageDirectoryLoader,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	const additionalData = {
		credentialsHelper: new MapCredentialsHelper(loader, credentials),
		hooks,
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not used');
		},
	};
	return additionalData as unknown as IWorkflowExecuteAdditionalData;
}

let credentialCounter = 0;

/** The node's references to its credentials; a fresh ID unless one is given. */
export function credentialRefs(names: string[], id?: string): INode['credentials'] {
	const ref = id ?? `credential-${++credentialCounter}`;
	return Object.fromEntries(names.map((name) => [name, { id: ref, name }]));
}
