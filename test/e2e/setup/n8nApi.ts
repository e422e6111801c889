/** Small client for n8n's REST API as the editor uses it (cookie session). */
export class N8nApi {
	private cookie = '';
	constructor(readonly url: string) {}

	async login(email: string, password: string): Promise<void> {
		const res = await fetch(`${this.url}/rest/login`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: email, password }),
		});
		if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
		const m = /n8n-auth=[^;]+/.exec(res.headers.get('set-cookie') ?? '');
		if (!m) throw new Error('no n8n-auth cookie');
		this.cookie = m[0];
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
