/**
 * The two polling triggers in the real n8n server: the Copper CRM Poll Trigger (new people) and the
 * Ocoya Trigger (new posts), each in a workflow imported by globalSetup (test/e2e/fixtures/*-poll-*)
 * whose schedule is set, just before activation, to a custom cron with seconds that fires 20 s
 * later and then once a minute (n8n 2.x refuses sub-minute poll schedules: a seconds field other
 * than one number). Both triggers run at once. For each:
 *
 *  1. activate it through n8n's REST API (as the editor's Publish/Activate does) and wait until its
 *     first poll, at activation, reached the sandbox (it records what exists and emits nothing);
 *  2. create one record in the sandbox over its HTTP API;
 *  3. the next execution of the workflow carries exactly that record, one item;
 *  4. deactivate it; past the next scheduled time (65 s) no further poll has reached the sandbox.
 *
 * The sandboxes' request logs are read over HTTP (`GET /__sandbox/requests`).
 */
import * as fs from 'fs';
import * as path from 'path';

import { N8nApi, waitFor } from './setup/n8nApi';
import { copperHeaders as copperHeadersOf } from './setup/sandboxApi';
import { readState, type E2eState } from './setup/state';

const state: E2eState = readState();
const FIXTURES = path.join(__dirname, 'fixtures');
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

const copperHeaders = copperHeadersOf(state);

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

/** The poll schedule: once a minute at `second` (n8n 2.x accepts no sub-minute poll cron). */
const everyMinuteAt = (second: number) => ({ item: [{ mode: 'custom', cronExpression: `${second} * * * * *` }] });

describe('poll triggers in the real n8n server', () => {
	const api = new N8nApi(state.n8nUrl);

	beforeAll(async () => {
		await api.login(state.owner.email, state.owner.password);
	});

	/** One trigger's whole story; both run at once, so the minute-long waits overlap. */
	async function story(c: Case): Promise<void> {
		const id = workflowId(c.fixture);
		const polls = async () => (await sandboxRequests(c.sandboxUrl())).filter(c.isPoll).length;
		const pollsBefore = await polls();
		const executionsBefore = (await api.executions(id)).length;

		// 1. Schedule the next poll 20 s from now (once a minute), then activate. n8n polls once at
		//    activation (which records what exists and emits nothing), then on the schedule.
		const workflow = await api.get(`/workflows/${id}`);
		const second = (new Date().getUTCSeconds() + 20) % 60;
		const nodes = (workflow.nodes as Array<{ type: string; parameters: Record<string, unknown> }>).map((n) =>
			n.parameters.pollTimes ? { ...n, parameters: { ...n.parameters, pollTimes: everyMinuteAt(second) } } : n,
		);
		const patched = await api.request(`/workflows/${id}`, {
			method: 'PATCH',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ nodes, connections: workflow.connections, versionId: workflow.versionId }),
		});
		expect(patched.status).toBe(200);
		const { versionId } = ((await patched.json()) as { data: { versionId: string } }).data;
		const activated = await api.request(`/workflows/${id}/activate`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ versionId }),
		});
		expect(`${activated.status} ${activated.status === 200 ? '' : await activated.text()}`).toBe('200 ');
		await waitFor(`${c.name}: the first poll`, async () => ((await polls()) > pollsBefore ? true : undefined), 30_000);
		await sleep(1000);
		expect((await api.executions(id)).length).toBe(executionsBefore);

		// 2. One new record in the sandbox.
		const recordId = await c.create();

		// 3. The scheduled poll's execution carries exactly that record.
		const runs = await waitFor(
			`${c.name}: the execution of the poll that saw the record`,
			async () => {
				const list = await api.executions(id);
				return list.length > executionsBefore && list.every((e) => e.status !== 'running' && e.status !== 'new') ? list : undefined;
			},
			90_000,
		);
		expect(runs).toHaveLength(executionsBefore + 1);
		expect(runs[0].status).toBe('success');
		const execution = await api.execution(runs[0].id);
		const items = execution.data.resultData.runData['Received'][0].data.main[0].map((i: { json: unknown }) => i.json);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject(c.expected(recordId));

		// 4. Deactivate, then wait past the next scheduled poll: none reaches the sandbox.
		const deactivated = await api.request(`/workflows/${id}/deactivate`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({}),
		});
		expect(deactivated.status).toBe(200);
		await sleep(500);
		const pollsAtDeactivation = await polls();
		await sleep(65_000);
		expect(await polls()).toBe(pollsAtDeactivation);
		expect((await api.executions(id)).length).toBe(executionsBefore + 1);
	}

	it('Copper CRM Poll Trigger and Ocoya Trigger: activated, each emits exactly the new record, no poll after deactivation', async () => {
		const results = await Promise.allSettled(cases.map((c) => story(c)));
		const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`${cases[i].name}: ${(r.reason as Error).message}`] : []));
		expect(failed).toEqual([]);
	}, 300_000);
});
