/**
 * Runs this package's nodes in n8n-core's real WorkflowExecute, with node and
 * credential types loaded from the built package by n8n's PackageDirectoryLoader,
 * exactly as an n8n instance loads a community package.
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-user-'));
process.env.N8N_LOG_LEVEL ??= 'silent';

import {
	ExecutionLifecycleHooks,
	PackageDirectoryLoader,
	WorkflowExecute,
} from 'n8n-core';
import {
	createRunExecutionData,
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type IConnections,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type IDataObject,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
	type IRequestOptionsSimplified,
	type ICredentialType,
} from 'n8n-workflow';

export const PACKAGE_ROOT = resolve(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-copper-ocoya';

let loaderPromise: Promise<PackageDirectoryLoader> | undefined;

/** Loads dist/ through n8n's community-package loader (requires `npm run build` first). */
export async function loadPackage(): Promise<PackageDirectoryLoader> {
	loaderPromise ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
		await loader.loadAll();
		return loader;
	})();
	return await loaderPromise;
}

const toolVariants = new Map<string, INodeType>();

/**
 * A node's AI tool variant as n8n makes it for a node marked usableAsTool: the same node type whose
 * description's name ends in `Tool` (what `@tool` in displayOptions and the nodes read). Its main
 * input and output stay, so that WorkflowExecute runs it on the test's items as n8n runs a tool call.
 */
function toolVariant(base: INodeType): INodeType {
	const name = `${base.description.name}Tool`;
	if (!toolVariants.has(name)) {
		const description = { ...base.description, name, displayName: `${base.description.displayName} Tool` };
		toolVariants.set(name, Object.create(base, { description: { value: description } }) as INodeType);
	}
	return toolVariants.get(name)!;
}

class PackageNodeTypes implements INodeTypes {
	constructor(private readonly loader: PackageDirectoryLoader) {}

