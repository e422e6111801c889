/**
 * The properties of one catalog operation, in the order the editor shows them: path parameters,
 * query parameters on top, the body (a Body Source choice and fields for writes, Filters for
 * searches), Return All / Limit, the custom-fields output option, then optional query parameters.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { FieldSpec, OperationSpec } from '../catalog';
import { BODY_JSON, BODY_SOURCE, hasBody, isOnTop, isWrite, QUERY_COLLECTION, RAW_FILTER } from '../parameters';
import { showFor, sortByName } from './basics';
import { BODY_SOURCE_HINT } from './builderHints';
import { customFieldsOutputProperty } from './customFieldProperties';
import { fieldToProperty, type SmartFieldOptions } from './fieldProperty';
import { paginationProperties } from './paginationProperties';
import { uploadProperties } from './uploadProperties';

const optionalProperty = (field: FieldSpec, smart?: SmartFieldOptions) => fieldToProperty({ ...field, required: false }, undefined, smart);

function bodySourceProperties(op: OperationSpec): INodeProperties[] {
	return [
		{
			displayName: 'Body Source',
			name: BODY_SOURCE,
			type: 'options',
			default: 'fields',
			description: 'Where the request body comes from',
			...BODY_SOURCE_HINT,
			options: [
				{ name: 'Fields', value: 'fields', description: 'Fill in the documented fields below' },
				{ name: 'Input Item', value: 'inputItem', description: "Send the incoming item's JSON as the body" },
				{ name: 'JSON', value: 'json', description: 'Write the body as raw JSON' },
			],
			displayOptions: showFor(op),
		},
		{
			displayName: 'Body (JSON)',
			name: BODY_JSON,
			type: 'json',
			default: '{}',
			required: true,
			displayOptions: showFor(op, { [BODY_SOURCE]: ['json'] }),
		},
	];
}

/** A write's body: Body Source, then the fields on top and the optional ones in Additional/Update Fields. */
function writeBodyProperties(op: OperationSpec, smart?: SmartFieldOptions): INodeProperties[] {
	const fieldsOnly = showFor(op, { [BODY_SOURCE]: ['fields'] });
	const optional = op.body?.filter((field) => !isOnTop(field)) ?? [];
	const props = [...bodySourceProperties(op), ...(op.body?.filter(isOnTop) ?? []).map((field) => fieldToProperty(field, fieldsOnly, smart))];
	if (optional.length) {
		props.push({
			displayName: op.kind === 'update' && !op.bulk ? 'Update Fields' : 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: fieldsOnly,
			options: sortByName(optional.map((field) => optionalProperty(field, smart))),
		});
	}
	return props;
}

/** A read's body (a search): the fields on top, the optional ones and a raw JSON filter in Filters. */
function readBodyProperties(op: OperationSpec, smart?: SmartFieldOptions): INodeProperties[] {
	const optional = op.body?.filter((field) => !isOnTop(field)) ?? [];
	const rawFilter: INodeProperties = {
		displayName: 'Raw JSON Filter',
		name: RAW_FILTER,
		type: 'json',
		default: '{}',
		description: 'Extra body keys as JSON, merged over the fields above (for parameters not listed here)',
	};
	return [
		...(op.body?.filter(isOnTop) ?? []).map((field) => fieldToProperty(field, showFor(op), smart)),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: showFor(op),
			options: sortByName([...optional.map((field) => optionalProperty(field, smart)), rawFilter]),
		},
	];
}

export function operationProperties(op: OperationSpec, smart?: SmartFieldOptions): INodeProperties[] {
	const props: INodeProperties[] = [
		...(op.pathParams ?? []).map((field) => fieldToProperty({ ...field, required: true }, showFor(op), smart)),
		...(op.query?.filter(isOnTop) ?? []).map((field) => fieldToProperty(field, showFor(op), smart)),
	];
	if (op.upload) props.push(...uploadProperties(op));
	if (hasBody(op)) props.push(...(isWrite(op) ? writeBodyProperties(op, smart) : readBodyProperties(op, smart)));
	if (op.paginated) props.push(...paginationProperties(showFor(op)));
	if (op.customFieldOutput) props.push(customFieldsOutputProperty(showFor(op)));
	const optionalQuery = op.query?.filter((field) => !isOnTop(field)) ?? [];
	if (optionalQuery.length) {
		props.push({
			displayName: 'Query Parameters',
			name: QUERY_COLLECTION,
			type: 'collection',
			placeholder: 'Add Parameter',
			default: {},
			displayOptions: showFor(op),
			options: sortByName(optionalQuery.map((field) => optionalProperty(field, smart))),
		});
	}
	return props;
}
