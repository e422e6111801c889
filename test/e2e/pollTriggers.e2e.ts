/**
 * The two polling triggers in the real n8n server: the Copper CRM Poll Trigger (new people) and the
 * Ocoya Trigger (new posts), each in a workflow imported by globalSetup (test/e2e/fixtures/*-poll-*)
 * whose schedule is a custom cron with seconds, every 5 s ("0,5,…,55 * * * * *": n8n refuses a
 * seconds field with `*`). For each trigger:
 *
 *  1. activate it through n8n's REST API (as the editor's Publish/Activate does) and wait until its
 *     first poll reached the sandbox (the first poll records what exists and emits nothing);
 *  2. create one record in the sandbox over its HTTP API;
 *  3. the next execution of the workflow carries exactly that record, one item;
 *  4. deactivate it; after two more intervals no further poll has reached the sandbox.
 *
 * The sandboxes' request logs are read over HTTP (`GET /__sandbox/requests`).
 */
import * as fs from 'fs';
import * as path from 'path';

import { N8nApi, waitFor } from './setup/n8nApi';
import { readState, type E2eState } from './setup/state';

const state: E2eState = readState();
const FIXTURES = path.join(__dirname, 'fixtures');
const POLL_INTERVAL_MS = 5000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface LoggedRequest {
	method: string;
	path: string;
	query: Record<string, unknown>;
	body: unknown;
	status: number;
}

async function sandboxRequests(baseUrl: string): Promise<LoggedRequest[]> {
	const res = await fetch(`${new URL(baseUrl).origin}/__sandbox/requests`);
	expect(res.status).toBe(200);
	return (await res.json()) as LoggedRequest[];
}

function workflowId(fixture: string): string {
	return (JSON.parse(fs.readFileSync(path.join(FIXTURES, fixture), 'utf8')) as { id: string }).id;
}

interface Case {
	name: string;
	fixture: string;
	sandboxUrl: () => string;
	/** The requests one poll of this trigger makes. */
	isPoll: (r: LoggedRequest) => boolean;
	/** Creates one record in the sandbox; returns its id. */
	create: () => Promise<string | number>;
	/** The fields every emitted item must match for that record. */
	expected: (id: string | number) => Record<string, unknown>;
}

const copperHeaders = {
	'X-PW-AccessToken': state.copper.apiKey,
	'X-PW-UserEmail': state.copper.email,
	'X-PW-Application': 'developer_api',
	'Content-Type': 'application/json',
};

const cases: Case[] = [
	{
		name: 'Copper CRM Poll Trigger (new people)',
		fixture: 'copper-poll-trigger-workflow.json',
		sandboxUrl: () => state.copper.url,
		// Nothing else searches people while this test runs.
		isPoll: (r) => r.method === 'POST' && r.path === '/people/search',
		create: async () => {
			const res = await fetch(`${state.copper.url}/people`, {
				method: 'POST',
				headers: copperHeaders,
				body: JSON.stringify({ name: 'Polled Person', emails: [{ email: 'polled.person@example.org', category: 'work' }] }),
			});
			expect(res.status).toBe(200);
			return ((await res.json()) as { id: number }).id;
		},
		expected: (id) => ({ id, name: 'Polled Person' }),
	},
	{
		name: 'Ocoya Trigger (new posts)',
		fixture: 'ocoya-poll-trigger-workflow.json',
		sandboxUrl: () => state.ocoya.url,
		isPoll: (r) => r.method === 'GET' && r.path === '/post' && r.query.workspaceId === 'cmayvq3hk00017apshay5qezu',
		create: async () => {
			const res = await fetch(`${state.ocoya.url}/post?workspaceId=cmayvq3hk00017apshay5qezu`, {
				method: 'POST',
				headers: { 'X-API-Key': state.ocoya.apiKey, 'Content-Type': 'application/json' },
				body: JSON.stringify({ caption: 'Polled by n8n' }),
			});
			expect(res.status).toBeLessThan(300);
			return ((await res.json()) as { postGroupId: string }).postGroupId;
		},
		expected: (id) => ({ id }),
	},
];

describe('poll triggers in the real n8n server', () => {
	const api = new N8nApi(state.n8nUrl);

	beforeAll(async () => {
		await api.login(state.owner.email, state.owner.password);
	});

	for (const c of cases) {
		it(`${c.name}: activated, emits exactly the new record, stops polling when deactivated`, async () => {
			const id = workflowId(c.fixture);
			const polls = async () => (await sandboxRequests(c.sandboxUrl())).filter(c.isPoll).length;
			const pollsBefore = await polls();
			const executionsBefore = (await api.executions(id)).length;

			// 1. Activate (n8n polls once at once, then on the cron) and wait for the first poll.
			const workflow = await api.get(`/workflows/${id}`);
			const activated = await api.request(`/workflows/${id}/activate`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ versionId: workflow.versionId }),
			});
			expect(activated.status).toBe(200);
			await waitFor('the first poll', async () => ((await polls()) > pollsBefore ? true : undefined), 30_000);
			// The first poll records what exists: no execution.
			await sleep(1000);
			expect((await api.executions(id)).length).toBe(executionsBefore);

			// 2. One new record in the sandbox.
			const recordId = await c.create();

			// 3. The next poll's execution carries exactly that record.
			const runs = await waitFor(
				'the execution of the poll that saw the record',
				async () => {
					const list = await api.executions(id);
					return list.length > executionsBefore && list.every((e) => e.status !== 'running' && e.status !== 'new') ? list : undefined;
				},
				4 * POLL_INTERVAL_MS + 10_000,
			);
			expect(runs).toHaveLength(executionsBefore + 1);
			expect(runs[0].status).toBe('success');
			const execution = await api.execution(runs[0].id);
			const items = execution.data.resultData.runData['Received'][0].data.main[0].map((i: { json: unknown }) => i.json);
			expect(items).toHaveLength(1);
			expect(items[0]).toMatchObject(c.expected(recordId));

			// 4. Deactivate: no poll reaches the sandbox any more, and nothing else runs.
			const deactivated = await api.request(`/workflows/${id}/deactivate`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({}),
			});
			expect(deactivated.status).toBe(200);
			await sleep(500);
			const pollsAtDeactivation = await polls();
			await sleep(2 * POLL_INTERVAL_MS + 1000);
			expect(await polls()).toBe(pollsAtDeactivation);
			expect((await api.executions(id)).length).toBe(executionsBefore + 1);
		});
	}
});
