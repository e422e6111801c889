/**
 * The tool output of Ocoya reads, through the real engine against the sandbox: the tool variant
 * (`ocoyaTool`) answers a post once (one caption, not one per network; profile names, no avatars),
 * a social profile without its image; the node itself answers as before.
 */
import type { IDataObject } from 'n8n-workflow';

import { jsonOf } from '../helpers/copper';
import { runNode } from '../../tooling/harness/engine';
import { ocoyaCredentials, useOcoyaSandbox, WORKSPACE } from '../helpers/ocoya';
import { FAST_RETRIES } from '../helpers/sandboxSuite';

const LIST_POSTS = { resource: 'posts', operation: 'list', workspaceId: WORKSPACE, statuses: ['SCHEDULED'], returnAll: false, limit: 25 };

describe('Ocoya tool output', () => {
	const h = useOcoyaSandbox({ seed: 'demo' });
	const run = async (type: 'ocoya' | 'ocoyaTool', parameters: IDataObject) =>
		jsonOf(
			await runNode({
				type,
				parameters: { authentication: 'apiKey', requestOptions: FAST_RETRIES, ...parameters },
				credentials: ocoyaCredentials(h.sandbox) as never,
			}),
		);

	it('answers scheduled posts with ID, status, time, one caption and the profiles', async () => {
		const full = await run('ocoya', LIST_POSTS);
		const simplified = await run('ocoyaTool', LIST_POSTS);
		expect(full.length).toBeGreaterThan(1);
		expect(simplified.map((p) => p.id)).toEqual(full.map((p) => p.id));
		simplified.forEach((post, index) => {
			const source = full[index] as { posts: Array<{ caption: string }>; socialProfiles: Array<{ socialProfile: { name: string } }> };
			expect(post).toEqual({
				id: full[index].id,
				status: 'SCHEDULED',
				scheduledAt: full[index].scheduledAt,
				caption: source.posts[0].caption,
				profiles: [...new Set(source.socialProfiles.map((s) => s.socialProfile.name))],
				networks: expect.any(Array),
			});
		});
		const size = (records: IDataObject[]) => Buffer.byteLength(JSON.stringify(records));
		console.log(`${full.length} scheduled posts: full ${size(full)} B, simplified ${size(simplified)} B`);
		expect(size(simplified)).toBeLessThan(size(full) * 0.6);
	});

	it('answers social profiles without their images, workspaces as ID and name', async () => {
		const [profile] = await run('ocoyaTool', { resource: 'socialProfiles', operation: 'list', workspaceId: WORKSPACE });
		expect(Object.keys(profile).sort()).toEqual(['id', 'name', 'provider']);
		const workspaces = await run('ocoyaTool', { resource: 'workspaces', operation: 'list' });
		for (const workspace of workspaces) expect(Object.keys(workspace).sort()).toEqual(['id', 'name']);
		expect((await run('ocoya', { resource: 'workspaces', operation: 'list' }))[0]).toHaveProperty('userCount');
	});
});
