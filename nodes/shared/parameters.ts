/**
 * Names and places of the node parameters that the property builder (description/) lays out and the
 * request builder (execution/) reads back, so the two always agree: which fields sit on top, which
 * in a collection, and the names of the shared collections and options.
 */
import type { FieldSpec, OperationSpec } from './catalog';

/** Operations whose body is written (and so get a Body Source choice). */
export const isWrite = (op: OperationSpec): boolean => op.kind !== 'read';

/** Operations with body fields (or a bulk body). */
export const hasBody = (op: OperationSpec): boolean => (op.body?.length ?? 0) > 0 || op.bulk !== undefined;

/** Required and primary fields are shown on top; the others in a collection. */
export const isOnTop = (field: FieldSpec): boolean => !!(field.required || field.primary);

/** The collection holding an operation's optional body fields. */
export const optionalBodyCollection = (op: OperationSpec): string => (isWrite(op) ? 'additionalFields' : 'filters');

/** The collection holding an operation's optional query parameters. */
export const QUERY_COLLECTION = 'queryParameters';

/** Where a write's body comes from: `fields`, `inputItem` or `json` (then `bodyJson`). */
export const BODY_SOURCE = 'bodySource';
export const BODY_JSON = 'bodyJson';

/** Extra body keys of a read (search) as raw JSON, inside its Filters collection. */
export const RAW_FILTER = 'rawFilter';

/** The output option that maps `custom_fields` by field name. */
export const CUSTOM_FIELDS_OUTPUT = 'customFieldsOutput';

/** The Request Options collection, and the names of its throttle fields. */
export const REQUEST_OPTIONS = 'requestOptions';
/** Request Options switches of request economy: reads combined into searches, writes into bulk requests. */
export const COMBINE_READS = 'combineReads';
export const COMBINE_WRITES = 'combineWrites';
export const THROTTLE_OPTION_NAMES = {
	all: { max: 'throttleMax', window: 'throttleWindowSeconds' },
	bulk: { max: 'bulkThrottleMax', window: 'bulkThrottleWindowSeconds' },
} as const;

/** Upload operations: the input item's binary field, and the file name (default: the binary's own). */
export const BINARY_PROPERTY = 'binaryPropertyName';
export const UPLOAD_FILE_NAME = 'fileName';
