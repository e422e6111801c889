/**
 * "Upload a File" through the real engine against the sandbox and its file storage (another
 * origin): the three steps, the bytes and the signed form as the storage received them, no
 * credential on the storage request, the storage's refusals and redirects, bad input before any
 * request, and Continue On Fail pairing.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { API_KEY, EMAIL, OAUTH_TOKEN, jsonOf, useCopperSandbox } from '../helpers/copper';
import { FORM_ORDER } from '../../tooling/sandbox/copper/storage';

const firstId = (map: Map<number, unknown>) => [...map.keys()][0];

/** An input item with `bytes` as in-memory binary data under `property`. */
function fileItem(bytes: Buffer, fileName = 'contract.pdf', property = 'data', json: IDataObject = {}): INodeExecutionData {
	return {
		json,
		binary: { [property]: { data: bytes.toString('base64'), mimeType: 'application/pdf', fileName, fileExtension: 'pdf', bytes: bytes.length } },
	};
}

const CREDENTIAL_HEADERS = ['x-pw-accesstoken', 'x-pw-useremail', 'x-pw-application', 'authorization', 'cookie'];

describe('Copper: Upload a File', () => {
	const h = useCopperSandbox();
	const personId = () => String(firstId(h.sandbox.store.people));
	const upload = (extra: IDataObject = {}) => ({ resource: 'people', operation: 'uploadFile', person_id: personId(), ...extra });

	afterEach(() => {
		h.sandbox.storage.maxBytes = 10 * 1024 * 1024;
		h.sandbox.storage.policySeconds = 3600;
		h.sandbox.storage.nextAnswers.length = 0;
	});

	it('uploads in-memory binary data in three steps and returns the related file, paired', async () => {
		const bytes = Buffer.from('%PDF-1.4 signed contract\n\u0000\u00ff binary tail', 'latin1');
		const result = await h.run(upload(), { inputItems: [fileItem(bytes)] });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		const file = result.items[0].json;
		expect(file).toMatchObject({ file_name: 'contract.pdf', file_size: bytes.length, content_type: 'application/pdf', is_deleted: false });

		expect(h.sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /people/${personId()}/files/s3_signed_url`, `POST /people/${personId()}/files`]);
		const relate = h.sandbox.requests[1];
		expect(relate.headers['x-pw-accesstoken']).toBe(API_KEY);
		const key = (relate.body as IDataObject).key as string;
		expect(key).toMatch(/^temp_uploads\//);
		expect(relate.body).toEqual({ file_name: 'contract.pdf', key });

		const [stored] = h.sandbox.storage.requests;
		expect(h.sandbox.storage.requests).toHaveLength(1);
		expect(stored.status).toBe(201);
		expect(stored.fields).toEqual([...FORM_ORDER, 'file']);
		expect(h.sandbox.storage.objects.get(key)).toEqual(bytes);

		const listed = await h.run({ resource: 'files', operation: 'list', entity_type: 'people', entity_id: personId() });
		expect(jsonOf(listed)).toContainEqual(file);
		const meta = await h.run({ resource: 'files', operation: 'get', entity_type: 'people', entity_id: personId(), file_id: String(file.id) });
		expect(jsonOf(meta)).toEqual([file]);
	});

	it('sends no credential to the storage, with an API key or OAuth2', async () => {
		for (const oauth of [false, true]) {
			h.sandbox.clearRequests();
			const result = await h.run(upload(), { inputItems: [fileItem(Buffer.from('hello'))], oauth });
			expect(result.error).toBeUndefined();
			const [stored] = h.sandbox.storage.requests;
			for (const header of CREDENTIAL_HEADERS) expect(stored.headers[header]).toBeUndefined();
			expect(JSON.stringify(stored.headers)).not.toContain(API_KEY);
			expect(JSON.stringify(stored.headers)).not.toContain(EMAIL);
			expect(JSON.stringify(stored.headers)).not.toContain(OAUTH_TOKEN);
			expect(stored.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		}
	});

	it.each([
		['leads', 'lead_id', 'leads'],
		['companies', 'company_id', 'companies'],
		['opportunities', 'opportunity_id', 'opportunities'],
		['projects', 'project_id', 'projects'],
	] as const)('uploads to %s, and the file is listed on the record', async (resource, idName, storeKey) => {
		const id = String(firstId(h.sandbox.store[storeKey] as Map<number, unknown>));
		const result = await h.run({ resource, operation: 'uploadFile', [idName]: id, fileName: 'renamed.txt' }, { inputItems: [fileItem(Buffer.from('abc'), 'orig.txt')] });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ file_name: 'renamed.txt', file_size: 3 });
		const listed = await h.run({ resource: 'files', operation: 'list', entity_type: resource, entity_id: id });
		expect(jsonOf(listed).map((f) => f.file_name)).toContain('renamed.txt');
	});

	it('reports the storage refusing a file too large for the policy with its XML message, and relates nothing', async () => {
		h.sandbox.storage.maxBytes = 10;
		const result = await h.run(upload(), { inputItems: [fileItem(Buffer.alloc(20, 1))] });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('The file storage refused the upload: Your proposed upload exceeds the maximum allowed size (EntityTooLarge)');
		expect(result.error?.httpCode).toBe('400');
		expect(h.sandbox.requests.map((r) => r.method)).toEqual(['GET']);
	});

	it('reports an expired policy from the storage', async () => {
		h.sandbox.storage.policySeconds = -1;
		const result = await h.run(upload(), { inputItems: [fileItem(Buffer.from('x'))] });
		expect(result.error?.message).toBe('The file storage refused the upload: Invalid according to Policy: Policy expired. (AccessDenied)');
		expect(result.error?.httpCode).toBe('403');
	});

	it('follows a same-origin 307 of the storage and refuses a cross-origin one', async () => {
		h.sandbox.storage.nextAnswers.push({ status: 307, headers: { Location: h.sandbox.storage.url } });
		const followed = await h.run(upload(), { inputItems: [fileItem(Buffer.from('again'))] });
		expect(followed.error).toBeUndefined();
		expect(h.sandbox.storage.requests.map((r) => r.status)).toEqual([307, 201]);

		h.sandbox.clearRequests();
		h.sandbox.storage.nextAnswers.push({ status: 307, headers: { Location: 'http://127.0.0.2:9/elsewhere' } });
		const refused = await h.run(upload(), { inputItems: [fileItem(Buffer.from('again'))] });
		expect(refused.error?.message).toBe('The file storage redirected the upload to another origin (http://127.0.0.2:9); not followed');
		expect(h.sandbox.storage.requests).toHaveLength(1);
		expect(h.sandbox.requests.map((r) => r.method)).toEqual(['GET']);
	});

	it.each([
		['a missing binary field', { binaryPropertyName: 'attachment' }, fileItem(Buffer.from('x')), 'Input Binary Field', 'no binary field "attachment" (it has "data")'],
		['an item without binary data', {}, { json: {} }, 'Input Binary Field', 'no binary field "data" (it has no binary data)'],
		['an empty binary field name', { binaryPropertyName: ' ' }, fileItem(Buffer.from('x')), 'Input Binary Field', 'give the name'],
		['binary data without a file name', {}, { json: {}, binary: { data: { data: 'eA==', mimeType: 'text/plain' } } }, 'File Name', 'has no file name'],
		['a file over the 50 MB limit', {}, { json: {}, binary: { data: { data: 'eA==', mimeType: 'text/plain', fileName: 'a.txt', bytes: 60 * 1024 * 1024 } } }, 'Input Binary Field', 'the file has 62914560 bytes; this operation uploads files of up to 50 MB (52428800 bytes)'],
	] as Array<[string, IDataObject, INodeExecutionData, string, string]>)('rejects %s before any request', async (_name, extra, item, label, problem) => {
		const result = await h.run(upload(extra), { inputItems: [item] });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain(`Invalid value for "${label}": `);
		expect(result.error?.message).toContain(problem);
		expect(h.sandbox.requests).toHaveLength(0);
		expect(h.sandbox.storage.requests).toHaveLength(0);
	});

	it('yields one output per item, paired, with Continue On Fail', async () => {
		const items = [fileItem(Buffer.from('one'), 'one.txt'), { json: { n: 2 } }, fileItem(Buffer.from('three'), 'three.txt')];
		const result = await h.run(upload(), { inputItems: items, continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json.file_name).toBe('one.txt');
		expect(String(result.items[1].json.error)).toContain('Input Binary Field');
		expect(result.items[2].json.file_name).toBe('three.txt');
		expect(h.sandbox.storage.requests).toHaveLength(2);
	});

	it('reports a relate the API refuses with the API message', async () => {
		h.sandbox.injectFault({ method: 'POST', path: `/people/${personId()}/files`, status: 422, body: { success: false, status: 422, message: 'File type not allowed' } });
		const result = await h.run(upload(), { inputItems: [fileItem(Buffer.from('x'))] });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toContain('File type not allowed');
		expect(h.sandbox.storage.requests).toHaveLength(1);
	});
});

describe('the sandbox file storage checks a form like S3', () => {
	const h = useCopperSandbox();

	/** POSTs the signed form with `change` applied to the [name, value] list (file included, last by default). */
	async function post(change: (fields: Array<[string, string | Blob]>) => Array<[string, string | Blob]>) {
		const { url, body } = h.sandbox.storage.signUpload();
		const signed = Object.entries(body).map(([name, value]) => [name === 'aws_access_key_id' ? 'AWSAccessKeyId' : name, value] as [string, string]);
		const form = new FormData();
		for (const [name, value] of change([...signed, ['file', new Blob([Buffer.alloc(16)])]])) {
			if (typeof value === 'string') form.append(name, value);
			else form.append(name, value, 'f.bin');
		}
		const response = await fetch(url, { method: 'POST', body: form });
		return { status: response.status, text: await response.text() };
	}

	it('accepts the signed fields in order with the file last (201, XML)', async () => {
		const answer = await post((fields) => fields);
		expect(answer.status).toBe(201);
		expect(answer.text).toContain('<PostResponse>');
	});

	it.each([
		['the file before a field', (f: Array<[string, string | Blob]>) => [f[6], ...f.slice(0, 6)], 400, 'InvalidArgument'],
		['fields out of the signed order', (f: Array<[string, string | Blob]>) => [f[1], f[0], ...f.slice(2)], 400, 'InvalidArgument'],
		['a changed policy', (f: Array<[string, string | Blob]>) => f.map(([n, v]) => [n, n === 'policy' ? `${String(v)}x` : v]), 403, 'SignatureDoesNotMatch'],
		['a key outside the signed prefix', (f: Array<[string, string | Blob]>) => f.map(([n, v]) => [n, n === 'key' ? 'temp_uploads/other/x' : v]), 403, 'AccessDenied'],
		['another acl', (f: Array<[string, string | Blob]>) => f.map(([n, v]) => [n, n === 'acl' ? 'public-read' : v]), 403, 'AccessDenied'],
	] as Array<[string, (f: Array<[string, string | Blob]>) => Array<[string, string | Blob]>, number, string]>)('refuses %s', async (_name, change, status, code) => {
		const answer = await post(change);
		expect(answer.status).toBe(status);
		expect(answer.text).toContain(`<Code>${code}</Code>`);
	});

	it('refuses a file over the policy size and an expired policy', async () => {
		h.sandbox.storage.maxBytes = 8;
		expect((await post((f) => f)).text).toContain('<Code>EntityTooLarge</Code>');
		h.sandbox.storage.maxBytes = 1024;
		h.sandbox.storage.policySeconds = -1;
		expect((await post((f) => f)).text).toContain('Policy expired');
		h.sandbox.storage.policySeconds = 3600;
	});
});
