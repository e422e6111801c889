/**
 * Every Copper catalog operation, run once through the real engine against the
 * sandbox: the method, path (with encoded path parameters), credential headers and
 * the required body fields the sandbox received are asserted, and the call succeeds.
 *
 * Parameters are derived from each catalog entry (required path, query and body
 * fields get values valid in the seeded sandbox); `overrides` supplies the few
 * operations that need specific state. Operations run in catalog order, creates
 * of dependencies first and deletes last.
 */
import type { IDataObject } from 'n8n-workflow';

import type { FieldSpec, OperationSpec } from '../../nodes/shared/catalog';
import { copperOperations } from '../../nodes/CopperCrm/catalog';
import { API_KEY, EMAIL, useCopperSandbox, type CopperHarness } from '../helpers/copper';
import { SEED_IDS } from '../../tooling/sandbox/copper/seed';

type Context = Record<string, number | string>;

const firstId = (map: Map<number, unknown>) => [...map.keys()][0];

/** A value for a required field that the seeded sandbox accepts. */
function sampleValue(field: FieldSpec, op: OperationSpec, ctx: Context): unknown {
	if (ctx[`${op.docId}:${field.name}`] !== undefined) return ctx[`${op.docId}:${field.name}`];
	if (field.type === 'options') {
		return field.options?.some((option) => option.value === 'people') ? 'people' : field.options?.[0]?.value;
	}
	if (field.type === 'multiOptions') return [field.options?.[0]?.value];
	if (field.type === 'id') {
		const byName: Record<string, string | number> = {
			person_id: ctx.person,
			lead_id: ctx.lead,
			company_id: ctx.company,
			opportunity_id: ctx.opportunity,
			project_id: ctx.project,
			task_id: ctx.task,
			activity_id: ctx.activity,
			user_id: ctx.user,
			pipeline_id: SEED_IDS.pipelines.sales,
			custom_field_definition_id: SEED_IDS.customFields.industry,
			custom_activity_type_id: SEED_IDS.customActivityTypes.customMeeting,
			connection_id: ctx.connection,
			subscription_id: ctx.webhook,
			entity_id: ctx.person,
			file_id: ctx.file,
			id: ctx[{ leads: 'lead', companies: 'company', people: 'person' }[op.resource] ?? 'person'],
		};
		return String(byName[field.name] ?? ctx.person);
	}
	if (field.type === 'json') return '[]';
	if (field.type === 'number') return 1;
	if (field.type === 'boolean') return true;
	if (field.type === 'dateTime') return '2024-01-02T03:04:05Z';
	return `Sample ${field.label}`;
}

/** Per-operation parameters where generic samples do not fit. */
const overrides = (ctx: Context): Record<string, IDataObject> => ({
	'P-2': { email: String(ctx.personEmail) },
	'P-3': { name: 'Ada Example', additionalFields: { emails: { values: [{ email: 'ada.ops@example.com', category: 'work' }] } } },
	'L-7': { match_field_name: 'name', match_field_value: 'Upserted Lead', additionalFields: { name: 'Upserted Lead' } },
	'L-8': {
		match_custom_field_definition_id: String(SEED_IDS.customFields.externalRef),
		match_custom_field_value: 'EXT-42',
		additionalFields: { name: 'By Custom' },
	},
	'L-9': { lead_id: String(ctx.convertLead), additionalFields: { person_name: 'Converted Person', company_name: '' } },
	'CF-3': { name: 'Ops Field', data_type: 'String' },
	'CF-6': {
		entity_name_in_plural: 'people',
		custom_fields: JSON.stringify([{ custom_field_definition_id: SEED_IDS.customFields.vip, value: true }]),
	},
	'CAT-3': { name: 'Ops Activity Type', icon_type: 'Event' },
	'A-2': { parent_type: 'person', parent_id: String(ctx.person), type_category: 'user', type_id: '0', details: 'Called' },
	'A-3': { parent_type: 'person', parent_id: String(ctx.person), type_category: 'user', type_id: '0', details: 'Bulk note' },
	'CN-1': { source_type: 'people', source_id: String(ctx.person) },
	'CN-2': { source_type: 'people', source_id: String(ctx.person), custom_field_definition_id: String(SEED_IDS.customFields.referredBy) },
	'CN-3': {
		custom_field_definition_id: String(SEED_IDS.customFields.referredBy),
		source_id: String(ctx.person),
		source_entity_type: 'person',
		target_id: String(ctx.company),
		target_entity_type: 'company',
	},
	'R-2': { entity: 'people', entity_id: String(ctx.person), related_entity: 'opportunities' },
	'R-3': { entity: 'people', entity_id: String(ctx.person), resource_id: String(ctx.opportunity), resource_type: 'opportunity' },
	'R-4': { entity: 'people', entity_id: String(ctx.person), resource_id: String(ctx.opportunity), resource_type: 'opportunity' },
	'FL-1': { entity_type: 'people' },
	'F-5': { entity_type: 'people', entity_id: String(ctx.person), file_name: 'report.pdf', key: String(ctx.uploadKey) },
	'W-1': { target: 'https://hooks.example.com/copper', type: 'person', event: 'new' },
	'PR-2': { name: 'Ops Project' },
	'T-2': { name: 'Ops Task', additionalFields: { due_date: '2024-01-02T03:04:05Z' } },
	'O-2': { name: 'Ops Deal', additionalFields: { close_date: '2024-01-23T10:00:00Z', pipeline_id: String(SEED_IDS.pipelines.sales) } },
});

