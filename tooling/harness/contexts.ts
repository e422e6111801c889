/**
 * Contexts that run outside WorkflowExecute, with n8n-core's own classes: poll triggers (PollContext),
 * webhook triggers (HookContext, WebhookContext), loadOptions and listSearch (LoadOptionsContext), and
 * the editor's parameter issues.
 */
import './env';
import { NodeHelpers, Workflow, type ICredentialDataDecryptedObject, type IDataObject, type INode } from 'n8n-workflow';
import { buildAdditionalData, credentialRefs } from './credentials';
import { loadPackage, PACKAGE_NAME, PackageNodeTypes } from './nodeTypes';

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
