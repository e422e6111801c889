/** What globalSetup hands to the e2e test files (they run in their own module registry). */
import * as fs from 'fs';
import * as path from 'path';

/** One folder per n8n line (N8N_LINE): `e2e` for the default line 2, `e2e-1x` for line 1. */
const SUFFIX = process.env.N8N_LINE && process.env.N8N_LINE !== '2' ? `-${process.env.N8N_LINE}x` : '';
export const E2E_DIR = path.resolve(__dirname, '..', '..', '..', '.n8n-local', `e2e${SUFFIX}`);
export const STATE_FILE = path.join(E2E_DIR, 'state.json');
export const ARTIFACTS_DIR = path.resolve(__dirname, '..', '..', '..', '.artifacts', `e2e${SUFFIX}`);

export interface ExecutionRecord {
	ok: boolean;
	ms: number;
	/** `n8n execute --rawOutput` result (an IRun) when ok. */
	result?: any;
	error?: string;
}

export interface E2eState {
	/** The n8n line under test ('2' or '1') and its server version. */
	n8nLine: string;
	n8nVersion: string;
	n8nUrl: string;
	owner: { email: string; password: string };
	copper: { url: string; apiKey: string; email: string };
	ocoya: { url: string; apiKey: string };
	/** workflow id -> headless execution */
	executions: Record<string, ExecutionRecord>;
	/** Ids of the examples published and served instead of executed (the MCP Server Trigger one). */
	served?: string[];
	/** The MCP Server example's endpoint and bearer token. */
	mcp?: { url: string; token: string };
	/** Set when nodes/CopperCrm/CopperCrmWebhookTrigger.node.ts exists and its workflow was published. */
	trigger?: { workflowId: string; webhookUrl: string };
	timings: Record<string, number>;
}

export function readState(): E2eState {
	return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) as E2eState;
}

/** The items a node output in an `n8n execute --rawOutput` result. */
export function nodeItems(run: any, nodeName: string): Array<Record<string, any>> {
	const runs = run?.data?.resultData?.runData?.[nodeName];
	if (!runs) throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(run?.data?.resultData?.runData ?? {}).join(', ')}`);
	const last = runs[runs.length - 1];
	if (last.error) throw new Error(`node "${nodeName}" failed: ${JSON.stringify(last.error).slice(0, 2000)}`);
	return ((last.data?.main?.[0] ?? []) as Array<{ json: Record<string, any> }>).map((i) => i.json);
}
