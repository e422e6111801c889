/**
 * File attachments (spec §3.20). Upload is three steps: F-3 returns a signed-URL object whose `url`
 * is the sandbox's own `/s3-upload` (outside the API prefix, no auth); F-4 posts the multipart form
 * there (201 + S3-style XML); F-5 relates the uploaded `key` to the record.
 */

import { randomUUID } from 'node:crypto';

import { FILE_ENTITIES } from '../entities';
import { invalidInput, notFound } from '../errors';
import { idParam, ok, type Ctx, type Reply, type Router } from '../router';
import { fileMeta } from '../serialize';
import type { CopperStore } from '../store';
import type { FileEntity, StoredFile } from '../types';
import { bodyObject, entityParam, recordParam } from './util';

function fileEntity(ctx: Ctx): { entity: FileEntity; id: number } {
	const entity = entityParam(ctx, 'entity', FILE_ENTITIES) as FileEntity;
	const rec = recordParam(ctx, entity);
	return { entity, id: rec.id };
}

function findFile(ctx: Ctx): StoredFile {
	const { entity, id } = fileEntity(ctx);
	const f = ctx.store.files.get(idParam(ctx, 'fileId'));
	if (!f || f.entity_type !== entity || f.entity_id !== id) throw notFound();
	return f;
}

export function registerFileRoutes(router: Router): void {
	router.get('/:entity/:id/files/s3_signed_url', (ctx) => {
		fileEntity(ctx);
		const key = `temp_uploads/${randomUUID()}/${randomUUID()}`;
		ctx.store.uploads.set(key, { key, uploaded: false, file_name: null, file_size: 0, content_type: 'binary/octet-stream' });
		const url = `${ctx.origin}/s3-upload`;
		const body = {
			acl: 'private',
			aws_access_key_id: 'AKIASANDBOXCOPPER000',
			key,
			policy: Buffer.from(JSON.stringify({ expiration: new Date(Date.now() + 3600_000).toISOString(), key })).toString('base64'),
			signature: Buffer.from(key).toString('base64').slice(0, 28),
			success_action_status: '201',
		};
		const fields = Object.entries({ ...body, AWSAccessKeyId: body.aws_access_key_id })
			.filter(([k]) => k !== 'aws_access_key_id')
			.map(([k, v]) => `-F "${k}=${v}"`)
			.join(' ');
		return ok({ body, method: 'POST', url, sample_curl: `curl -X POST -v ${fields} -F file=@your-file.txt "${url}"` });
	});
	router.get('/:entity/:id/files', (ctx) => {
		const { entity, id } = fileEntity(ctx);
		return ok(ctx.store.filesOf(entity, id).map(fileMeta));
	});
	router.get('/:entity/:id/files/:fileId', (ctx) => ok(fileMeta(findFile(ctx))));
	router.post('/:entity/:id/files', (ctx) => {
		const { entity, id } = fileEntity(ctx);
		const b = bodyObject(ctx);
		if (typeof b.file_name !== 'string' || b.file_name.trim() === '') throw invalidInput('file_name is required');
		if (typeof b.key !== 'string' || b.key.trim() === '') throw invalidInput('key is required');
		const upload = ctx.store.uploads.get(b.key);
		const now = ctx.store.now();
		const file: StoredFile = {
			id: ctx.store.nextId(),
			is_deleted: false,
			file_name: b.file_name.trim(),
			file_size: upload?.file_size ?? 0,
			content_type: upload?.content_type ?? 'binary/octet-stream',
			creator_id: ctx.store.apiUserId,
			date_created: now,
			date_modified: now,
			entity_type: entity,
			entity_id: id,
			key: b.key,
		};
		ctx.store.files.set(file.id, file);
		return ok(fileMeta(file));
	});
	router.delete('/:entity/:id/files/:fileId', (ctx) => {
		const f = findFile(ctx);
		ctx.store.files.delete(f.id);
		return ok({ removed: true, resource: { id: f.id, type: 'file' } });
	});
}

// S3 stand-in -------------------------------------------------------------------------------

interface Part {
	name: string;
	filename?: string;
	contentType?: string;
	data: Buffer;
}

function parseMultipart(raw: Buffer, contentType: string): Part[] {
	const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	if (!m) return [];
	const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
	const parts: Part[] = [];
	let pos = raw.indexOf(boundary);
	while (pos !== -1) {
		const start = pos + boundary.length;
		if (raw.subarray(start, start + 2).toString() === '--') break;
		const next = raw.indexOf(boundary, start);
		if (next === -1) break;
		const chunk = raw.subarray(start + 2, next - 2); // skip CRLF after boundary and before the next
		const sep = chunk.indexOf('\r\n\r\n');
		if (sep !== -1) {
			const head = chunk.subarray(0, sep).toString('utf8');
			const name = /name="([^"]*)"/i.exec(head)?.[1];
			if (name !== undefined) {
				parts.push({
					name,
					filename: /filename="([^"]*)"/i.exec(head)?.[1],
					contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim(),
					data: chunk.subarray(sep + 4),
				});
			}
		}
		pos = next;
	}
	return parts;
}

function xmlEscape(s: string): string {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** POST {origin}/s3-upload: multipart form with `key` and `file`; 201 with S3's XML answer. */
export function handleS3Upload(store: CopperStore, raw: Buffer, contentType: string, origin: string): Reply & { contentType: string } {
	const parts = parseMultipart(raw, contentType);
	const key = parts.find((p) => p.name === 'key')?.data.toString('utf8');
	const file = parts.find((p) => p.name === 'file');
	if (!key || !file) {
		return {
			status: 400,
			contentType: 'application/xml',
			body: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InvalidArgument</Code><Message>key and file are required</Message></Error>',
		};
	}
	store.uploads.set(key, {
		key,
		uploaded: true,
		file_name: file.filename ?? null,
		file_size: file.data.length,
		content_type: file.contentType ?? 'binary/octet-stream',
	});
	const location = `${origin}/s3-upload/${encodeURI(key)}`;
	return {
		status: 201,
		contentType: 'application/xml',
		body:
			'<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse>' +
			`<Location>${xmlEscape(location)}</Location><Bucket>copper-sandbox</Bucket><Key>${xmlEscape(key)}</Key>` +
			`<ETag>"${randomUUID().replace(/-/g, '')}"</ETag></PostResponse>`,
	};
}