	getByName(type: string): INodeType | IVersionedNodeType {
		const name = type.replace(`${PACKAGE_NAME}.`, '');
		// `…Tool`: the tool variant n8n builds from a usableAsTool node (this package ships no node named so).
		if (name.endsWith('Tool')) return toolVariant(this.loader.getNode(name.slice(0, -'Tool'.length)).type as INodeType);
		return this.loader.getNode(name).type;
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

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

export interface RunNodeOptions {
	/** Node type name without the package prefix, e.g. 'copperCrm'. */
	type: string;
	parameters: IDataObject;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	items?: IDataObject[];
	/** Complete input items (with binary data); replaces `items`. */
	inputItems?: INodeExecutionData[];
	continueOnFail?: boolean;
	/**
	 * n8n's "On Error" setting (overrides continueOnFail). With it, the input items come from an
	 * upstream node ("Input") that already ran, so n8n can pair error-output items to their input.
	 */
	onError?: 'continueErrorOutput' | 'continueRegularOutput' | 'stopWorkflow';
	timezone?: string;
	/**
	 * n8n ID of the credentials. The nodes share rate-limit state between executions that use the same
	 * credential ID; by default every run gets its own, as if each test had its own credential.
	 */
	credentialId?: string;
}

export interface RunNodeResult {
	/** Items of the first output. */
	items: INodeExecutionData[];
	/** Items of every output (the error output last, with onError 'continueErrorOutput'). */
	outputs: INodeExecutionData[][];
	/** The execution error, when the node failed. */
	error?: Error & { description?: string; httpCode?: string; context?: IDataObject };
	run: IRun;
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
function credentialRefs(names: string[], id?: string): INode['credentials'] {
	const ref = id ?? `credential-${++credentialCounter}`;
	return Object.fromEntries(names.map((name) => [name, { id: ref, name }]));
}

/** Runs one node of this package as the first node of a workflow, fed with `items`. */
export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const loader = await loadPackage();
	const nodeTypes = new PackageNodeTypes(loader);
	const credentialNames = Object.keys(options.credentials);
	const node: INode = {
		id: 'node-under-test',
		name: 'Node',
		type: `${PACKAGE_NAME}.${options.type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
		credentials: credentialRefs(credentialNames, options.credentialId),
		continueOnFail: options.continueOnFail,
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		...(options.onError ? { onError: options.onError } : {}),
	};
	const upstream = options.onError ? upstreamNode() : undefined;
	const nodes = upstream ? [upstream, node] : [node];
	const connections: IConnections = upstream ? { Input: { main: [[{ node: 'Node', type: 'main', index: 0 }]] } } : {};
	const workflowData = {
		id: 'test-workflow',
		name: 'Test',
		active: false,
		nodes,
		connections,
		settings: { timezone: options.timezone ?? 'UTC' },
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	};
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes,
		connections,
		active: false,
		nodeTypes,
		staticData: {},
		settings: workflowData.settings,
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', workflowData as never);
	let finished: IRun | undefined;
	hooks.addHandler('workflowExecuteAfter', (run) => {
		finished = run;
	});
	const additionalData = buildAdditionalData(loader, options.credentials, hooks);
	const input: INodeExecutionData[] = options.inputItems ?? (options.items ?? [{}]).map((json) => ({ json }));
	const runExecutionData = createRunExecutionData({
		resultData: upstream ? { runData: { Input: [{ startTime: 0, executionTime: 0, executionIndex: 0, source: [], data: { main: [input] } }] } } : undefined,
		executionData: {
			nodeExecutionStack: [{ node, data: { main: [input] }, source: upstream ? { main: [{ previousNode: 'Input' }] } : null }],
		},
	} as never);
	const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	const run = await execution.processRunExecutionData(workflow);
	const result = finished ?? run;
	const task = result.data.resultData.runData.Node?.[0];
	const outputs = (task?.data?.main ?? []).map((output) => output ?? []) as INodeExecutionData[][];
	const items = outputs[0] ?? [];
	const error = (result.data.resultData.error ?? task?.error) as RunNodeResult['error'];
	return { items, outputs, error, run: result };
}

/** The node that "produced" the input items (never run: its run data is given), for item pairing. */
function upstreamNode(): INode {
	return { id: 'input-node', name: 'Input', type: `${PACKAGE_NAME}.ocoyaPostTrigger`, typeVersion: 1, position: [-200, 0], parameters: {} };
}

/** A workflow holding one node of this package, for contexts that run outside WorkflowExecute. */
export async function singleNodeWorkflow(type: string, parameters: IDataObject, credentials: Record<string, ICredentialDataDecryptedObject>) {
	const loader = await loadPackage();
	const node: INode = {
		id: 'node-under-test',
		name: 'Node',
		type: `${PACKAGE_NAME}.${type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: credentialRefs(Object.keys(credentials)),
	};
	const workflow = new Workflow({
		id: 'poll-workflow',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: new PackageNodeTypes(loader),
		staticData: {},
		settings: { timezone: 'UTC' },
	});
	const nodeType = new PackageNodeTypes(loader).getByNameAndVersion(node.type, 1);
	return { loader, node, workflow, nodeType, additionalData: buildAdditionalData(loader, credentials) };
}

/**
 * A poll trigger as n8n runs it once activated: the same workflow (and so the same
 * static data) across polls, in 'trigger' mode; `manual` runs it like the editor's test.
 */
export async function pollTrigger(type: string, parameters: IDataObject, credentials: Record<string, ICredentialDataDecryptedObject>) {
	const { PollContext } = await import('n8n-core');
	const { workflow, node, nodeType, additionalData } = await singleNodeWorkflow(type, parameters, credentials);
	const poll = async (mode: 'trigger' | 'manual' = 'trigger') => {
		const context = new PollContext(workflow, node, additionalData, mode, mode === 'manual' ? 'manual' : 'activate');
		const result = await nodeType.poll!.call(context);
		return (result?.[0] ?? []).map((item) => item.json);
	};
	return { poll, staticData: () => workflow.staticData };
}

/** Runs a node's loadOptions method as the editor does. */
export async function loadOptionsOf(
	type: string,
	method: string,
	parameters: IDataObject,
	credentials: Record<string, ICredentialDataDecryptedObject>,
) {
	const { LoadOptionsContext } = await import('n8n-core');
	const { workflow, node, nodeType, additionalData } = await singleNodeWorkflow(type, parameters, credentials);
	additionalData.currentNodeParameters = parameters as INode['parameters'];
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	return await nodeType.methods!.loadOptions![method].call(context);
}

export interface WebhookCall {
	/** HTTP status the node answered with (200 unless it set one). */
	status: number;
	/** Items the workflow would start with; undefined when no execution starts. */
	items?: IDataObject[];
}

/**
 * A webhook trigger as n8n runs it: the subscription lifecycle through n8n-core's
 * HookContext (checkExists / create / delete) and deliveries through its WebhookContext,
 * sharing one workflow (and so its static data). `webhookBaseUrl` is where n8n would listen.
 */
export async function webhookTrigger(
	type: string,
	parameters: IDataObject,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	webhookBaseUrl: string,
	options: { isTest?: boolean } = {},
) {
	const { HookContext, WebhookContext } = await import('n8n-core');
	const { workflow, node, nodeType, additionalData } = await singleNodeWorkflow(type, parameters, credentials);
	node.webhookId = 'copper-trigger-test';
	additionalData.webhookBaseUrl = webhookBaseUrl;
	additionalData.webhookTestBaseUrl = `${webhookBaseUrl}-test`;
	const description = nodeType.description.webhooks![0];
	const webhookData = {
		httpMethod: description.httpMethod as 'POST',
		node: node.name,
		path: 'webhook',
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		isTest: options.isTest,
	} as never;
	const mode = options.isTest ? 'manual' : 'trigger';
	const hook = (name: 'checkExists' | 'create' | 'delete') => async () =>
		await nodeType.webhookMethods!.default![name]!.call(new HookContext(workflow, node, additionalData, mode, options.isTest ? 'manual' : 'activate', webhookData));
	const deliver = async (body: IDataObject, headers: IDataObject): Promise<WebhookCall> => {
		let status = 200;
		const response = {
			status(code: number) {
				status = code;
				return response;
			},
			json: () => response,
			send: () => response,
			end: () => response,
		};
		const data = { ...additionalData, httpRequest: { body, headers, query: {}, params: {} }, httpResponse: response } as never;
		const context = new WebhookContext(workflow, node, data, mode, webhookData, [], null);
		const result = await nodeType.webhook!.call(context);
		const items = result.workflowData?.[0]?.map((item) => item.json);
		return { status, items };
	};
	const webhookUrl = () => NodeHelpers.getNodeWebhookUrl(webhookBaseUrl, workflow.id, node, 'webhook', false);
	return {
		checkExists: hook('checkExists'),
		create: hook('create'),
		delete: hook('delete'),
		deliver,
		webhookUrl,
		staticData: () => workflow.staticData,
	};
}

/** Runs a node's listSearch method (record pickers) as the editor does, with n8n-core's LoadOptionsContext. */
export async function listSearchOf(
	type: string,
	method: string,
	parameters: IDataObject,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	filter?: string,
	paginationToken?: string,
) {
	const { LoadOptionsContext } = await import('n8n-core');
	const { workflow, node, nodeType, additionalData } = await singleNodeWorkflow(type, parameters, credentials);
	additionalData.currentNodeParameters = parameters as INode['parameters'];
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	return await nodeType.methods!.listSearch![method].call(context, filter, paginationToken);
}

/** The major version of the n8n-workflow the suites run on (2, or 1 under `npm run test:engine:1x`). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const ENGINE_MAJOR = Number((require('n8n-workflow/package.json') as { version: string }).version.split('.')[0]);

/**
 * The parameter issues n8n's editor shows for a node of this package (NodeHelpers.getNodeParametersIssues,
 * the check that keeps a workflow with issues from starting).
 */
export async function parameterIssues(type: string, parameters: IDataObject): Promise<string[]> {
	const loader = await loadPackage();
	const nodeType = NodeHelpers.getVersionedNodeType(loader.getNode(type).type);
	const node: INode = {
		id: 'issues',
		name: 'Node',
		type: `${PACKAGE_NAME}.${type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
	};
	const resolved = NodeHelpers.getNodeParameters(nodeType.description.properties, node.parameters, true, false, node, nodeType.description);
	const issues = NodeHelpers.getNodeParametersIssues(nodeType.description.properties, { ...node, parameters: resolved ?? {} }, nodeType.description);
	return Object.values(issues?.parameters ?? {}).flat();
}
