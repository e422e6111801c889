/**
 * The stand-in for Copper's file storage (an S3 bucket taking presigned POST uploads, spec §3.20
 * F-4), on its own port so that it is another origin than the API. `signUpload` makes what the
 * API's F-3 answers: a key under `temp_uploads/`, a base64 policy (expiration, bucket, key prefix,
 * acl, success_action_status, content-length-range) and its HMAC signature. A POST is checked like S3
 * checks it: the signed fields in the order F-3 gave them and the file last, the access key and
 * signature, the policy's expiry, key prefix, acl, status and size range; the answer is 201 with
 * S3's XML, or S3's XML error. It needs no credential and records every request it gets.
 */
import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { CopperStore } from './store';

export const STORAGE_PATH = '/';
const BUCKET = 'copper-sandbox-userassets';
const ACCESS_KEY = 'AKIASANDBOXCOPPER000';
const SECRET = 'sandbox-storage-signing-secret';
/** The signed form fields in the order F-3 answers them, as the form names them (file comes last). */
export const FORM_ORDER = ['acl', 'AWSAccessKeyId', 'key', 'policy', 'signature', 'success_action_status'];

export interface StorageRequest {
	method: string;
	path: string;
	headers: http.IncomingHttpHeaders;
	bytes: number;
	/** Form field names in the order received. */
	fields: string[];
	status: number;
}

/** A one-shot answer instead of the normal handling (e.g. a redirect). */
export interface StorageAnswer {
	status: number;
	headers?: Record<string, string>;
	body?: string;
}

export interface CopperStorage {
	url: string;
	requests: StorageRequest[];
	/** The bytes stored under each key. */
	objects: Map<string, Buffer>;
	/** The size limit the next signed policies carry (content-length-range), in bytes. */
	maxBytes: number;
	/** How long the next signed policies are valid, in seconds (negative: already expired). */
	policySeconds: number;
	/** Answers queued for the next POSTs. */
	nextAnswers: StorageAnswer[];
	signUpload(): { url: string; body: Record<string, string> };
	close(): Promise<void>;
}

interface Part {
	name: string;
	filename?: string;
	contentType?: string;
	data: Buffer;
}

