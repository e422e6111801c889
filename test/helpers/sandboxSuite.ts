/**
 * One sandbox per test suite, run through the real engine: started before the suite, closed
 * after it, its request log and faults cleared before each test. `run` executes the service's
 * node with fast retries and the sandbox's API-key (or OAuth2) credential.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runNode, type RunNodeResult } from '../../tooling/harness/engine';

/** Fast retries so that fault tests take milliseconds, not minutes. */
export const FAST_RETRIES = { maxRetries: 4, initialDelayMs: 20, maxWaitSeconds: 10, timeoutMs: 2000 };

export interface RunOptions {
	items?: IDataObject[];
	/** Complete input items (with binary data); replaces `items`. */
	inputItems?: INodeExecutionData[];
	continueOnFail?: boolean;
	oauth?: boolean;
	/** Overrides of the API-key credential's fields. */
	credentials?: IDataObject;
	/** n8n ID of the credential: runs with the same ID share rate-limit state (default: a fresh ID per run). */
	credentialId?: string;
}

export interface SandboxSuite<S> {
	sandbox: S;
	run(parameters: IDataObject, options?: RunOptions): Promise<RunNodeResult>;
}

interface SuiteSandbox {
	close(): Promise<void>;
	clearRequests(): void;
	clearFaults(): void;
}

export function useSandboxSuite<S extends SuiteSandbox>(
	nodeType: string,
	start: () => Promise<S>,
	credentialsFor: (sandbox: S, options: RunOptions) => Record<string, IDataObject>,
): SandboxSuite<S> {
	const suite = {} as SandboxSuite<S>;
	beforeAll(async () => {
		suite.sandbox = await start();
		suite.run = async (parameters, options = {}) =>
			await runNode({
				type: nodeType,
				parameters: { authentication: options.oauth ? 'oAuth2' : 'apiKey', requestOptions: FAST_RETRIES, ...parameters },
				credentials: credentialsFor(suite.sandbox, options) as never,
				items: options.items,
				inputItems: options.inputItems,
				continueOnFail: options.continueOnFail,
				credentialId: options.credentialId,
			});
	});
	afterAll(async () => {
		await suite.sandbox?.close();
	});
	beforeEach(() => {
		suite.sandbox?.clearRequests();
		suite.sandbox?.clearFaults();
	});
	return suite;
}
