/**
 * The Copper CRM Trigger in the real n8n: a published workflow whose trigger subscribed to the
 * Copper sandbox on activation; the sandbox then delivers webhooks to n8n's production URL
 * (http://127.0.0.1:5678/webhook/<id>/webhook), as Copper would.
 */
import { N8nApi, waitFor } from './setup/n8nApi';
import { copperHeaders as copperHeadersOf } from './setup/sandboxApi';
import { readState, type E2eState } from './setup/state';

const state: E2eState = readState();
const describeTrigger = state.trigger ? describe : describe.skip;

describeTrigger('Copper CRM Trigger: webhook delivered by the Copper sandbox to n8n', () => {
	const trigger = state.trigger!;
	const api = new N8nApi(state.n8nUrl);
	const copperHeaders = copperHeadersOf(state);
	const copperOrigin = new URL(state.copper.url).origin;
	const deliver = async (body: Record<string, unknown>) => {
		const res = await fetch(`${copperOrigin}/__sandbox/deliver`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
		expect(res.status).toBe(200);
		return ((await res.json()) as { deliveries: Array<{ status: number; body: string }> }).deliveries;
	};
	let subscriptionId: number;

	beforeAll(async () => {
		await api.login(state.owner.email, state.owner.password);
		// Activation (at n8n start) made the trigger create its subscription in the sandbox.
		const hook = await waitFor('the trigger’s webhook subscription', async () => {
			const res = await fetch(`${state.copper.url}/webhooks`, { headers: copperHeaders });
			const hooks = (await res.json()) as Array<{ id: number; target: string; type: string; event: string }>;
			return hooks.find((h) => h.target === trigger.webhookUrl);
		});
		expect(hook).toMatchObject({ type: 'person', event: 'new' });
		subscriptionId = hook.id;
	});

	it('runs the workflow once with one item per delivered id, records loaded', async () => {
		const before = (await api.executions(trigger.workflowId)).length;
		const res = await fetch(`${state.copper.url}/people`, {
			method: 'POST',
			headers: copperHeaders,
			body: JSON.stringify({ name: 'Webhook Person', emails: [{ email: 'webhook.person@example.org', category: 'work' }] }),
		});
		const person = (await res.json()) as { id: number; name: string };
		const deliveries = await deliver({ subscription_id: subscriptionId, ids: [person.id] });
		expect(deliveries).toHaveLength(1);
		expect(deliveries[0].status).toBe(200);

		const runs = await waitFor('one new execution', async () => {
			const list = await api.executions(trigger.workflowId);
			return list.length > before && list.every((e) => e.status !== 'running' && e.status !== 'new') ? list : undefined;
		});
		expect(runs.length).toBe(before + 1);
		expect(runs[0].status).toBe('success');
		const execution = await api.execution(runs[0].id);
		const out = execution.data.resultData.runData['Received'][0].data.main[0].map((i: { json: unknown }) => i.json);
		expect(out).toHaveLength(1);
		expect(out[0]).toMatchObject({ id: person.id, type: 'person', event: 'new', subscription_id: subscriptionId });
		expect(out[0].record).toMatchObject({ id: person.id, name: 'Webhook Person' });
	});

	it('a delivery replayed verbatim is answered 200 and not run again; a stale one is refused (static data kept by n8n)', async () => {
		const hook = (await (await fetch(`${state.copper.url}/webhooks/${subscriptionId}`, { headers: copperHeaders })).json()) as {
			secret: Record<string, string>;
			headers: Record<string, string>;
		};
		const body = { ids: [1], type: 'person', event: 'new', subscription_id: subscriptionId, ...hook.secret, timestamp: new Date().toISOString() };
		const post = async (payload: Record<string, unknown>) =>
			(await fetch(trigger.webhookUrl, { method: 'POST', headers: { 'Content-Type': 'application/json', ...hook.headers }, body: JSON.stringify(payload) })).status;
		const before = (await api.executions(trigger.workflowId)).length;
		expect(await post(body)).toBe(200);
		await waitFor('the first delivery’s execution', async () => {
			const list = await api.executions(trigger.workflowId);
			return list.length > before && list.every((e) => e.status !== 'running' && e.status !== 'new') ? list : undefined;
		});
		const seen = async () => JSON.stringify((await api.get(`/workflows/${trigger.workflowId}`)).staticData ?? {}).includes('seenDeliveries');
		expect(await seen()).toBe(true);
		// The same delivery again, in a new request (n8n loads the workflow's static data from its database).
		expect(await post(body)).toBe(200);
		expect(await post({ ...body, timestamp: new Date(Date.now() - 2 * 3600_000).toISOString() })).toBe(400);
		await new Promise((r) => setTimeout(r, 3000));
		expect((await api.executions(trigger.workflowId)).length).toBe(before + 1);
	});

	it('a delivery with a wrong secret is refused and starts nothing', async () => {
		const before = (await api.executions(trigger.workflowId)).length;
		const deliveries = await deliver({
			subscription_id: subscriptionId,
			ids: [1],
			secret_override: { n8n_webhook_secret: 'wrong-secret' },
			headers_override: { 'x-n8n-copper-secret': 'wrong-secret' },
		});
		expect(deliveries[0].status).toBe(401);
		await new Promise((r) => setTimeout(r, 3000));
		expect((await api.executions(trigger.workflowId)).length).toBe(before);
	});
});

if (!state.trigger) {
	it.skip('Copper CRM Trigger webhook test: nodes/CopperCrm/CopperCrmWebhookTrigger.node.ts is not built', () => undefined);
}
