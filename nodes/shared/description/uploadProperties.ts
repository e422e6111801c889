/** The fields of an upload operation (`upload` in the catalog): the input item's binary field and the file name. */
import type { INodeProperties } from 'n8n-workflow';

import type { OperationSpec } from '../catalog';
import { BINARY_PROPERTY, UPLOAD_FILE_NAME } from '../parameters';
import { showFor } from './basics';

export function uploadProperties(op: OperationSpec): INodeProperties[] {
	const limit = op.upload ? `${Math.round(op.upload.maxBytes / (1024 * 1024))} MB` : '';
	return [
		{
			displayName: 'Input Binary Field',
			name: BINARY_PROPERTY,
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field containing the file to be uploaded',
			description: `The file is uploaded to the record as it is, up to ${limit}`,
			displayOptions: showFor(op),
		},
		{
			displayName: 'File Name',
			name: UPLOAD_FILE_NAME,
			type: 'string',
			default: '',
			placeholder: 'e.g. contract.pdf',
			description: "The name the file gets; empty: the binary data's own file name",
			displayOptions: showFor(op),
		},
	];
}
