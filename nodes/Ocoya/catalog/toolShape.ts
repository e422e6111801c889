/**
 * Ocoya records as a tool answers them in its Simplified output: a post's ID, status, time, caption
 * (once, not per network) and profiles; a workspace's and a social profile's ID and name. Null and
 * empty values are left out. Documented in the README (Simplified tool output).
 */
import type { ToolShapeSpec } from '../../shared/toolShape';

export const ocoyaToolShape: ToolShapeSpec = {
	entities: {
		post: [
			'id',
			'status',
			'scheduledAt',
			{ name: 'caption', path: 'posts.caption', first: true },
			{ name: 'profiles', path: 'socialProfiles.socialProfile.name' },
			{ name: 'networks', path: 'socialProfiles.socialProfile.provider' },
		],
		workspace: ['id', 'name'],
		socialProfile: ['id', 'provider', 'name'],
	},
	entityOf: {
		posts: 'post',
		workspaces: 'workspace',
		'socialProfiles.list': 'socialProfile',
	},
};
