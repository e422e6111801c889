/** Dropdowns of the Ocoya node: workspaces, and the profiles, brand kits and hashtag libraries of the chosen workspace. */
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { loadOptionsFrom } from '../../shared/methods/loadOptions';
import { ocoyaService } from '../service';

function workspaceOf(fn: ILoadOptionsFunctions): string {
	const workspaceId = fn.getCurrentNodeParameter('workspaceId');
	return typeof workspaceId === 'string' ? workspaceId : '';
}

async function inWorkspace(fn: ILoadOptionsFunctions, path: string): Promise<INodePropertyOptions[]> {
	const workspaceId = workspaceOf(fn);
	if (!workspaceId || workspaceId.startsWith('=')) return [];
	return await loadOptionsFrom(fn, ocoyaService, { path, qs: { workspaceId } });
}

export const loadOptions = {
	async getWorkspaces(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await loadOptionsFrom(this, ocoyaService, { path: '/workspaces' });
	},
	async getSocialProfiles(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const workspaceId = workspaceOf(this);
		if (!workspaceId || workspaceId.startsWith('=')) return [];
		return await loadOptionsFrom(this, ocoyaService, {
			path: '/social-profiles',
			qs: { workspaceId },
			name: (profile) => `${String(profile.name)} (${String(profile.provider)})`,
		});
	},
	async getBrandKits(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await inWorkspace(this, '/brand-kits');
	},
	async getHashtagLibraries(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await inWorkspace(this, '/hashtag-libraries');
	},
};
