/**
 * The bad-input corpus of the fault matrix (test/reliability/matrix.test.ts): each input is caught
 * locally (a NodeOperationError naming the field, zero requests) or sent safely (encoded, intact).
 */
import type { IDataObject } from 'n8n-workflow';

import type { RunNodeResult } from '../../tooling/harness/engine';
import type { CopperSandbox, Person } from '../../tooling/sandbox/copper';
import { SEED_IDS, type OcoyaSandbox } from '../../tooling/sandbox/ocoya';

const WORKSPACE = SEED_IDS.workspace;

/** The sandboxes a check may read. */
export interface Sandboxes {
	copper: CopperSandbox;
	ocoya: OcoyaSandbox;
}

const peopleNamed = (copper: CopperSandbox, name: string) => copper.store.all('people').filter((p) => p.name === name).length;
const postsCaptioned = (ocoya: OcoyaSandbox, caption: string) => ocoya.store.allPosts().filter((post) => post.posts[0]?.caption === caption).length;

/** What a sandbox recorded, as the corpus reads it. */
type Recorded = Array<{ method: string; path: string; status: number; body: unknown; query: Record<string, unknown> }>;

export interface BadInput {
	name: string;
	service: 'copper' | 'ocoya';
	parameters: IDataObject;
	items?: IDataObject[];
	/** Caught locally: a NodeOperationError naming this field, zero requests. */
	field?: string;
	/** Sent: checks on the recorded requests and the result. */
	sent?: (requests: Recorded, result: RunNodeResult, sandboxes: Sandboxes) => void;
}

const HUGE = 'x'.repeat(100_000);
const UNICODE = 'Zoë 李小龍 🚀 ﷽ \u202eevil\u202c "quoted" <b>';

