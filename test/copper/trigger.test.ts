/**
 * Copper CRM Trigger: subscriptions created, checked and deleted through n8n's
 * HookContext; deliveries sent by the sandbox over HTTP, in Copper's shape, to a
 * local receiver that hands them to the node's webhook() through n8n's WebhookContext.
 */
import { createServer, type Server } from 'http';
import type { IDataObject } from 'n8n-workflow';

import { webhookTrigger, type WebhookCall } from '../../tooling/harness/engine';
import { apiKeyCredentials, useCopperSandbox } from '../helpers/copper';
import { deliverEvent, deliverWebhook } from '../../tooling/sandbox/copper';

type Trigger = Awaited<ReturnType<typeof webhookTrigger>>;

describe('Copper CRM Trigger (webhooks)', () => {
	const h = useCopperSandbox();
	let receiver: Server;
	let baseUrl = '';
	let current: Trigger | undefined;
	const calls: WebhookCall[] = [];

	beforeAll(async () => {
		h.sandbox.store.allowHttpWebhookTargets = true;
		receiver = createServer((req, res) => {
			let raw = '';
			req.on('data', (chunk) => (raw += chunk));
			req.on('end', async () => {
				const call = await current!.deliver(JSON.parse(raw) as IDataObject, req.headers as IDataObject);
				calls.push(call);
				res.statusCode = call.status;
				res.end();
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		baseUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/webhook`;
	});
	afterAll(async () => {
		await new Promise((resolve) => receiver.close(resolve));
	});
	beforeEach(() => {
		calls.length = 0;
		h.sandbox.store.webhooks.clear();
	});

	const activate = async (parameters: IDataObject) => {
		current = await webhookTrigger(
			'copperCrmWebhookTrigger',
			{ authentication: 'apiKey', fetchRecords: true, ...parameters },
			apiKeyCredentials(h.sandbox) as never,
			baseUrl,
		);
		expect(await current.checkExists()).toBe(false);
		await current.create();
		return current;
	};

	it('creates one subscription per event with a secret, checks and deletes them', async () => {
		const trigger = await activate({ events: ['person.new', 'opportunity.update', 'activity_log.new'] });
		const hooks = [...h.sandbox.store.webhooks.values()];
		expect(hooks.map((hook) => `${hook.type}.${hook.event}`).sort()).toEqual(['activity_log.new', 'opportunity.update', 'person.new']);
		const secret = Object.values(hooks[0].secret ?? {})[0] as string;
		expect(secret).toMatch(/^[0-9a-f]{48}$/);
		expect(JSON.stringify(trigger.staticData())).toContain(secret);
		for (const hook of hooks) {
			expect(hook.target).toBe(trigger.webhookUrl());
			expect(Object.values(hook.secret ?? {})[0]).toEqual(expect.any(String));
			expect(Object.values(hook.secret ?? {})[0]).toBe(secret);
			expect(Object.values(hook.headers ?? {})[0]).toBe(secret);
		}
		expect(await trigger.checkExists()).toBe(true);

		// A subscription removed in Copper makes the check fail, so n8n re-creates them.
		h.sandbox.store.webhooks.delete(hooks[0].id);
		expect(await trigger.checkExists()).toBe(false);
		await trigger.create();
		expect(h.sandbox.store.webhooks.size).toBe(3);

		await trigger.delete();
		expect(h.sandbox.store.webhooks.size).toBe(0);
	});

	it('subscribes the test URL while the editor listens for a test event', async () => {
		const trigger = await webhookTrigger(
			'copperCrmWebhookTrigger',
			{ authentication: 'apiKey', events: ['task.new'] },
			apiKeyCredentials(h.sandbox) as never,
			baseUrl,
			{ isTest: true },
		);
		await trigger.create();
		const [hook] = [...h.sandbox.store.webhooks.values()];
		expect(hook.target).toContain('/webhook-test/');
		await trigger.delete();
		expect(h.sandbox.store.webhooks.size).toBe(0);
	});

	it('refuses to exceed Copper’s 100 subscriptions with a clear error', async () => {
		for (let i = 0; i < 99; i++) {
			h.sandbox.store.webhooks.set(900000 + i, {
				id: 900000 + i,
				target: 'https://elsewhere.example/hook',
				type: 'lead',
				event: 'new',
				secret: null,
				headers: null,
				custom_field_computed_values: false,
				created_at: 0,
			});
		}
		current = await webhookTrigger(
			'copperCrmWebhookTrigger',
			{ authentication: 'apiKey', events: ['person.new', 'person.update'] },
			apiKeyCredentials(h.sandbox) as never,
			baseUrl,
		);
		await expect(current.create()).rejects.toThrow(/at most 100 webhook subscriptions.*has 99.*needs 2/);
		expect(h.sandbox.store.webhooks.size).toBe(99);
	});

	it('fans out a delivery into one item per id, loading the records with one search', async () => {
		await activate({ events: ['person.new'] });
		const people = h.sandbox.store.addPeople(35).map((person) => person.id);
		h.sandbox.clearRequests();
		await deliverEvent(h.sandbox, 'person', 'new', { ids: people });
		// Copper sends at most 30 ids per notification: two deliveries, one search each.
		expect(calls.map((call) => call.items?.length)).toEqual([30, 5]);
		const items = calls.flatMap((call) => call.items ?? []);
		expect(items.map((item) => item.id)).toEqual(people);
		expect(items[0]).toMatchObject({ type: 'person', event: 'new', subscription_id: expect.any(Number), timestamp: expect.any(String) });
		expect((items[0].record as IDataObject).id).toBe(people[0]);
		const searches = h.sandbox.requests.filter((r) => r.path === '/people/search');
		expect(searches).toHaveLength(2);
		expect(searches[0].body).toMatchObject({ ids: people.slice(0, 30), page_size: 200 });
	});

	it('rejects deliveries with a missing or wrong secret with 401 and starts nothing', async () => {
		await activate({ events: ['person.new'] });
		const [hook] = [...h.sandbox.store.webhooks.values()];
		const person = h.sandbox.store.all('people')[0] as { id: number };
		await deliverWebhook(h.sandbox, hook.id, { ids: [person.id], secretOverride: null, headersOverride: null });
		await deliverWebhook(h.sandbox, hook.id, {
			ids: [person.id],
			secretOverride: { n8n_webhook_secret: 'forged' },
			headersOverride: { 'x-n8n-copper-secret': 'forged' },
		});
		expect(calls).toEqual([
			{ status: 401, items: undefined },
			{ status: 401, items: undefined },
		]);
		await deliverWebhook(h.sandbox, hook.id, { ids: [person.id] });
		expect(calls[2].status).toBe(200);
		expect(calls[2].items).toHaveLength(1);
	});

	it('passes changed attributes as {old, new} and applies update filters', async () => {
		await activate({
			events: ['opportunity.update'],
			fetchRecords: false,
			options: { updateFilters: { filter: [{ field: 'status', toValue: 'Won' }, { field: 'pipeline_stage_id' }] } },
		});
		const deal = h.sandbox.store.all('opportunities')[0] as { id: number };
		await deliverEvent(h.sandbox, 'opportunity', 'update', { ids: [deal.id], updatedAttributes: { name: ['A', 'B'] } });
		await deliverEvent(h.sandbox, 'opportunity', 'update', { ids: [deal.id], updatedAttributes: { status: ['Open', 'Lost'] } });
		await deliverEvent(h.sandbox, 'opportunity', 'update', { ids: [deal.id], updatedAttributes: { status: ['Open', 'Won'] } });
		await deliverEvent(h.sandbox, 'opportunity', 'update', { ids: [deal.id], updatedAttributes: { pipeline_stage_id: [1, 2] } });
		const started = calls.filter((call) => call.items);
		expect(started).toHaveLength(2);
		expect(started[0].items![0]).toMatchObject({ id: deal.id, updated_attributes: { status: { old: 'Open', new: 'Won' } } });
		expect(started[0].items![0].record).toBeUndefined();
		expect(started[1].items![0].updated_attributes).toEqual({ pipeline_stage_id: { old: 1, new: 2 } });
		expect(h.sandbox.requests.filter((r) => r.path === '/opportunities/search')).toHaveLength(0);
	});

	it('emits deleted records with their id and event, without fetching', async () => {
		await activate({ events: ['company.delete'] });
		h.sandbox.clearRequests();
		await deliverEvent(h.sandbox, 'company', 'delete', { ids: [424242] });
		expect(calls[0].items).toEqual([
			expect.objectContaining({ id: 424242, type: 'company', event: 'delete', deleted: true, record: null }),
		]);
		expect(h.sandbox.requests.filter((r) => r.path.endsWith('/search'))).toHaveLength(0);
	});

	it('delivers through the sandbox control endpoint (for a sandbox in another process)', async () => {
		await activate({ events: ['lead.new'], fetchRecords: false });
		const lead = [...h.sandbox.store.leads.keys()][0];
		const origin = new URL(h.sandbox.url).origin;
		const response = await fetch(`${origin}/__sandbox/deliver`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ type: 'lead', event: 'new', ids: [lead] }),
		});
		expect(response.status).toBe(200);
		expect(((await response.json()) as { deliveries: Array<{ status: number }> }).deliveries).toEqual([{ status: 200, body: '' }]);
		expect(calls[0].items).toEqual([expect.objectContaining({ id: lead, type: 'lead', event: 'new' })]);
	});

	it('loads new activities by id', async () => {
		await activate({ events: ['activity_log.new'] });
		const activity = [...h.sandbox.store.activities.keys()][0];
		await deliverEvent(h.sandbox, 'activity_log', 'new', { ids: [activity] });
		expect((calls[0].items![0].record as IDataObject).id).toBe(activity);
	});

	describe('replays and stale deliveries', () => {
		/** A delivery as Copper sends it to the active subscription, secret included. */
		const payload = (extra: IDataObject = {}) => {
			const [hook] = [...h.sandbox.store.webhooks.values()];
			return {
				body: { ids: [101, 102], type: hook.type, event: hook.event, subscription_id: hook.id, ...(hook.secret ?? {}), timestamp: new Date().toISOString(), ...extra },
				headers: Object.fromEntries(Object.entries(hook.headers ?? {}).map(([key, value]) => [key.toLowerCase(), String(value)])) as IDataObject,
			};
		};

		it('acknowledges a delivery seen before but runs it once; another timestamp runs again', async () => {
			const trigger = await activate({ events: ['person.new'], fetchRecords: false });
			const first = payload();
			expect(await trigger.deliver(first.body, first.headers)).toEqual({ status: 200, items: [expect.objectContaining({ id: 101 }), expect.objectContaining({ id: 102 })] });
			// The same delivery again, verbatim: acknowledged (200), nothing started.
			expect(await trigger.deliver(first.body, first.headers)).toEqual({ status: 200, items: undefined });
			// The same ids in another order are the same delivery.
			expect(await trigger.deliver({ ...first.body, ids: [102, 101] }, first.headers)).toEqual({ status: 200, items: undefined });
			const later = payload({ timestamp: new Date(Date.now() + 1000).toISOString() });
			expect((await trigger.deliver(later.body, later.headers)).items).toHaveLength(2);
			const other = payload({ ids: [103] });
			expect((await trigger.deliver(other.body, other.headers)).items).toHaveLength(1);
		});

		it('keeps at most 1,000 delivery keys in the static data', async () => {
			const trigger = await activate({ events: ['person.new'], fetchRecords: false });
			const base = Date.now() - 30 * 60 * 1000;
			for (let i = 0; i < 1100; i++) {
				const entry = payload({ ids: [i + 1], timestamp: new Date(base + i).toISOString() });
				expect((await trigger.deliver(entry.body, entry.headers)).items).toHaveLength(1);
			}
			// n8n keeps a node's static data under "node:<name>".
			const nodeData = Object.values(trigger.staticData() as IDataObject).find(
				(value) => !!value && typeof value === 'object' && 'seenDeliveries' in (value as object),
			) as IDataObject;
			const count = Object.keys(nodeData.seenDeliveries as object).length;
			expect(count).toBeGreaterThan(900);
			expect(count).toBeLessThanOrEqual(1000);
		});

		it('refuses deliveries far older than Copper’s 15-minute delay, or from the future; accepts a late one', async () => {
			const trigger = await activate({ events: ['person.new'], fetchRecords: false });
			const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
			const stale = payload({ timestamp: minutesAgo(120) });
			expect(await trigger.deliver(stale.body, stale.headers)).toEqual({ status: 400, items: undefined });
			const future = payload({ timestamp: minutesAgo(-60) });
			expect(await trigger.deliver(future.body, future.headers)).toEqual({ status: 400, items: undefined });
			const late = payload({ timestamp: minutesAgo(20) });
			expect((await trigger.deliver(late.body, late.headers)).items).toHaveLength(2);
			const unix = payload({ ids: [7], timestamp: Math.floor(Date.now() / 1000) - 3 * 3600 });
			expect((await trigger.deliver(unix.body, unix.headers)).status).toBe(400);
		});

		it('refuses a stale delivery sent over HTTP by the sandbox', async () => {
			await activate({ events: ['person.new'], fetchRecords: false });
			const [hook] = [...h.sandbox.store.webhooks.values()];
			const person = h.sandbox.store.all('people')[0] as { id: number };
			await deliverWebhook(h.sandbox, hook.id, { ids: [person.id], timestamp: new Date(Date.now() - 2 * 3600_000).toISOString() });
			await deliverWebhook(h.sandbox, hook.id, { ids: [person.id] });
			expect(calls.map((call) => [call.status, call.items?.length])).toEqual([
				[400, undefined],
				[200, 1],
			]);
		});
	});
});
