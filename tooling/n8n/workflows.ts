/**
 * What a local n8n is given through its CLI: the credentials (pointing at the sandboxes or the real
 * APIs), the example workflows (imported, published) and single workflow runs.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { LOCAL_DIR, REPO_ROOT, type Runtime } from './n8n-install';
import { log } from './processes';

export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
export const CREDENTIAL_IDS = { copper: 'copperSandbox001', ocoya: 'ocoyaSandbox0001' } as const;
export const CREDENTIAL_NAMES = { copper: 'Copper CRM account', ocoya: 'Ocoya account' } as const;
export const OWNER = { email: 'owner@copper-ocoya.local', password: 'Sandbox-Demo-1', firstName: 'Demo', lastName: 'Owner' } as const;

/**
 * The MCP Server Trigger example (examples/mcp-copper-ocoya-tools.json): its path under n8n's /mcp/
 * endpoint and the bearer credential it checks. The demo token only guards a server on 127.0.0.1;
 * `npm start` takes another one from N8N_MCP_TOKEN.
 */
export const MCP = {
	path: 'copper-ocoya',
	credentialId: 'mcpBearerToken01',
	credentialName: 'MCP Server bearer token',
	demoToken: 'copper-ocoya-mcp-demo-token',
} as const;

export function mcpUrl(n8nUrl: string): string {
	return `${n8nUrl.replace(/\/$/, '')}/mcp/${MCP.path}`;
}

export interface CredentialTargets {
	copper: { apiKey: string; email: string; baseUrl: string };
	ocoya: { apiKey: string; baseUrl: string };
	/** Bearer token of the MCP Server Trigger example (MCP.demoToken when unset). */
	mcpToken?: string;
}

export function credentialsJson(t: CredentialTargets): unknown[] {
	return [
		{ id: CREDENTIAL_IDS.copper, name: CREDENTIAL_NAMES.copper, type: 'copperCrmApi', data: { ...t.copper } },
		{ id: CREDENTIAL_IDS.ocoya, name: CREDENTIAL_NAMES.ocoya, type: 'ocoyaApi', data: { ...t.ocoya } },
		{ id: MCP.credentialId, name: MCP.credentialName, type: 'httpBearerAuth', data: { token: t.mcpToken ?? MCP.demoToken } },
	];
}

/** Runs an n8n CLI command to completion; returns stdout. */
export function n8nCli(rt: Runtime, env: NodeJS.ProcessEnv, args: string[], timeoutMs = 180_000): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(rt.nodeBin, [rt.n8nBin, ...args], { env, cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`n8n ${args.join(' ')} timed out after ${timeoutMs} ms\n${stdout}\n${stderr}`));
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			if (code === 0) resolve(stdout);
			else reject(Object.assign(new Error(`n8n ${args.join(' ')} exited ${code}\n${stdout}\n${stderr}`), { stdout, stderr, code }));
		});
	});
}

export async function importCredentials(rt: Runtime, env: NodeJS.ProcessEnv, userFolder: string, t: CredentialTargets): Promise<void> {
	const file = path.join(userFolder, 'credentials.import.json');
	fs.writeFileSync(file, JSON.stringify(credentialsJson(t), null, 2), { mode: 0o600 });
	try {
		await n8nCli(rt, env, ['import:credentials', `--input=${file}`]);
	} finally {
		fs.rmSync(file, { force: true });
	}
	log(`imported credentials "${CREDENTIAL_NAMES.copper}" -> ${t.copper.baseUrl} and "${CREDENTIAL_NAMES.ocoya}" -> ${t.ocoya.baseUrl}`);
}

export function exampleFiles(): string[] {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => path.join(EXAMPLES_DIR, f));
}

export async function importWorkflows(rt: Runtime, env: NodeJS.ProcessEnv, files: string[] = exampleFiles()): Promise<void> {
	// One CLI run for all files (each n8n CLI start costs seconds): copied into a folder of their own
	// and imported with --separate.
	const dir = fs.mkdtempSync(path.join(LOCAL_DIR, 'import-'));
	try {
		for (const file of files) fs.copyFileSync(file, path.join(dir, path.basename(file)));
		await n8nCli(rt, env, ['import:workflow', '--separate', `--input=${dir}`]);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
	log(`imported ${files.length} workflow(s) from ${path.relative(REPO_ROOT, path.dirname(files[0] ?? EXAMPLES_DIR))}/`);
}

/**
 * Examples that n8n serves instead of running once: their trigger (the MCP Server Trigger) answers
 * requests while the workflow is published, so `n8n execute` cannot run them.
 */
export function isServedWorkflow(file: string): boolean {
	const wf = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: Array<{ type: string }> };
	return wf.nodes.some((node) => node.type === '@n8n/n8n-nodes-langchain.mcpTrigger');
}

/** Publishes (activates) imported workflows with n8n's CLI; they go live at the next `n8n start`. */
/** The CLI arguments that make a workflow active: n8n 2.x publishes it; 1.x has no publish:workflow. */
export function activateArgs(line: string, id: string): string[] {
	return line === '1' ? ['update:workflow', `--id=${id}`, '--active=true'] : ['publish:workflow', `--id=${id}`];
}

export async function publishWorkflows(rt: Runtime, env: NodeJS.ProcessEnv, files: string[], line = '2'): Promise<void> {
	for (const file of files) {
		const { id } = JSON.parse(fs.readFileSync(file, 'utf8')) as { id: string };
		await n8nCli(rt, env, activateArgs(line, id));
	}
	if (files.length) log(`published ${files.map((f) => path.basename(f)).join(', ')}`);
}

/** `n8n execute --id --rawOutput`: the JSON printed after n8n's log lines. */
export async function executeWorkflow(rt: Runtime, env: NodeJS.ProcessEnv, id: string): Promise<any> {
	// `execute` prints its result through n8n's logger at level info.
	const out = await n8nCli(rt, { ...env, N8N_LOG_LEVEL: 'info' }, ['execute', `--id=${id}`, '--rawOutput']);
	const start = out.search(/^\{\s*$/m);
	const end = out.lastIndexOf('\n}');
	if (start < 0 || end < start) throw new Error(`n8n execute --id=${id} printed no JSON:\n${out}`);
	return JSON.parse(out.slice(start, end + 2));
}