export const BAD_INPUTS: BadInput[] = [
	{ name: 'malformed JSON body', service: 'copper', parameters: { resource: 'people', operation: 'create', bodySource: 'json', bodyJson: '{"name": ' }, field: 'Body (JSON)' },
	{ name: 'JSON body that is a string', service: 'copper', parameters: { resource: 'people', operation: 'create', bodySource: 'json', bodyJson: '"just text"' }, field: 'Body (JSON)' },
	{ name: 'JSON body that is a number', service: 'copper', parameters: { resource: 'people', operation: 'create', bodySource: 'json', bodyJson: '42' }, field: 'Body (JSON)' },
	{ name: 'non-numeric ID', service: 'copper', parameters: { resource: 'people', operation: 'get', person_id: 'abc' }, field: 'Person ID' },
	{ name: 'negative ID', service: 'copper', parameters: { resource: 'people', operation: 'get', person_id: '-5' }, field: 'Person ID' },
	{ name: 'fractional ID', service: 'copper', parameters: { resource: 'people', operation: 'get', person_id: '1.5' }, field: 'Person ID' },
	{ name: 'ID beyond 2^53', service: 'copper', parameters: { resource: 'people', operation: 'get', person_id: '99999999999999999999' }, field: 'Person ID' },
	{ name: 'ID as an object (expression)', service: 'copper', parameters: { resource: 'people', operation: 'delete', person_id: '={{ {a: 1} }}' }, field: 'Person ID' },
	{ name: 'ID ../users', service: 'copper', parameters: { resource: 'people', operation: 'get', person_id: '../users' }, field: 'Person ID' },
	{ name: 'ID 1?x=y', service: 'copper', parameters: { resource: 'people', operation: 'delete', person_id: '1?x=y' }, field: 'Person ID' },
	{ name: 'ID 1#frag', service: 'copper', parameters: { resource: 'people', operation: 'update', person_id: '1#frag' }, field: 'Person ID' },
	{ name: 'whitespace-only required name', service: 'copper', parameters: { resource: 'people', operation: 'create', name: '   ' }, field: 'Name' },
	{ name: 'empty required name (expression)', service: 'copper', parameters: { resource: 'people', operation: 'create', name: '={{ "" }}' }, field: 'Name' },
	{ name: 'required name from a missing field', service: 'copper', parameters: { resource: 'people', operation: 'create', name: '={{ $json.missing }}' }, field: 'Name' },
	{ name: 'invalid date', service: 'copper', parameters: { resource: 'tasks', operation: 'create', name: 'T', additionalFields: { due_date: 'next tuesday-ish' } }, field: 'Due Date' },
	{ name: 'impossible date 2024-13-45', service: 'copper', parameters: { resource: 'tasks', operation: 'create', name: 'T', additionalFields: { due_date: '2024-13-45' } }, field: 'Due Date' },
	{ name: 'non-numeric ID list', service: 'copper', parameters: { resource: 'people', operation: 'search', filters: { assignee_ids: '1, two' } }, field: 'Assignee IDs' },
	{ name: 'malformed raw filter', service: 'copper', parameters: { resource: 'people', operation: 'search', filters: { rawFilter: '{oops}' } }, field: 'Raw JSON Filter' },
	{ name: 'raw filter that is an array', service: 'copper', parameters: { resource: 'people', operation: 'search', filters: { rawFilter: '[1]' } }, field: 'Raw JSON Filter' },
	{ name: 'bulk records that are not objects', service: 'copper', parameters: { resource: 'people', operation: 'bulkCreate', bodySource: 'json', bodyJson: '[1, "x"]' }, field: 'Body' },
	{ name: 'bulk update with a non-numeric ID', service: 'copper', parameters: { resource: 'people', operation: 'bulkUpdate', bodySource: 'fields', id: 'abc' }, field: 'Person ID' },
	{ name: 'custom call path with ..', service: 'copper', parameters: { resource: 'customApiCall', operation: 'customApiCall', customMethod: 'GET', customPath: '/people/../users' }, field: 'Path' },
	// Custom API Call paths that URL parsing would resolve outside the written path (or the base path), whatever the encoding.
	...(
		[
			['copper', '/people\\..\\users'],
			['copper', '/people/%2e%2e/users'],
			['copper', '/people/%2E./users'],
			['copper', '/people/%252e%252e/users'],
			['copper', '/people/..%5cusers'],
			['copper', '/people/%5c%5cevil.example'],
			['copper', '/people%2f..%2fusers'],
			['copper', '/people//search'],
			['copper', '/%2e%2e/%2e%2e/oauth/token'],
			['copper', '/people/%zz'],
			['copper', '/people/%00'],
			['ocoya', '/post\\..\\..\\me'],
			['ocoya', '/post/%2e%2e%2fme'],
			['ocoya', '/post/.%2E/me'],
		] as const
	).map(
		([service, path]): BadInput => ({
			name: `${service} custom call path ${path}`,
			service,
			parameters: { resource: 'customApiCall', operation: 'customApiCall', customMethod: 'DELETE', customPath: path },
			field: 'Path',
		}),
	),
	{ name: 'single-record create with a list body', service: 'copper', parameters: { resource: 'people', operation: 'create', bodySource: 'json', bodyJson: '[{"name": "A"}, {"name": "B"}]' }, field: 'Body' },
	{ name: 'single-record update with a list as input item', service: 'copper', parameters: { resource: 'people', operation: 'update', person_id: '1', bodySource: 'json', bodyJson: '[]' }, field: 'Body' },
	{ name: 'Ocoya create with a list body', service: 'ocoya', parameters: { resource: 'posts', operation: 'create', workspaceId: WORKSPACE, bodySource: 'json', bodyJson: '[{"caption": "A"}]' }, field: 'Body' },
	{ name: 'bulk body wrapped in its key', service: 'copper', parameters: { resource: 'people', operation: 'bulkCreate', bodySource: 'json', bodyJson: '{"people": [{"name": "A"}]}' }, field: 'Body' },
	{ name: 'bulk list with a nested list', service: 'copper', parameters: { resource: 'people', operation: 'bulkCreate', bodySource: 'json', bodyJson: '[[{"name": "A"}]]' }, field: 'Body' },
	...['not-an-email', 'a@b', 'two@@example.com', 'spaced name@example.com', '<x@example.com>', 'x@example.com, y@example.com'].map(
		(email): BadInput => ({
			name: `person email ${JSON.stringify(email)}`,
			service: 'copper',
			parameters: { resource: 'people', operation: 'create', name: 'E', additionalFields: { emails: { values: [{ email, category: 'work' }] } } },
			field: 'Email',
		}),
	),
	{ name: 'lead email that is not an address', service: 'copper', parameters: { resource: 'leads', operation: 'create', name: 'L', additionalFields: { email: { value: { email: 'lead at example', category: 'work' } } } }, field: 'Email' },
	{
		name: 'a valid email with a plus tag and a non-ASCII local part is sent',
		service: 'copper',
		parameters: { resource: 'people', operation: 'create', name: 'Plus', additionalFields: { emails: { values: [{ email: 'zoë.o+tag@example.co.uk', category: 'work' }] } } },
		sent: (requests, result) => {
			expect(result.error).toBeUndefined();
			expect(requests).toHaveLength(1);
			expect((requests[0].body as { emails: Array<{ email: string }> }).emails[0].email).toBe('zoë.o+tag@example.co.uk');
		},
	},
	{ name: 'fetch a person by an email that is not an address', service: 'copper', parameters: { resource: 'people', operation: 'fetchByEmail', email: 'bob@' }, field: 'Email' },
	{ name: 'Ocoya caption over 10,000 characters', service: 'ocoya', parameters: { resource: 'posts', operation: 'create', workspaceId: WORKSPACE, caption: 'y'.repeat(10_001) }, field: 'Caption' },
	{ name: 'Ocoya media URL javascript:', service: 'ocoya', parameters: { resource: 'posts', operation: 'create', workspaceId: WORKSPACE, caption: 'Hi', mediaUrls: 'javascript:alert(1)' }, field: 'Media URLs' },
	{ name: 'Ocoya invalid schedule time', service: 'ocoya', parameters: { resource: 'posts', operation: 'create', workspaceId: WORKSPACE, caption: 'Hi', scheduledAt: '2024-02-30T25:61:00' }, field: 'Scheduled At' },
	{ name: 'Ocoya empty workspace', service: 'ocoya', parameters: { resource: 'posts', operation: 'create', workspaceId: '={{ "" }}', caption: 'Hi' }, field: 'Workspace' },
	{ name: 'Ocoya post ID ../me', service: 'ocoya', parameters: { resource: 'posts', operation: 'delete', post_id: '../me' }, field: 'Post ID' },
	{ name: 'Ocoya post ID a?b=c', service: 'ocoya', parameters: { resource: 'posts', operation: 'delete', post_id: 'a?b=c' }, field: 'Post ID' },
	{ name: 'Ocoya post ID ..\\me (backslash)', service: 'ocoya', parameters: { resource: 'posts', operation: 'delete', post_id: '..\\me' }, field: 'Post ID' },
	{ name: 'Ocoya post ID with a control character', service: 'ocoya', parameters: { resource: 'posts', operation: 'delete', post_id: 'a\u0000b' }, field: 'Post ID' },
	{ name: 'Ocoya post ID with a space', service: 'ocoya', parameters: { resource: 'posts', operation: 'update', post_id: 'a b', scheduledAt: '2031-01-01T00:00:00Z' }, field: 'Post ID' },
	...['..', '.'].map(
		(id): BadInput => ({
			name: `Ocoya post ID "${id}" (a dot-segment) refused`,
			service: 'ocoya',
			parameters: { resource: 'posts', operation: 'delete', post_id: id },
			field: 'Post ID',
		}),
	),
	{
		name: 'huge string (100,000 characters) sent intact',
		service: 'copper',
		parameters: { resource: 'people', operation: 'create', name: HUGE },
		sent: (requests, result, { copper }) => {
			expect(result.error).toBeUndefined();
			expect(requests).toHaveLength(1);
			expect((requests[0].body as { name: string }).name).toBe(HUGE);
			expect(copper.store.get('people', result.items[0].json.id as number)?.name).toBe(HUGE);
		},
	},
	{
		name: 'unicode name sent intact',
		service: 'copper',
		parameters: { resource: 'people', operation: 'create', name: UNICODE },
		sent: (requests, result, { copper }) => {
			expect(result.error).toBeUndefined();
			expect(requests).toHaveLength(1);
			expect(result.items[0].json.name).toBe(UNICODE);
			expect(copper.store.get('people', result.items[0].json.id as number)?.name).toBe(UNICODE);
		},
	},
	{
		name: 'unicode caption sent intact (Ocoya)',
		service: 'ocoya',
		parameters: { resource: 'posts', operation: 'create', workspaceId: WORKSPACE, caption: UNICODE },
		sent: (requests, result, { ocoya }) => {
			expect(result.error).toBeUndefined();
			expect(requests).toHaveLength(1);
			expect(postsCaptioned(ocoya, UNICODE)).toBe(1);
		},
	},
	...(
		[
			['a%2Fb', '/post/a%252Fb'],
			['ïd-😀', '/post/%C3%AFd-%F0%9F%98%80'],
			['x:y@z', '/post/x%3Ay%40z'],
			['%2e%2E', '/post/%252e%252E'],
			['100%', '/post/100%25'],
		] as const
	).map(
		([id, path]): BadInput => ({
			name: `Ocoya post ID ${id} encoded into one segment`,
			service: 'ocoya',
			parameters: { resource: 'posts', operation: 'delete', post_id: id },
			sent: (requests, result) => {
				expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([`DELETE ${path}`]);
				expect(result.error?.name).toBe('NodeApiError');
				expect(result.error?.message).toBe('Post not found.');
			},
		}),
	),
	{
		name: 'oversize bulk list (25 records in one item) split 10 + 10 + 5',
		service: 'copper',
		parameters: {
			resource: 'people',
			operation: 'bulkCreate',
			bodySource: 'json',
			bodyJson: JSON.stringify(Array.from({ length: 25 }, (_v, i) => ({ name: `Oversize ${i}` }))),
		},
		sent: (requests, result, { copper }) => {
			expect(result.error).toBeUndefined();
			expect(requests.map((r) => (r.body as { people: unknown[] }).people.length)).toEqual([10, 10, 5]);
			expect(result.items).toHaveLength(25);
			for (let i = 0; i < 25; i++) expect(peopleNamed(copper, `Oversize ${i}`)).toBe(1);
		},
	},
	{
		name: 'oversize bulk input (1,001 items) in 101 requests, each record once',
		service: 'copper',
		parameters: { resource: 'people', operation: 'bulkCreate', bodySource: 'inputItem' },
		items: Array.from({ length: 1001 }, (_v, i) => ({ name: `Many ${i}` })),
		sent: (requests, result, { copper }) => {
			expect(result.error).toBeUndefined();
			expect(requests).toHaveLength(101);
			expect(requests.every((r) => (r.body as { people: unknown[] }).people.length <= 10)).toBe(true);
			expect(result.items).toHaveLength(1001);
			expect(copper.store.all('people').filter((p) => p.name.startsWith('Many ')).length).toBe(1001);
		},
	},
];
