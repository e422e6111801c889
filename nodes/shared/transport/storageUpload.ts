/**
 * The one request that leaves the service's API: a presigned multipart/form-data POST of a file to
 * object storage (an S3 POST policy). It carries no credential (n8n's plain request helper), the
 * signed fields in the order given and the file last; a redirect is followed only to the same origin,
 * and the storage's XML error (`<Code>`, `<Message>`) becomes the error message. Its answer is read
 * up to a small bound.
 */
import { randomBytes } from 'crypto';
import { NodeApiError, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import { describeNetworkFailure } from './apiError';
import { networkCode } from './retryPolicy';

/** The file to send: its bytes, the name and MIME type the form part declares. */
export interface StorageFile {
	name: string;
	mimeType: string;
	data: Buffer;
}

/** A presigned storage form: where to POST, and the signed fields in their order. */
export interface StorageForm {
	url: string;
	fields: Array<[string, string]>;
}

/** How much of the storage's answer is read (its XML is a few hundred bytes). */
const MAX_ANSWER_BYTES = 64 * 1024;
/** Same-origin redirects followed at most. */
const MAX_REDIRECTS = 3;
const CRLF = '\r\n';

/** A quoted multipart parameter value: quotes and line breaks percent-encoded, as browsers send them. */
function quoted(value: string): string {
	return value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A MIME type fit for a part header; anything else is sent as application/octet-stream. */
function partType(mimeType: string): string {
	return /^[\w.+-]+\/[\w.+-]+$/.test(mimeType) ? mimeType : 'application/octet-stream';
}

/** The multipart/form-data body: every field in order, then the file. */
export function multipartBody(form: StorageForm, file: StorageFile, boundary: string): Buffer {
	const head = form.fields
		.map(([name, value]) => `--${boundary}${CRLF}Content-Disposition: form-data; name="${quoted(name)}"${CRLF}${CRLF}${value}${CRLF}`)
		.join('');
	const filePart =
		`--${boundary}${CRLF}Content-Disposition: form-data; name="file"; filename="${quoted(file.name)}"${CRLF}` +
		`Content-Type: ${partType(file.mimeType)}${CRLF}${CRLF}`;
	return Buffer.concat([Buffer.from(head + filePart, 'utf8'), file.data, Buffer.from(`${CRLF}--${boundary}--${CRLF}`, 'utf8')]);
}

/** The text of one element of an XML answer (S3's `<Error>`), entities decoded. */
export function xmlText(xml: string, tag: string): string | undefined {
	const start = xml.indexOf(`<${tag}>`);
	if (start === -1) return undefined;
	const end = xml.indexOf(`</${tag}>`, start);
	if (end === -1) return undefined;
	return xml
		.slice(start + tag.length + 2, end)
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&amp;/g, '&')
		.trim();
}

/** The storage's answer as text, read up to MAX_ANSWER_BYTES (the rest is dropped). */
async function boundedText(body: unknown): Promise<string> {
	if (typeof body === 'string') return body.slice(0, MAX_ANSWER_BYTES);
	if (Buffer.isBuffer(body)) return body.subarray(0, MAX_ANSWER_BYTES).toString('utf8');
	if (!body || typeof body !== 'object' || !(Symbol.asyncIterator in body)) return '';
	const chunks: Buffer[] = [];
	let size = 0;
	const stream = body as AsyncIterable<Buffer | string> & { destroy?: () => void };
	for await (const chunk of stream) {
		const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
		chunks.push(bytes);
		size += bytes.length;
		if (size >= MAX_ANSWER_BYTES) break;
	}
	stream.destroy?.();
	return Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString('utf8');
}

function storageError(fn: IExecuteFunctions, message: string, description: string, itemIndex: number, status?: number): NodeApiError {
	const httpCode = status ? String(status) : undefined;
	return new NodeApiError(fn.getNode(), { message, ...(httpCode ? { httpCode } : {}) } as JsonObject, {
		message,
		description,
		httpCode,
		itemIndex,
	});
}

/** The error of a storage answer that is not a success: its XML `<Message>` and `<Code>`, else the status. */
function refusal(fn: IExecuteFunctions, status: number, text: string, origin: string, itemIndex: number): NodeApiError {
	const code = xmlText(text, 'Code');
	const vendor = xmlText(text, 'Message');
	const reason = vendor ? `${vendor.slice(0, 300)}${code ? ` (${code})` : ''}` : (code ?? `HTTP ${status}`);
	return storageError(fn, `The file storage refused the upload: ${reason}`, `The storage at ${origin} answered HTTP ${status}.`, itemIndex, status);
}

type StorageAnswer = { statusCode: number; headers: Record<string, unknown>; body: unknown };

async function postOnce(fn: IExecuteFunctions, url: string, body: Buffer, boundary: string, timeoutMs: number, itemIndex: number): Promise<StorageAnswer> {
	try {
		return (await fn.helpers.httpRequest({
			method: 'POST',
			url,
			headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, Accept: 'application/xml' },
			body,
			json: false,
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: timeoutMs,
		})) as StorageAnswer;
	} catch (error) {
		const code = networkCode(error);
		const origin = new URL(url).origin;
		const reason = describeNetworkFailure(code, timeoutMs);
		throw storageError(fn, `No response from the file storage: ${reason}`, `POST to ${origin} failed${code ? ` (${code})` : ''}.`, itemIndex);
	}
}

/** The next URL of a same-origin 307/308 redirect; an error for any other redirect. */
function redirectTarget(fn: IExecuteFunctions, answer: StorageAnswer, url: string, itemIndex: number): string {
	const location = answer.headers.location;
	const origin = new URL(url).origin;
	let next: URL | undefined;
	try {
		next = typeof location === 'string' ? new URL(location, url) : undefined;
	} catch {
		next = undefined;
	}
	if (!next) throw storageError(fn, 'The file storage answered a redirect without a valid location', `The storage at ${origin} answered HTTP ${answer.statusCode}.`, itemIndex, answer.statusCode);
	if (next.origin !== origin) {
		throw storageError(fn, `The file storage redirected the upload to another origin (${next.origin}); not followed`, `The storage at ${origin} answered HTTP ${answer.statusCode}.`, itemIndex, answer.statusCode);
	}
	if (answer.statusCode !== 307 && answer.statusCode !== 308) {
		throw storageError(fn, `The file storage answered a redirect (HTTP ${answer.statusCode}) that would drop the file; not followed`, `The storage at ${origin} redirected to ${next.pathname}.`, itemIndex, answer.statusCode);
	}
	return next.href;
}

/** POSTs the file with the signed form, without any credential; resolves when the storage accepted it. */
export async function postToStorage(fn: IExecuteFunctions, form: StorageForm, file: StorageFile, itemIndex: number, timeoutMs: number): Promise<void> {
	const boundary = `----n8nCopperUpload${randomBytes(16).toString('hex')}`;
	const body = multipartBody(form, file, boundary);
	let url = form.url;
	for (let hop = 0; ; hop++) {
		const answer = await postOnce(fn, url, body, boundary, timeoutMs, itemIndex);
		const isRedirect = answer.statusCode >= 300 && answer.statusCode < 400;
		if (!isRedirect || hop >= MAX_REDIRECTS) {
			const text = await boundedText(answer.body);
			if (answer.statusCode >= 200 && answer.statusCode < 300) return;
			throw refusal(fn, answer.statusCode, text, new URL(url).origin, itemIndex);
		}
		await boundedText(answer.body);
		url = redirectTarget(fn, answer, url, itemIndex);
	}
}
