/**
 * "Upload a File" on every entity Copper attaches files to (§3.20: F-3, F-4 and F-5 in one
 * operation): the signed storage form (F-3), the multipart POST of the item's binary data to
 * storage (F-4), then the relate call (F-5), whose answer (the file's metadata) is the output.
 */
import type { OperationSpec } from '../../shared/catalog';
import { COPPER_ENTITIES } from './entities';
import { recordIdParam } from './fields';

/** The doc's F-4 form names the access key field `AWSAccessKeyId`; the signed answer calls it `aws_access_key_id`. */
const formFieldNames = { aws_access_key_id: 'AWSAccessKeyId' };

/** This node's limit per file (Copper documents none); checked before anything is sent. */
const MAX_UPLOAD_MB = 50;

export const fileUploadOperations: OperationSpec[] = COPPER_ENTITIES.filter((entity) => entity.kind !== 'task').map((entity) => {
	const idName = `${entity.kind}_id`;
	return {
		docId: `F-4/${entity.plural}`,
		resource: entity.plural,
		value: 'uploadFile',
		title: 'Upload a File',
		method: 'POST',
		path: `/${entity.plural}/{${idName}}/files`,
		kind: 'create',
		description:
			`Attaches the item's binary file to the ${entity.label.toLowerCase()}: signed URL, upload to Copper's storage, relate; ` +
			`up to ${MAX_UPLOAD_MB} MB. Copper's API has no file download: the file's metadata carries no link to its content`,
		pathParams: [recordIdParam(idName, `${entity.label} ID`, entity.kind)],
		upload: {
			signedUrlPath: `/${entity.plural}/{${idName}}/files/s3_signed_url`,
			formFieldNames,
			relateFileNameKey: 'file_name',
			relateKeyKey: 'key',
			maxBytes: MAX_UPLOAD_MB * 1024 * 1024,
		},
	} satisfies OperationSpec;
});