function parseMultipart(raw: Buffer, contentType: string): Part[] | undefined {
	const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	if (!/^multipart\/form-data/i.test(contentType) || !m) return undefined;
	const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
	const parts: Part[] = [];
	let pos = raw.indexOf(boundary);
	while (pos !== -1) {
		const start = pos + boundary.length;
		if (raw.subarray(start, start + 2).toString() === '--') return parts;
		const next = raw.indexOf(boundary, start);
		if (next === -1) return undefined;
		const chunk = raw.subarray(start + 2, next - 2);
		const sep = chunk.indexOf('\r\n\r\n');
		if (sep === -1) return undefined;
		const head = chunk.subarray(0, sep).toString('utf8');
		const name = /name="([^"]*)"/i.exec(head)?.[1];
		if (name === undefined) return undefined;
		parts.push({
			name,
			filename: /filename="([^"]*)"/i.exec(head)?.[1],
			contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim(),
			data: chunk.subarray(sep + 4),
		});
		pos = next;
	}
	return undefined;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const xmlError = (status: number, code: string, message: string): StorageAnswer => ({
	status,
	body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message><RequestId>${randomUUID()}</RequestId></Error>`,
});

const sign = (policy: string) => createHmac('sha1', SECRET).update(policy).digest('base64');

type Policy = { expiration: string; conditions: unknown[] };

function condition(policy: Policy, name: string): unknown {
	for (const c of policy.conditions) {
		if (c && typeof c === 'object' && !Array.isArray(c) && name in c) return (c as Record<string, unknown>)[name];
	}
	return undefined;
}

function arrayCondition(policy: Policy, head: string): unknown[] | undefined {
	return policy.conditions.find((c): c is unknown[] => Array.isArray(c) && c[0] === head);
}

/** The S3 checks of one POST; undefined when the upload is accepted. */
function check(parts: Part[], store: CopperStore): StorageAnswer | undefined {
	const names = parts.map((p) => p.name);
	const fileAt = names.indexOf('file');
	if (fileAt === -1) return xmlError(400, 'InvalidArgument', 'POST requires exactly one file upload per request.');
	if (fileAt !== names.length - 1) return xmlError(400, 'InvalidArgument', 'The file must be the last field of the form.');
	if (names.slice(0, fileAt).join(',') !== FORM_ORDER.join(',')) {
		return xmlError(400, 'InvalidArgument', `Form fields out of the signed order: got ${names.slice(0, fileAt).join(', ')}`);
	}
	const field = (name: string) => parts.find((p) => p.name === name)?.data.toString('utf8') ?? '';
	if (field('AWSAccessKeyId') !== ACCESS_KEY) return xmlError(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
	if (field('signature') !== sign(field('policy'))) {
		return xmlError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
	}
	const policy = JSON.parse(Buffer.from(field('policy'), 'base64').toString('utf8')) as Policy;
	if (Date.parse(policy.expiration) <= Date.now()) return xmlError(403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');
	const prefix = arrayCondition(policy, 'starts-with');
	const key = field('key');
	if (!prefix || !key.startsWith(String(prefix[2])) || !store.uploads.has(key)) {
		return xmlError(403, 'AccessDenied', `Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "${String(prefix?.[2])}"]`);
	}
	for (const name of ['acl', 'success_action_status']) {
		if (field(name) !== condition(policy, name)) return xmlError(403, 'AccessDenied', `Invalid according to Policy: Policy Condition failed: ["eq", "$${name}", "${String(condition(policy, name))}"]`);
	}
	const range = arrayCondition(policy, 'content-length-range') as [string, number, number] | undefined;
	const size = parts[fileAt].data.length;
	if (range && size > range[2]) return xmlError(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
	if (range && size < range[1]) return xmlError(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size');
	return undefined;
}

function accept(storage: CopperStorage, store: CopperStore, parts: Part[]): StorageAnswer {
	const file = parts[parts.length - 1];
	const key = parts.find((p) => p.name === 'key')!.data.toString('utf8');
	storage.objects.set(key, Buffer.from(file.data));
	store.uploads.set(key, { key, uploaded: true, file_name: file.filename ?? null, file_size: file.data.length, content_type: file.contentType ?? 'binary/octet-stream' });
	const location = `${storage.url}${encodeURI(key)}`;
	return {
		status: 201,
		body:
			'<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse>' +
			`<Location>${xmlEscape(location)}</Location><Bucket>${BUCKET}</Bucket><Key>${xmlEscape(key)}</Key>` +
			`<ETag>"${randomUUID().replace(/-/g, '')}"</ETag></PostResponse>`,
	};
}

function answerPost(storage: CopperStorage, store: CopperStore, raw: Buffer, contentType: string, record: StorageRequest): StorageAnswer {
	const parts = parseMultipart(raw, contentType);
	if (!parts) return xmlError(400, 'MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.');
	record.fields = parts.map((p) => p.name);
	return check(parts, store) ?? accept(storage, store, parts);
}

/** Starts the storage on its own port of `host`, sharing the API sandbox's store. */
export async function startCopperStorage(store: CopperStore, host: string): Promise<CopperStorage> {
	const storage = { requests: [], objects: new Map(), maxBytes: 10 * 1024 * 1024, policySeconds: 3600, nextAnswers: [] } as unknown as CopperStorage;
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			const record: StorageRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: { ...req.headers }, bytes: raw.length, fields: [], status: 0 };
			storage.requests.push(record);
			const queued = storage.nextAnswers.shift();
			const answer =
				queued ??
				(record.method !== 'POST' || record.path !== STORAGE_PATH
					? xmlError(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.')
					: answerPost(storage, store, raw, String(req.headers['content-type'] ?? ''), record));
			record.status = answer.status;
			res.writeHead(answer.status, { 'Content-Type': 'application/xml', ...(answer.headers ?? {}) });
			res.end(answer.body ?? '');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, host, resolve));
	const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
	storage.url = `http://${urlHost}:${(server.address() as AddressInfo).port}${STORAGE_PATH}`;
	storage.signUpload = () => {
		const prefix = `temp_uploads/${randomUUID()}/`;
		const key = `${prefix}${randomUUID()}`;
		const expiration = new Date(Date.now() + storage.policySeconds * 1000).toISOString();
		const conditions = [{ bucket: BUCKET }, ['starts-with', '$key', prefix], { acl: 'private' }, { success_action_status: '201' }, ['content-length-range', 0, storage.maxBytes]];
		const policy = Buffer.from(JSON.stringify({ expiration, conditions })).toString('base64');
		store.uploads.set(key, { key, uploaded: false, file_name: null, file_size: 0, content_type: 'binary/octet-stream' });
		return { url: storage.url, body: { acl: 'private', aws_access_key_id: ACCESS_KEY, key, policy, signature: sign(policy), success_action_status: '201' } };
	};
	storage.close = () =>
		new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	return storage;
}
