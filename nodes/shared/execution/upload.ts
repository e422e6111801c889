/**
 * An upload operation (`upload` in the catalog) for one input item: the item's binary file is
 * checked first (field, name, size: before any request), then the signed storage form is fetched
 * with the credential, the file goes to storage without it (transport/storageUpload.ts), and the
 * relate request, with the credential, gives the output: the related file's metadata.
 */
import type { IBinaryData, IDataObject } from 'n8n-workflow';

import type { OperationSpec, UploadSpec } from '../catalog';
import { BINARY_PROPERTY, UPLOAD_FILE_NAME } from '../parameters';
import { vendorError } from '../transport/apiError';
import { postToStorage, type StorageFile, type StorageForm } from '../transport/storageUpload';
import { send, type Transport } from '../transport/transport';
import { fieldError, type ValueContext } from '../values/context';
import { isPlainObject } from '../values/parse';
import { buildPath } from './request';
import { valueContext, type RunContext } from './runContext';

/** Labels of the upload parameters, as errors name them. */
const BINARY_LABEL = 'Input Binary Field';
const NAME_LABEL = 'File Name';
/** The storage POST may take longer than an API call: at least this long. */
const MIN_STORAGE_TIMEOUT_MS = 120_000;

const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/** The size n8n knows before reading the file: stored metadata, the item's byte count or the base64 length. */
async function knownSize(run: RunContext, binary: IBinaryData): Promise<number | undefined> {
	if (binary.id) return (await run.fn.helpers.getBinaryMetadata(binary.id)).fileSize;
	if (typeof binary.bytes === 'number') return binary.bytes;
	return typeof binary.data === 'string' ? Math.floor((binary.data.length * 3) / 4) : undefined;
}

function tooLarge(ctx: ValueContext, size: number, spec: UploadSpec): Error {
	return fieldError(ctx, BINARY_LABEL, `the file has ${size} bytes; this operation uploads files of up to ${megabytes(spec.maxBytes)} (${spec.maxBytes} bytes)`);
}

/** The item's binary data under the named field; an error naming the field when there is none. */
function itemBinary(run: RunContext, ctx: ValueContext, property: string): IBinaryData {
	if (property === '') throw fieldError(ctx, BINARY_LABEL, 'give the name of the binary field holding the file (usually "data")');
	try {
		return run.fn.helpers.assertBinaryData(ctx.itemIndex, property);
	} catch {
		const names = Object.keys(run.fn.getInputData()[ctx.itemIndex]?.binary ?? {});
		const present = names.length ? `it has ${names.map((name) => `"${name}"`).join(', ')}` : 'it has no binary data';
		throw fieldError(ctx, BINARY_LABEL, `the input item has no binary field "${property}" (${present})`);
	}
}

/** The file of one item, checked and read: every problem is reported before any request. */
async function readItemFile(run: RunContext, spec: UploadSpec, itemIndex: number): Promise<StorageFile> {
	const ctx = valueContext(run, itemIndex);
	const property = String(run.fn.getNodeParameter(BINARY_PROPERTY, itemIndex, 'data') ?? '').trim();
	const binary = itemBinary(run, ctx, property);
	const given = String(run.fn.getNodeParameter(UPLOAD_FILE_NAME, itemIndex, '') ?? '').trim();
	const name = given || (binary.fileName ?? '').trim();
	if (name === '') throw fieldError(ctx, NAME_LABEL, `the binary field "${property}" has no file name; enter one`);
	if (name.length > 255) throw fieldError(ctx, NAME_LABEL, 'at most 255 characters');
	const size = await knownSize(run, binary);
	if (size !== undefined && size > spec.maxBytes) throw tooLarge(ctx, size, spec);
	const data = await run.fn.helpers.getBinaryDataBuffer(itemIndex, property);
	if (data.length > spec.maxBytes) throw tooLarge(ctx, data.length, spec);
	return { name, mimeType: binary.mimeType || 'application/octet-stream', data };
}

/** A form value the storage form can carry (text; numbers and booleans as text). */
function formValue(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return undefined;
}

/** Where the file may go: http(s) without user info; plain http only when the API itself is plain http (a local server). */
export function storageUrl(raw: unknown, apiBaseUrl: string): string | undefined {
	if (typeof raw !== 'string') return undefined;
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return undefined;
	}
	const allowHttp = apiBaseUrl.startsWith('http://');
	if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) return undefined;
	if (url.username || url.password) return undefined;
	return url.href;
}

/** The storage form of the signed answer (`{url, method, body: {fields}}`), checked; an API error when unusable. */
function signedForm(transport: Transport, answer: unknown, spec: UploadSpec, itemIndex: number): StorageForm & { key: string } {
	const unusable = (problem: string) =>
		vendorError(transport.fn.getNode(), `${transport.service.displayName}'s signed upload answer is unusable: ${problem}`, `GET ${spec.signedUrlPath}`, itemIndex, transport.redact);
	if (!isPlainObject(answer)) throw unusable('not a JSON object');
	const url = storageUrl(answer.url, transport.baseUrl);
	if (!url) throw unusable('no https URL to upload to');
	if (answer.method !== undefined && String(answer.method).toUpperCase() !== 'POST') throw unusable(`the method "${String(answer.method)}" is not POST`);
	if (!isPlainObject(answer.body)) throw unusable('no form fields');
	const fields: Array<[string, string]> = [];
	for (const [name, raw] of Object.entries(answer.body)) {
		const value = formValue(raw);
		const formName = Object.prototype.hasOwnProperty.call(spec.formFieldNames ?? {}, name) ? spec.formFieldNames![name] : name;
		if (value === undefined || !/^[\w.$-]{1,128}$/.test(formName) || formName === 'file') throw unusable(`the form field "${name.slice(0, 60)}" cannot be sent`);
		fields.push([formName, value]);
	}
	const key = fields.find(([name]) => name === 'key')?.[1];
	if (!key) throw unusable('no storage key');
	return { url, fields, key };
}

/** The output of the relate request: the related file's metadata. */
function relatedRecords(body: unknown): IDataObject[] {
	return isPlainObject(body) && Object.keys(body).length ? [body as IDataObject] : [{ success: true }];
}

/** Uploads the item's binary file and relates it to the record; the output is the related file's metadata. */
export async function uploadItem(run: RunContext, transport: Transport, op: OperationSpec, itemIndex: number): Promise<IDataObject[]> {
	const spec = op.upload!;
	const file = await readItemFile(run, spec, itemIndex);
	const relatePath = buildPath(run, op, itemIndex);
	const signedPath = buildPath(run, { ...op, path: spec.signedUrlPath }, itemIndex);
	const signed = await send(transport, { method: 'GET', path: signedPath }, 'read', itemIndex, true);
	const form = signedForm(transport, signed.body, spec, itemIndex);
	await postToStorage(run.fn, form, file, itemIndex, Math.max(transport.retry.timeoutMs, MIN_STORAGE_TIMEOUT_MS));
	const body = { [spec.relateFileNameKey]: file.name, [spec.relateKeyKey]: form.key };
	const related = await send(transport, { method: op.method, path: relatePath, body }, op.kind, itemIndex);
	return relatedRecords(related.body);
}
