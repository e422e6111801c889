/** Ocoya Trigger: no flood on first activation, each new post once, status changes, manual test. */
import { pollTrigger } from '../../tooling/harness/engine';
import { ocoyaCredentials, useOcoyaSandbox, WORKSPACE } from '../helpers/ocoya';

describe('Ocoya Trigger', () => {
	const h = useOcoyaSandbox();
	const trigger = (parameters: Record<string, unknown>) =>
		pollTrigger('ocoyaPostTrigger', { authentication: 'apiKey', workspaceId: WORKSPACE, ...parameters }, ocoyaCredentials(h.sandbox) as never);

	it('emits nothing on the first poll, then each new post once, oldest first', async () => {
		const { poll } = await trigger({ event: 'newPost' });
		expect(await poll()).toEqual([]);
		const first = h.sandbox.store.createPost(WORKSPACE, { caption: 'First new' });
		const second = h.sandbox.store.createPost(WORKSPACE, { caption: 'Second new' });
		expect((await poll()).map((post) => post.id)).toEqual([first.id, second.id]);
		expect(await poll()).toEqual([]);
		const third = h.sandbox.store.createPost(WORKSPACE, { caption: 'Third new' });
		expect((await poll()).map((post) => post.id)).toEqual([third.id]);
	});

	it('pages through a burst of new posts without missing or repeating any', async () => {
		const { poll } = await trigger({ event: 'newPost' });
		await poll();
		const burst = h.sandbox.store.addPosts(WORKSPACE, 120).map((post) => post.id);
		const emitted = (await poll()).map((post) => post.id);
		expect(emitted).toHaveLength(120);
		expect(new Set(emitted)).toEqual(new Set(burst));
		expect(await poll()).toEqual([]);
	});

	it('emits a status change to a chosen status once, with the previous status', async () => {
		const post = h.sandbox.store.createPost(WORKSPACE, { caption: 'Will be posted', scheduledAt: '2030-01-01T00:00:00Z' });
		const { poll } = await trigger({ event: 'statusChanged', statuses: ['POSTED', 'ERROR'] });
		expect(await poll()).toEqual([]);
		h.sandbox.store.setPostStatus(post.id, 'POSTED');
		const changed = await poll();
		expect(changed.map((p) => [p.id, p.status, p.previousStatus])).toEqual([[post.id, 'POSTED', null]]);
		expect(await poll()).toEqual([]);
		h.sandbox.store.setPostStatus(post.id, 'ERROR');
		expect((await poll()).map((p) => [p.id, p.status, p.previousStatus])).toEqual([[post.id, 'ERROR', 'POSTED']]);
	});

	it('emits any status change when no status is chosen, and not new posts', async () => {
		const post = h.sandbox.store.createPost(WORKSPACE, { caption: 'Draft first' });
		const { poll } = await trigger({ event: 'statusChanged', statuses: [] });
		expect(await poll()).toEqual([]);
		h.sandbox.store.createPost(WORKSPACE, { caption: 'Brand new' });
		expect(await poll()).toEqual([]);
		h.sandbox.store.setPostStatus(post.id, 'SCHEDULED');
		expect((await poll()).map((p) => [p.id, p.previousStatus])).toEqual([[post.id, 'DRAFT']]);
	});

	it('returns the newest matching post in manual test mode without touching the watermark', async () => {
		const newest = h.sandbox.store.createPost(WORKSPACE, { caption: 'Newest of all' });
		const { poll, staticData } = await trigger({ event: 'newPost' });
		const items = await poll('manual');
		expect(items.map((post) => post.id)).toEqual([newest.id]);
		expect(JSON.stringify(staticData())).toBe('{}');
	});

	it('respects the rate limit while polling', async () => {
		h.sandbox.setRateLimit({ max: 2, windowMs: 800 });
		h.sandbox.rateLimited429Count = 0;
		try {
			const { poll } = await trigger({ event: 'statusChanged', statuses: [] });
			await poll();
			await poll();
			expect(h.sandbox.rateLimited429Count).toBe(0);
		} finally {
			h.sandbox.setRateLimit(false);
		}
	});
});