/** Run order: the webhook, upload and connection that later operations need come first, deletes last. */
const FIRST = ['W-1', 'F-3', 'F-5', 'CN-3', 'R-3'];
const RECORD_DELETES = ['P-7', 'L-6', 'C-6', 'O-5', 'PR-4', 'T-4'];
const order = (op: OperationSpec) =>
	FIRST.includes(op.docId) ? FIRST.indexOf(op.docId) - 10 : RECORD_DELETES.includes(op.docId) ? 20 : op.kind === 'delete' ? 10 : 0;
const ordered = [...copperOperations].sort((a, b) => order(a) - order(b));

function parametersFor(op: OperationSpec, ctx: Context): IDataObject {
	const given = overrides(ctx)[op.docId] ?? {};
	const parameters: IDataObject = { resource: op.resource, operation: op.value };
	for (const field of [...(op.pathParams ?? []), ...(op.query ?? []).filter((q) => q.required), ...(op.body ?? []).filter((b) => b.required)]) {
		parameters[field.name] = sampleValue(field, op, ctx) as IDataObject[string];
	}
	if (op.paginated) Object.assign(parameters, { returnAll: false, limit: 3 });
	return { ...parameters, ...given };
}

/** F-4 as a client does it: the signed answer's fields in order, the file last; resolves to the key. */
async function uploadToStorage(signed: IDataObject): Promise<string> {
	const form = new FormData();
	for (const [name, value] of Object.entries(signed.body as Record<string, string>)) form.append(name === 'aws_access_key_id' ? 'AWSAccessKeyId' : name, value);
	form.append('file', new Blob([Buffer.from('%PDF-1.4')], { type: 'application/pdf' }), 'report.pdf');
	const response = await fetch(String(signed.url), { method: 'POST', body: form });
	expect(response.status).toBe(201);
	return (signed.body as IDataObject).key as string;
}

const getPath = (value: unknown, path: string) =>
	path.split('.').reduce<unknown>((cursor, key) => (cursor as IDataObject | undefined)?.[key], value);

describe('every Copper operation through the engine', () => {
	const h: CopperHarness = useCopperSandbox();
	const ctx: Context = {};
	const ran = new Set<string>();

	beforeAll(() => {
		const store = h.sandbox.store;
		ctx.person = firstId(store.people);
		ctx.personEmail = store.get('people', Number(ctx.person))!.emails[0].email;
		ctx.lead = firstId(store.leads);
		ctx.convertLead = [...store.leads.keys()][1];
		ctx.company = firstId(store.companies);
		ctx.opportunity = firstId(store.opportunities);
		ctx.project = firstId(store.projects);
		ctx.task = firstId(store.tasks);
		ctx.activity = firstId(store.activities);
		ctx.user = store.apiUserId;
	});

	it.each(ordered.map((op) => [`${op.docId} ${op.title}`, op] as const))('%s', async (_name, op) => {
		const parameters = parametersFor(op, ctx);
		const items = op.bulk ? [{}, {}] : [{}];
		const inputItems = op.upload ? [{ json: {}, binary: { data: { data: 'aGVsbG8=', mimeType: 'text/plain', fileName: 'hello.txt' } } }] : undefined;
		const result = await h.run(parameters, { items, inputItems });
		expect(result.error).toBeUndefined();

		const request = h.sandbox.requests.find((r) => r.method === op.method);
		expect(request).toBeDefined();
		const expectedPath = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(String(parameters[name])));
		expect(request!.path).toBe(expectedPath);
		expect(request!.status).toBeLessThan(300);
		expect(request!.headers['x-pw-accesstoken']).toBe(API_KEY);
		expect(request!.headers['x-pw-useremail']).toBe(EMAIL);
		expect(request!.headers['x-pw-application']).toBe('developer_api');

		const body = op.bulk ? (request!.body as IDataObject)[op.bulk.key] : request!.body;
		if (op.bulk) expect(body).toHaveLength(2);
		const record = op.bulk ? (body as IDataObject[])[0] : body;
		for (const field of (op.body ?? []).filter((b) => b.required)) {
			expect(getPath(record, field.bodyPath ?? field.name)).toBeDefined();
		}
		if (op.paginated) expect(request!.body ?? request!.query).toMatchObject({ page_number: 1, page_size: 3 });
		if (op.method === 'GET') expect(request!.rawBody).toBe('');

		// Remember what later operations depend on.
		const first = result.items[0]?.json ?? {};
		if (op.docId === 'W-1') ctx.webhook = first.id as number;
		if (op.docId === 'F-3') ctx.uploadKey = await uploadToStorage(first);
		if (op.docId === 'F-5') ctx.file = first.id as number;
		if (op.docId === 'CN-3') ctx.connection = first.id as number;
		ran.add(op.docId);
	});

	it('ran every catalog operation successfully', () => {
		expect(ran).toEqual(new Set(copperOperations.map((op) => op.docId)));
	});
});
