/** Every Ocoya operation once through the real engine: method, path, query, headers and body as received. */
import type { IDataObject } from 'n8n-workflow';

import { ocoyaOperations } from '../../nodes/Ocoya/catalog';
import { SEED_IDS } from '../../tooling/sandbox/ocoya';
import { OCOYA_KEY, useOcoyaSandbox, WORKSPACE } from '../helpers/ocoya';

interface Case {
	resource: string;
	operation: string;
	parameters: IDataObject | (() => IDataObject);
	method: string;
	path: string | (() => string);
	query?: Record<string, unknown>;
	body?: Record<string, unknown>;
}

describe('Ocoya operations', () => {
	const h = useOcoyaSandbox();
	let postId = '';
	let deleteId = '';

	beforeAll(() => {
		postId = h.sandbox.store.createPost(WORKSPACE, { caption: 'To reschedule' }).id;
		deleteId = h.sandbox.store.createPost(WORKSPACE, { caption: 'To delete' }).id;
	});

	const cases: Case[] = [
		{ resource: 'user', operation: 'me', parameters: {}, method: 'GET', path: '/me' },
		{ resource: 'workspaces', operation: 'list', parameters: {}, method: 'GET', path: '/workspaces' },
		{
			resource: 'socialProfiles',
			operation: 'list',
			parameters: { workspaceId: WORKSPACE },
			method: 'GET',
			path: '/social-profiles',
			query: { workspaceId: WORKSPACE },
		},
		{
			resource: 'socialProfiles',
			operation: 'getConnectionUrl',
			parameters: { workspaceId: WORKSPACE, provider: 'tiktok' },
			method: 'GET',
			path: '/social-profiles/connection-url',
			query: { workspaceId: WORKSPACE, provider: 'tiktok' },
		},
		{
			resource: 'socialProfiles',
			operation: 'generateConnectionUrl',
			parameters: { workspaceId: WORKSPACE, provider: 'x' },
			method: 'POST',
			path: '/social-profiles/connection-url',
			query: { workspaceId: WORKSPACE },
			body: { provider: 'x' },
		},
		{
			resource: 'posts',
			operation: 'list',
			parameters: { workspaceId: WORKSPACE, statuses: ['DRAFT', 'SCHEDULED'], returnAll: false, limit: 5 },
			method: 'GET',
			path: '/post',
			query: { workspaceId: WORKSPACE, statuses: ['DRAFT', 'SCHEDULED'], page: '0', perPage: '5' },
		},
		{
			resource: 'posts',
			operation: 'create',
			parameters: {
				workspaceId: WORKSPACE,
				caption: 'Happy new year everyone!',
				mediaUrls: 'https://cdn.example.com/a.png, https://cdn.example.com/b.mp4',
				socialProfileIds: [SEED_IDS.facebookProfile, SEED_IDS.linkedinProfile],
				scheduledAt: '2030-01-01T09:30:00+02:00',
			},
			method: 'POST',
			path: '/post',
			query: { workspaceId: WORKSPACE },
			body: {
				caption: 'Happy new year everyone!',
				mediaUrls: ['https://cdn.example.com/a.png', 'https://cdn.example.com/b.mp4'],
				socialProfileIds: [SEED_IDS.facebookProfile, SEED_IDS.linkedinProfile],
				scheduledAt: '2030-01-01T07:30:00Z',
			},
		},
		{
			resource: 'posts',
			operation: 'update',
			parameters: () => ({ post_id: postId, scheduledAt: '2031-05-06T02:20:00Z' }),
			method: 'PATCH',
			path: () => `/post/${postId}`,
			body: { scheduledAt: '2031-05-06T02:20:00Z' },
		},
		{
			resource: 'posts',
			operation: 'delete',
			parameters: () => ({ post_id: deleteId }),
			method: 'DELETE',
			path: () => `/post/${deleteId}`,
		},
		{
			resource: 'ai',
			operation: 'createPost',
			parameters: {
				workspaceId: WORKSPACE,
				prompt: 'Announce our new analytics dashboard for ecommerce brands.',
				additionalFields: {
					tone: 'bold',
					length: 'short',
					socialProfileIds: [SEED_IDS.linkedinProfile],
					brandId: SEED_IDS.brandKit,
					hashtagLibraryId: SEED_IDS.hashtagLibrary,
					generateImage: true,
					referenceUrls: 'https://example.com/reference.png',
					referenceDesignIds: SEED_IDS.studioTemplate,
				},
			},
			method: 'POST',
			path: '/post/ai',
			query: { workspaceId: WORKSPACE },
			body: {
				prompt: 'Announce our new analytics dashboard for ecommerce brands.',
				tone: 'bold',
				length: 'short',
				socialProfileIds: [SEED_IDS.linkedinProfile],
				brandId: SEED_IDS.brandKit,
				hashtagLibraryId: SEED_IDS.hashtagLibrary,
				generateImage: true,
				referenceUrls: ['https://example.com/reference.png'],
				referenceDesignIds: [SEED_IDS.studioTemplate],
			},
		},
		{
			resource: 'ai',
			operation: 'createCampaign',
			parameters: {
				workspaceId: WORKSPACE,
				prompt: 'Summer launch campaign',
				additionalFields: { goal: 'launch', count: 4, duration: 10 },
			},
			method: 'POST',
			path: '/campaigns',
			query: { workspaceId: WORKSPACE },
			body: { prompt: 'Summer launch campaign', topic: 'Summer launch campaign', goal: 'launch', count: 4, duration: 10 },
		},
		{
			resource: 'brandContext',
			operation: 'listBrandKits',
			parameters: { workspaceId: WORKSPACE },
			method: 'GET',
			path: '/brand-kits',
			query: { workspaceId: WORKSPACE },
		},
		{
			resource: 'brandContext',
			operation: 'listHashtagLibraries',
			parameters: { workspaceId: WORKSPACE },
			method: 'GET',
			path: '/hashtag-libraries',
			query: { workspaceId: WORKSPACE },
		},
		{
			resource: 'brandContext',
			operation: 'listStudioTemplates',
			parameters: { workspaceId: WORKSPACE },
			method: 'GET',
			path: '/studio-templates',
			query: { workspaceId: WORKSPACE },
		},
		{
			resource: 'legacy',
			operation: 'getSchedules',
			parameters: { workspaceId: WORKSPACE, returnAll: true },
			method: 'GET',
			path: '/schedules',
			query: { workspaceId: WORKSPACE, page: '0', perPage: '50' },
		},
	];

	it('covers every catalog operation', () => {
		const tested = new Set(cases.map((c) => `${c.resource}:${c.operation}`));
		expect(ocoyaOperations.map((op) => `${op.resource}:${op.value}`).filter((key) => !tested.has(key))).toEqual([]);
	});

	it.each(cases.map((c) => [`${c.resource} › ${c.operation}`, c] as const))('%s', async (_name, c) => {
		const parameters = typeof c.parameters === 'function' ? c.parameters() : c.parameters;
		const result = await h.run({ resource: c.resource, operation: c.operation, ...parameters });
		expect(result.error).toBeUndefined();
		expect(result.items.length).toBeGreaterThan(0);
		const request = h.sandbox.requests[0];
		expect(request.method).toBe(c.method);
		expect(request.path).toBe(typeof c.path === 'function' ? c.path() : c.path);
		expect(request.headers['x-api-key']).toBe(OCOYA_KEY);
		expect(request.status).toBeLessThan(300);
		if (c.query) expect(request.query).toEqual(c.query);
		if (c.body) expect(request.body).toEqual(c.body);
		else expect(request.body).toBeUndefined();
	});

	it('leaves the post deleted and the rescheduled post rescheduled', () => {
		expect(h.sandbox.store.getPost(deleteId)).toBeUndefined();
		expect(h.sandbox.store.getPost(postId)?.scheduledAt).toBe('2031-05-06T02:20:00.000Z');
	});
});
