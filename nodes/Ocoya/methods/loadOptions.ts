/** Dropdowns of the Ocoya node: workspaces, and the profiles, brand kits and hashtag libraries of the chosen workspace. */
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { loadOptionsFrom, type OptionSource } from '../../shared/methods/loadOptions';
import { ocoyaService } from '../service';

/**
 * The options of a list that belongs to the chosen workspace; none while no workspace is chosen or
 * it is an expression (its value is not known while editing).
 */
async function inWorkspace(fn: ILoadOptionsFunctions, source: Omit<OptionSource, 'qs'>): Promise<INodePropertyOptions[]> {
	const workspaceId = fn.getCurrentNodeParameter('workspaceId');
	if (typeof workspaceId !== 'string' || !workspaceId || workspaceId.startsWith('=')) return [];
	return await loadOptionsFrom(fn, ocoyaService, { ...source, qs: { workspaceId } });
}

export const loadOptions = {
	async getWorkspaces(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await loadOptionsFrom(this, ocoyaService, { path: '/workspaces' });
	},
	async getSocialProfiles(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await inWorkspace(this, {
			path: '/social-profiles',
			name: (profile) => `${String(profile.name)} (${String(profile.provider)})`,
		});
	},
	async getBrandKits(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await inWorkspace(this, { path: '/brand-kits' });
	},
	async getHashtagLibraries(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await inWorkspace(this, { path: '/hashtag-libraries' });
	},
};
