import * as fs from 'fs';
import * as path from 'path';

import { E2E_DIR } from './state';

/**
 * Sessions shared by the test files of one run (each file is its own module registry): n8n limits
 * logins per minute, and a run of many files would otherwise be refused with 429.
 */
const SESSIONS_FILE = path.join(E2E_DIR, 'sessions.json');
/** Waits for n8n's login limit at most this often (each wait: its Retry-After, else 15 s). */
const LOGIN_RETRIES = 6;

const savedSessions = (): Record<string, string> => {
	try {
		return JSON.parse(fs.readFileSync(SESSIONS_FILE, 'utf8')) as Record<string, string>;
	} catch {
		return {};
	}
};

/** Small client for n8n's REST API as the editor uses it (cookie session). */
export class N8nApi {
	private cookie = '';
	constructor(readonly url: string) {}

	/** Signs in, reusing this run's session for the same n8n and user when n8n still accepts it. */
	async login(email: string, password: string): Promise<void> {
		const key = `${this.url} ${email}`;
		const saved = savedSessions()[key];
		if (saved && (await fetch(`${this.url}/rest/login`, { headers: { cookie: saved } })).ok) {
			this.cookie = saved;
			return;
		}
		this.cookie = await this.signIn(email, password);
		fs.mkdirSync(E2E_DIR, { recursive: true });
		fs.writeFileSync(SESSIONS_FILE, JSON.stringify({ ...savedSessions(), [key]: this.cookie }));
	}

	/** The session cookie of a fresh login, waiting out n8n's login rate limit (bounded). */
	private async signIn(email: string, password: string): Promise<string> {
		for (let attempt = 0; ; attempt++) {
			const res = await fetch(`${this.url}/rest/login`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ emailOrLdapLoginId: email, password }),
			});
			if (res.status === 429 && attempt < LOGIN_RETRIES) {
				const seconds = Number(res.headers.get('retry-after'));
				await new Promise((resolve) => setTimeout(resolve, Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 15_000));
				continue;
			}
			if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
			const m = /n8n-auth=[^;]+/.exec(res.headers.get('set-cookie') ?? '');
			if (!m) throw new Error('no n8n-auth cookie');
			return m[0];
		}
	}

	/** The session cookie (for requests this client does not make itself). */
	get sessionCookie(): string {
		return this.cookie;
	}

	/** A raw request under /rest with the session cookie. */
	async request(path: string, init: RequestInit = {}): Promise<Response> {
		return await fetch(`${this.url}/rest${path}`, {
			...init,
			redirect: 'manual',
			headers: { ...((init.headers as Record<string, string>) ?? {}), cookie: this.cookie },
		});
	}

	async get(path: string): Promise<any> {
		const res = await fetch(`${this.url}/rest${path}`, { headers: { cookie: this.cookie } });
		if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
		return ((await res.json()) as { data: unknown }).data;
	}

	/** Executions of a workflow, newest first. */
	async executions(workflowId: string): Promise<Array<{ id: string; status: string; finished?: boolean }>> {
		const data = await this.get(`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=50`);
		return (data.results ?? data) as Array<{ id: string; status: string }>;
	}

	/** One execution with its run data (n8n stores it "flatted"). */
	async execution(id: string): Promise<any> {
		const data = await this.get(`/executions/${id}`);
		return { ...data, data: typeof data.data === 'string' ? unflatted(data.data) : data.data };
	}
}

/** Decodes the `flatted` format n8n stores execution data in. */
export function unflatted(text: string): any {
	const table = JSON.parse(text) as unknown[];
	const done = new Map<number, unknown>();
	const resolve = (index: number): unknown => {
		if (done.has(index)) return done.get(index);
		const value = table[index];
		if (typeof value !== 'object' || value === null) {
			done.set(index, value);
			return value;
		}
		const out: any = Array.isArray(value) ? [] : {};
		done.set(index, out);
		for (const [k, v] of Object.entries(value)) out[k] = typeof v === 'string' ? resolve(Number(v)) : v;
		return out;
	};
	return resolve(0);
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown;
	while (Date.now() < deadline) {
		try {
			const v = await fn();
			if (v !== undefined) return v;
		} catch (e) {
			last = e;
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
