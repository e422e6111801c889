/** Runs one node of this package in n8n-core's real WorkflowExecute, as the first node of a workflow. */
import './env';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	Workflow,
	type IConnections,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type IRun,
} from 'n8n-workflow';
import { buildAdditionalData, credentialRefs } from './credentials';
import { loadPackage, PACKAGE_NAME, PackageNodeTypes } from './nodeTypes';

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

/** The node under test, with its credential references and error setting. */
function nodeUnderTest(options: RunNodeOptions): INode {
	return {
		id: 'node-under-test',
		name: 'Node',
		type: `${PACKAGE_NAME}.${options.type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
		credentials: credentialRefs(Object.keys(options.credentials), options.credentialId),
		continueOnFail: options.continueOnFail,
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		...(options.onError ? { onError: options.onError } : {}),
	};
}

/** The execution's starting point: the node on the stack with its input (fed by "Input" when there is one). */
function startingData(node: INode, input: INodeExecutionData[], upstream: INode | undefined) {
	return createRunExecutionData({
		resultData: upstream ? { runData: { Input: [{ startTime: 0, executionTime: 0, executionIndex: 0, source: [], data: { main: [input] } }] } } : undefined,
		executionData: {
			nodeExecutionStack: [{ node, data: { main: [input] }, source: upstream ? { main: [{ previousNode: 'Input' }] } : null }],
		},
	} as never);
}

/** The node's outputs and error read from a finished run. */
function resultOf(result: IRun): RunNodeResult {
	const task = result.data.resultData.runData.Node?.[0];
	const outputs = (task?.data?.main ?? []).map((output) => output ?? []) as INodeExecutionData[][];
	const items = outputs[0] ?? [];
	const error = (result.data.resultData.error ?? task?.error) as RunNodeResult['error'];
	return { items, outputs, error, run: result };
}

/** Runs one node of this package as the first node of a workflow, fed with `items`. */
export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const loader = await loadPackage();
	const nodeTypes = new PackageNodeTypes(loader);
	const node = nodeUnderTest(options);
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
	const execution = new WorkflowExecute(additionalData, 'manual', startingData(node, input, upstream));
	const run = await execution.processRunExecutionData(workflow);
	return resultOf(finished ?? run);
}

/** The node that "produced" the input items (never run: its run data is given), for item pairing. */
function upstreamNode(): INode {
	return { id: 'input-node', name: 'Input', type: `${PACKAGE_NAME}.ocoyaPostTrigger`, typeVersion: 1, position: [-200, 0], parameters: {} };
}
