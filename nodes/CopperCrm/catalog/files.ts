/**
 * §3.20 Files: the files resource (list, metadata, the single upload steps, delete). The one-step
 * "Upload a File" on each record's resource is in fileUploads.ts.
 */
import type { FieldOption, FieldSpec, OperationSpec } from '../../shared/catalog';
import { pluralEntities } from './entities';
import { idParam } from './fields';

const files = 'files';

/** Entity types that can hold files (no tasks). */
const fileEntities: FieldOption[] = pluralEntities.filter((option) => option.value !== 'tasks');

const fileRecordParams: FieldSpec[] = [
	{
		name: 'entity_type',
		label: 'Entity Type',
		type: 'options',
		required: true,
		options: fileEntities,
		default: 'people',
	},
	idParam('entity_id', 'Entity ID'),
];

const fileIdParam = idParam('file_id', 'File ID');

export const fileOperations: OperationSpec[] = [
	{
		docId: 'F-1',
		resource: files,
		value: 'list',
		title: 'List attached files of an entity record',
		method: 'GET',
		path: '/{entity_type}/{entity_id}/files',
		kind: 'read',
		pathParams: fileRecordParams,
	},
	{
		docId: 'F-2',
		resource: files,
		value: 'get',
		title: 'Get metadata of a specific attached file',
		method: 'GET',
		path: '/{entity_type}/{entity_id}/files/{file_id}',
		kind: 'read',
		description:
			"Name, size, type, creator and dates. Copper's API has no file download: the metadata carries no link, the content stays in Copper's storage (open it from the record in Copper)",
		pathParams: [...fileRecordParams, fileIdParam],
	},
	{
		docId: 'F-3',
		resource: files,
		value: 'getSignedUrl',
		title: 'Upload 1: Get signed S3 URL',
		method: 'GET',
		path: '/{entity_type}/{entity_id}/files/s3_signed_url',
		kind: 'read',
		description:
			'Returns the S3 form fields and URL to upload a file to; then relate it with "Relate the uploaded file to a specific entity". "Upload a File" on the record\'s resource does all three steps with the item\'s binary data',
		pathParams: fileRecordParams,
	},
	{
		docId: 'F-5',
		resource: files,
		value: 'relate',
		title: 'Relate the uploaded file to a specific entity',
		method: 'POST',
		path: '/{entity_type}/{entity_id}/files',
		kind: 'create',
		pathParams: fileRecordParams,
		body: [
			{ name: 'file_name', label: 'File Name', type: 'string', required: true, placeholder: 'picture.png' },
			{
				name: 'key',
				label: 'Key',
				type: 'string',
				required: true,
				description: 'The S3 key returned by "Upload 1: Get signed S3 URL" (body.key)',
			},
		],
	},
	{
		docId: 'F-6',
		resource: files,
		value: 'delete',
		title: 'Delete a file',
		method: 'DELETE',
		path: '/{entity_type}/{entity_id}/files/{file_id}',
		kind: 'delete',
		pathParams: [...fileRecordParams, fileIdParam],
	},
];
