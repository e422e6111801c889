/** Ocoya pagination, rate limits, validation before sending, OAuth2 and dropdowns. */
import { runCredentialTest } from '../helpers/credentialTest';
import { loadOptionsOf } from '../../tooling/harness/engine';
import { OCOYA_KEY, OCOYA_TOKEN, ocoyaCredentials, useOcoyaSandbox, WORKSPACE } from '../helpers/ocoya';
import { SEED_IDS } from '../../tooling/sandbox/ocoya';

describe('Ocoya node behaviour', () => {
	const h = useOcoyaSandbox();

	beforeAll(() => {
		h.sandbox.store.addPosts(WORKSPACE, 520);
	});

	it('returns all 500+ posts with 0-based pages of 50, stopping on a short page', async () => {
		const total = h.sandbox.store.listPosts(WORKSPACE).length;
		const result = await h.run({ resource: 'posts', operation: 'list', workspaceId: WORKSPACE, returnAll: true });
		expect(result.error).toBeUndefined();
		const ids = result.items.map((item) => item.json.id);
		expect(ids).toHaveLength(total);
		expect(new Set(ids).size).toBe(total);
		const pages = h.sandbox.requests.map((r) => Number(r.query.page));
		expect(pages).toEqual(Array.from({ length: Math.ceil((total + 1) / 50) }, (_v, i) => i));
		expect(h.sandbox.requests.every((r) => r.query.perPage === '50')).toBe(true);
	});

	it('waits for the rate-limit reset instead of drawing a 429', async () => {
		h.sandbox.setRateLimit({ max: 4, windowMs: 1000 });
		h.sandbox.rateLimited429Count = 0;
		try {
			const result = await h.run({ resource: 'posts', operation: 'list', workspaceId: WORKSPACE, returnAll: true });
			expect(result.error).toBeUndefined();
			expect(result.items.length).toBe(h.sandbox.store.listPosts(WORKSPACE).length);
			expect(h.sandbox.requests.length).toBeGreaterThan(4);
			expect(h.sandbox.rateLimited429Count).toBe(0);
		} finally {
			h.sandbox.setRateLimit(false);
		}
	});

	it('concurrent executions with the same credential share the rate-limit budget: 0 429s', async () => {
		const run = () =>
			h.run(
				{ resource: 'user', operation: 'me', requestOptions: { maxRetries: 0 } },
				{ items: [{}, {}, {}, {}], continueOnFail: true, credentialId: 'shared-ocoya' },
			);
		await new Promise((resolve) => setTimeout(resolve, 1000)); // earlier windows have passed
		h.sandbox.setRateLimit({ max: 3, windowMs: 1000 });
		h.sandbox.rateLimited429Count = 0;
		try {
			await run(); // learns the budget (and spends part of it)
			const [first, second] = await Promise.all([run(), run()]);
			const errors = [...first.items, ...second.items].filter((item) => item.json.error !== undefined);
			expect(errors).toEqual([]);
			expect(h.sandbox.rateLimited429Count).toBe(0);
			expect(h.sandbox.requests).toHaveLength(12);
		} finally {
			h.sandbox.setRateLimit(false);
		}
	});

	it('backs off and retries when a 429 arrives anyway', async () => {
		h.sandbox.injectFault({ method: 'GET', path: '/me', status: 429, times: 2 });
		const result = await h.run({ resource: 'user', operation: 'me' });
		expect(result.error).toBeUndefined();
		expect(h.sandbox.requests).toHaveLength(3);
	});

	it.each([
		['a caption over 10,000 characters', { caption: 'x'.repeat(10001) }, 'Caption'],
		['a media URL that is not a URL', { caption: 'Hi', mediaUrls: 'ftp://nope, not a url' }, 'Media URLs'],
		['neither caption nor media', { caption: '' }, 'Caption" or "Media URLs'],
		['an invalid schedule time', { caption: 'Hi', scheduledAt: 'someday' }, 'Scheduled At'],
		['no workspace (expression resolving to empty)', { workspaceId: '={{ "" }}', caption: 'Hi' }, 'Workspace Name or ID'],
	])('rejects %s before sending', async (_name, parameters, field) => {
		const result = await h.run({ resource: 'posts', operation: 'create', workspaceId: WORKSPACE, ...parameters });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain(`"${field}`);
		expect(h.sandbox.requests).toHaveLength(0);
	});

	it.each(['../me', '..', '.', 'a/b', 'x?y=1'])('rejects the post ID %s before it can change the path', async (postId) => {
		const result = await h.run({ resource: 'posts', operation: 'delete', post_id: postId });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain('Post ID');
		expect(h.sandbox.requests).toHaveLength(0);
	});

	it('carries Ocoya’s message on API errors', async () => {
		const result = await h.run({ resource: 'posts', operation: 'delete', post_id: 'cnotapost000000000000000' });
		expect(result.error?.message).toBe('Post not found.');
		expect(result.error?.name).toBe('NodeApiError');
	});

	it('passes the credential tests (GET /me) and fails them with a wrong key', async () => {
		const good = await runCredentialTest('ocoyaApi', { apiKey: OCOYA_KEY, baseUrl: `${h.sandbox.url}/` });
		expect(good.status).toBe(200);
		expect(h.sandbox.requests.at(-1)?.path).toBe('/me');
		expect((await runCredentialTest('ocoyaApi', { apiKey: 'wrong', baseUrl: h.sandbox.url })).status).toBe(403);
		const oauth = await runCredentialTest('ocoyaOAuth2Api', { baseUrl: h.sandbox.url }, { Authorization: `Bearer ${OCOYA_TOKEN}` });
		expect(oauth.status).toBe(200);
	});

	it('sends the OAuth2 bearer token', async () => {
		const result = await h.run({ resource: 'user', operation: 'me' }, { oauth: true });
		expect(result.error).toBeUndefined();
		expect(h.sandbox.requests[0].headers.authorization).toBe(`Bearer ${OCOYA_TOKEN}`);
		expect(h.sandbox.requests[0].headers['x-api-key']).toBeUndefined();
	});

	it('loads workspaces and the chosen workspace’s profiles, brand kits and hashtag libraries', async () => {
		const credentials = ocoyaCredentials(h.sandbox) as never;
		const workspaces = await loadOptionsOf('ocoya', 'getWorkspaces', { authentication: 'apiKey' }, credentials);
		expect(workspaces.map((option) => option.value)).toEqual(expect.arrayContaining([WORKSPACE, SEED_IDS.secondWorkspace]));
		const params = { authentication: 'apiKey', resource: 'posts', operation: 'create', workspaceId: WORKSPACE };
		const profiles = await loadOptionsOf('ocoya', 'getSocialProfiles', params, credentials);
		expect(profiles.map((option) => option.value).sort()).toEqual(
			[SEED_IDS.facebookProfile, SEED_IDS.instagramProfile, SEED_IDS.linkedinProfile].sort(),
		);
		expect((await loadOptionsOf('ocoya', 'getBrandKits', params, credentials)).map((o) => o.value)).toContain(SEED_IDS.brandKit);
		expect((await loadOptionsOf('ocoya', 'getHashtagLibraries', params, credentials)).map((o) => o.value)).toContain(
			SEED_IDS.hashtagLibrary,
		);
	});

	it('pairs one output per item with Continue On Fail', async () => {
		const result = await h.run(
			{ resource: 'posts', operation: 'create', workspaceId: WORKSPACE, caption: '={{ $json.caption }}' },
			{ items: [{ caption: 'one' }, { caption: '' }, { caption: 'three' }], continueOnFail: true },
		);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json.postGroupId).toBeDefined();
		expect(result.items[1].json.error).toContain('Caption');
		expect(result.items[2].json.postGroupId).toBeDefined();
	});
});
