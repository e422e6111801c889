/**
 * The n8n server process: its environment, its start (through the process manager, processes.ts)
 * until the REST API answers, the owner account and a signed-in session.
 */
import type { ChildProcess } from 'child_process';
import { REPO_ROOT, type Runtime } from './n8n-install';
import { httpStatus, log, manage } from './processes';
import { OWNER } from './workflows';

export function n8nEnv(rt: Runtime, userFolder: string, port: number, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	// Not the caller's NODE_ENV=test (jest): `n8n start` exits silently under it.
	const base = Object.fromEntries(Object.entries(rt.env).filter(([k]) => !k.startsWith('JEST_') && k !== 'NODE_ENV'));
	return {
		...base,
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		// Tool variants of community nodes (for AI agents and the MCP Server Trigger). n8n 1.x reads
		// this; 2.41.1 no longer does and builds the variants of every usableAsTool node anyway.
		N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_RUNNERS_BROKER_PORT: String(port + 1000),
		DB_SQLITE_POOL_SIZE: '2',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'warn',
		N8N_NO_BROWSER: 'true',
		...extra,
	};
}

export interface N8nServer {
	url: string;
	process: ChildProcess;
	logs(): string;
	stop(): Promise<void>;
}

export async function startN8n(
	rt: Runtime,
	env: NodeJS.ProcessEnv,
	port: number,
	opts: { echo?: boolean; timeoutMs?: number } = {},
): Promise<N8nServer> {
	const url = `http://127.0.0.1:${port}`;
	if ((await httpStatus(`${url}/healthz`)) !== 0) throw new Error(`something already listens on ${url}: stop it or pick another port (--port)`);
	const n8n = manage('n8n', rt.nodeBin, [rt.n8nBin, 'start'], env, opts.echo);
	const { process: child, logs, stop } = n8n;
	const deadline = Date.now() + (opts.timeoutMs ?? 180_000);
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) throw new Error(`n8n exited with ${child.exitCode ?? child.signalCode} while starting:\n${logs()}`);
		if ((await httpStatus(`${url}/healthz/readiness`)) === 200 || (await httpStatus(`${url}/healthz`)) === 200) {
			// /healthz answers before the REST API is mounted; wait for the settings endpoint too. Until
			// then n8n answers it with an HTML page: 200 "n8n is starting up", then 404.
			if ((await httpStatus(`${url}/rest/settings`, { json: true })) === 200) return { url, process: child, logs, stop };
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	await stop();
	throw new Error(`n8n did not answer on ${url} within ${opts.timeoutMs ?? 180_000} ms:\n${logs()}`);
}

/** Creates the owner account (POST /rest/owner/setup) unless one exists; returns whether it did. */
export async function setupOwner(url: string, owner: typeof OWNER = OWNER): Promise<boolean> {
	const settings = (await (await fetch(`${url}/rest/settings`)).json()) as { data?: { userManagement?: { showSetupOnFirstLoad?: boolean } } };
	if (settings.data?.userManagement?.showSetupOnFirstLoad === false) return false;
	const res = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(owner),
	});
	if (!res.ok) throw new Error(`owner setup failed: HTTP ${res.status} ${await res.text()}`);
	log(`created the owner account ${owner.email}`);
	return true;
}

/** Signs in; returns the session cookie for REST calls. */
export async function login(url: string, owner: typeof OWNER = OWNER): Promise<string> {
	const res = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
	});
	if (!res.ok) throw new Error(`login failed: HTTP ${res.status} ${await res.text()}`);
	const cookie = res.headers.get('set-cookie') ?? '';
	const m = /n8n-auth=[^;]+/.exec(cookie);
	if (!m) throw new Error(`login returned no n8n-auth cookie (${cookie})`);
	return m[0];
}
