/**
 * File attachments (spec §3.20). Upload is three steps: F-3 returns a signed-URL object whose `url`
 * is the sandbox's file storage (storage.ts: another port, no auth); F-4 posts the multipart form
 * there (201 + S3-style XML); F-5 relates the uploaded `key` to the record, and only an uploaded one.
 */

import { FILE_ENTITIES } from '../entities';
import { invalidInput, notFound, unprocessable } from '../errors';
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
		const { url, body } = ctx.store.storage!.signUpload();
		const fields = Object.entries(body)
			.map(([k, v]) => `-F "${k === 'aws_access_key_id' ? 'AWSAccessKeyId' : k}=${v}"`)
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
		if (!upload?.uploaded) throw unprocessable('No uploaded file under this key: upload the file to the signed URL first');
		const now = ctx.store.now();
		const file: StoredFile = {
			id: ctx.store.nextId(),
			is_deleted: false,
			file_name: b.file_name.trim(),
			file_size: upload.file_size,
			content_type: upload.content_type,
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
