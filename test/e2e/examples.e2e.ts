/**
 * Every examples/*.json, imported into the real n8n and executed headless by globalSetup
 * (`n8n execute --id --rawOutput`), against the sandboxes: the outputs are checked here, and
 * the records the workflows wrote are read back from the sandboxes' APIs.
 */
import * as fs from 'fs';
import * as path from 'path';
import { copperCall } from './setup/sandboxApi';
import { nodeItems, readState, type E2eState } from './setup/state';

const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples');
let state: E2eState;

beforeAll(() => {
	state = readState();
});

function run(id: string): any {
	const rec = state.executions[id];
	expect(rec).toBeDefined();
	if (!rec.ok) throw new Error(`n8n execute --id=${id} failed:\n${rec.error}`);
	expect(rec.result.data.resultData.error).toBeUndefined();
	return rec.result;
}

const copper = (method: string, p: string, body?: unknown) => copperCall(state, method, p, body);

describe('example workflows, executed headless by the real n8n', () => {
	it('every example is valid importable JSON using the installed package node types', () => {
		const files = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));
		expect(files.length).toBeGreaterThanOrEqual(6);
		for (const f of files) {
			const wf = JSON.parse(fs.readFileSync(path.join(EXAMPLES, f), 'utf8'));
			expect(typeof wf.id).toBe('string');
			const types = wf.nodes.map((n: { type: string }) => n.type);
			expect(types.some((t: string) => t.startsWith('n8n-nodes-copper-ocoya.'))).toBe(true);
			expect(types.filter((t: string) => t.startsWith('CUSTOM.'))).toEqual([]);
			// Served examples (MCP Server Trigger) are published instead and tested by mcp.e2e.ts.
			if (state.served?.includes(wf.id)) expect(state.executions[wf.id]).toBeUndefined();
			else expect(state.executions[wf.id]).toBeDefined();
		}
	});

	it('copper-search-people: filtered search, all pages', async () => {
		const people = nodeItems(run('exCopperPeople01'), 'Search Prospects');
		expect(people.length).toBeGreaterThan(0);
		for (const p of people) {
			expect(p.tags).toContain('newsletter');
			expect(p.address?.country).toBe('US');
		}
		const names = people.map((p) => String(p.name));
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		// Same filter straight against the sandbox: the node returned every match.
		const direct = await copper('POST', '/people/search', { tags: ['newsletter'], country: 'US', page_size: 200 });
		expect(people.map((p) => p.id).sort()).toEqual(direct.map((p: { id: number }) => p.id).sort());
	});

	it('copper-convert-lead: the newest lead becomes a person and an opportunity', async () => {
		const r = run('exCopperLead0001');
		const [lead] = nodeItems(r, 'Newest Lead');
		const [converted] = nodeItems(r, 'Convert Lead');
		expect(converted.person.name).toBe(lead.name);
		expect(converted.opportunity.name).toBe(`${lead.name} - first order`);
		expect(converted.opportunity.pipeline_stage_id).toBe(987790);
		const person = await copper('GET', `/people/${converted.person.id}`);
		expect(person.name).toBe(lead.name);
	});

	it('copper-opportunity-with-activity: opportunity in the Presentation stage, note logged on it', async () => {
		const r = run('exCopperOppAct01');
		const [opp] = nodeItems(r, 'Create Opportunity');
		expect(opp).toMatchObject({ name: 'Acme Corp - 50 seats', pipeline_id: 213214, pipeline_stage_id: 987792, monetary_value: 12000 });
		const [activity] = nodeItems(r, 'Log Activity');
		expect(activity.parent).toEqual({ id: opp.id, type: 'opportunity' });
		expect(activity.details).toBe('Presentation booked for Acme Corp - 50 seats');
		const stored = await copper('GET', `/opportunities/${opp.id}`);
		expect(stored.pipeline_stage_id).toBe(987792);
	});

	it('copper-bulk-create-people: 12 contacts in, 12 people out, in order', async () => {
		const r = run('exCopperBulk0001');
		const input = nodeItems(r, 'One Item per Contact');
		const created = nodeItems(r, 'Bulk Create People');
		expect(created).toHaveLength(12);
		expect(created.map((p) => p.name)).toEqual(input.map((p) => p.name));
		for (const p of created) expect(typeof p.id).toBe('number');
		const direct = await copper('POST', '/people/search', { tags: ['n8n-import'], page_size: 200 });
		expect(direct).toHaveLength(12);
	});

	it('won-opportunity-to-ocoya-post: one draft per won opportunity, on every profile of the workspace', async () => {
		const r = run('exWonToOcoya0001');
		const won = nodeItems(r, 'Won Opportunities');
		expect(won.length).toBeGreaterThan(0);
		for (const o of won) expect(o.status).toBe('Won');
		const [{ profileIds }] = nodeItems(r, 'Profile IDs');
		expect(profileIds.length).toBeGreaterThan(0);
		const drafts = nodeItems(r, 'Draft Announcement');
		expect(drafts).toHaveLength(won.length);
		for (const d of drafts) expect(typeof d.postGroupId).toBe('string');
	});

	it('ocoya-list-scheduled-posts: only scheduled posts of the first workspace', () => {
		const r = run('exOcoyaSched0001');
		const posts = nodeItems(r, 'Scheduled Posts');
		expect(posts.length).toBeGreaterThan(0);
		for (const p of posts) expect(p.status).toBe('SCHEDULED');
	});
});
