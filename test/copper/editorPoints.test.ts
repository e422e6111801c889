/**
 * What the editor shows, where a test can see it: tag counts for the entity in use, readable canvas
 * subtitles, distinct panel entries, searchable aliases, the package's own docs links, labels,
 * title-case operation names, the field named in a record picker's issue, and the Ocoya Trigger's
 * test event shaped like a real status change.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { IDataObject, INodeTypeDescription } from 'n8n-workflow';

import { copperOperations } from '../../nodes/CopperCrm/catalog';
import { apiKeyCredentials, useCopperSandbox } from '../helpers/copper';
import { loadOptionsOf, loadPackage, parameterIssues, pollTrigger, singleNodeWorkflow } from '../../tooling/harness/engine';
import { ocoyaCredentials, useOcoyaSandbox, WORKSPACE } from '../helpers/ocoya';

const ROOT = join(__dirname, '..', '..');
const NODE_TYPES = ['copperCrm', 'copperCrmWebhookTrigger', 'copperCrmPollTrigger', 'ocoya', 'ocoyaPostTrigger'];

async function descriptionOf(type: string): Promise<INodeTypeDescription> {
	const loader = await loadPackage();
	return loader.getNode(type).type.description as INodeTypeDescription;
}

async function subtitle(type: string, parameters: IDataObject): Promise<unknown> {
	const { workflow, node } = await singleNodeWorkflow(type, parameters, {});
	const description = await descriptionOf(type);
	return workflow.expression.getSimpleParameterValue(node, description.subtitle!, 'internal', {});
}

describe('editor: descriptions', () => {
	it('shows readable canvas subtitles, not raw values', async () => {
		expect(await subtitle('copperCrm', { resource: 'people', operation: 'search' })).toBe('List People (Search)');
		expect(await subtitle('copperCrm', { resource: 'people', operation: 'customApiCall' })).toBe('Custom API Call (Person)');
		expect(await subtitle('copperCrm', { resource: 'customApiCall', operation: 'customApiCall' })).toBe('Custom API Call');
		expect(await subtitle('ocoya', { resource: 'posts', operation: 'list' })).toBe('List posts');
		expect(await subtitle('copperCrmWebhookTrigger', { events: ['person.new', 'lead.update'] })).toBe('Person Created, Lead Updated');
		expect(await subtitle('copperCrmPollTrigger', { entity: 'people', event: 'newOrUpdated' })).toBe('Person: New or Updated');
		expect(await subtitle('copperCrmPollTrigger', { entity: 'activities' })).toBe('Activity');
		expect(await subtitle('ocoyaPostTrigger', { event: 'statusChanged' })).toBe('Post Status Changed');
	});

	it('lists each node under its own name in the panel (n8n drops " Trigger" there)', async () => {
		const names = await Promise.all(NODE_TYPES.map(async (type) => (await descriptionOf(type)).displayName.replace(/ Trigger$/, '')));
		expect(new Set(names).size).toBe(names.length);
	});

	it('links each node to its section of this package\'s README, and is found by its actions', () => {
		const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
		const anchors = new Set(
			[...readme.matchAll(/^#+ (.+)$/gm)].map((match) => match[1].trim().toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')),
		);
		const homepage = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { homepage: string }).homepage;
		for (const file of ['CopperCrm/CopperCrm', 'CopperCrm/CopperCrmWebhookTrigger', 'CopperCrm/CopperCrmPollTrigger', 'Ocoya/Ocoya', 'Ocoya/OcoyaPostTrigger']) {
			const codex = JSON.parse(readFileSync(join(ROOT, 'nodes', `${file}.node.json`), 'utf8')) as {
				alias: string[];
				resources: { primaryDocumentation: Array<{ url: string }> };
			};
			const [url, anchor] = codex.resources.primaryDocumentation[0].url.split('#');
			expect(url).toBe(homepage);
			expect(anchors).toContain(anchor);
			expect(codex.alias.length).toBeGreaterThan(0);
		}
		const copper = JSON.parse(readFileSync(join(ROOT, 'nodes/CopperCrm/CopperCrm.node.json'), 'utf8')) as { alias: string[] };
		expect(copper.alias).toContain('List People');
	});

	it('labels milliseconds in words and titles the webhook operations in title case like the others', async () => {
		for (const type of NODE_TYPES) expect(JSON.stringify((await descriptionOf(type)).properties)).not.toMatch(/\(Ms\)/);
		const small = new Set(['a', 'an', 'and', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);
		const webhookOps = copperOperations.filter((op) => op.path.startsWith('/webhooks'));
		expect(webhookOps).toHaveLength(5);
		const lowerWords = webhookOps.flatMap((op) =>
			op.title
				.split(/[\s(]+/)
				.filter((word, index) => word && index > 0 && !small.has(word) && /^[a-z]/.test(word))
				.map((word) => `${op.title}: ${word}`),
		);
		expect(lowerWords).toEqual([]);
	});

	it('names the field in the issue that blocks a run for a bad fixed ID', async () => {
		const issues = await parameterIssues('copperCrm', { resource: 'people', operation: 'get', person_id: { __rl: true, mode: 'id', value: 'abc' } });
		expect(issues.join('\n')).toMatch(/^Person ID: not a valid ID/m);
	});
});

describe('editor: Copper tag counts', () => {
	const h = useCopperSandbox();

	it('counts each tag for the entity in use, in the right number', async () => {
		const load = async (parameters: IDataObject) =>
			await loadOptionsOf('copperCrm', 'getTags', { authentication: 'apiKey', ...parameters }, apiKeyCredentials(h.sandbox) as never);
		const rows = h.sandbox.store.tags() as unknown as Array<{ name: string; count: number; count_people: number }>;
		const people = await load({ resource: 'people', operation: 'search' });
		for (const row of rows) {
			const option = people.find((entry) => entry.value === row.name);
			expect(option?.description).toBe(`${row.count_people} ${row.count_people === 1 ? 'person' : 'people'}`);
		}
		const anywhere = await load({ resource: 'tags', operation: 'list' });
		for (const row of rows) {
			expect(anywhere.find((entry) => entry.value === row.name)?.description).toBe(`${row.count} ${row.count === 1 ? 'record' : 'records'} of all types`);
		}
	});
});

describe('editor: Ocoya Trigger test event', () => {
	const h = useOcoyaSandbox();

	it('carries the previous status for "Post Status Changed", as real events do', async () => {
		const post = h.sandbox.store.createPost(WORKSPACE, { caption: 'Shown in the test event' });
		const { poll } = await pollTrigger(
			'ocoyaPostTrigger',
			{ authentication: 'apiKey', workspaceId: WORKSPACE, event: 'statusChanged', statuses: [] },
			ocoyaCredentials(h.sandbox) as never,
		);
		const [sample] = await poll('manual');
		expect(sample.id).toBe(post.id);
		expect(sample).toHaveProperty('previousStatus', null);
	});
});
