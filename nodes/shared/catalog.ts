/**
 * The shape of an API catalog: one `OperationSpec` per documented operation.
 *
 * A catalog is plain data. The shared engine turns it into n8n properties
 * (`description/nodeProperties.ts`) and executes it (`execution/router.ts`). Adding an endpoint:
 * the recipe in docs/architecture.md.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** How a value entered in n8n is turned into the value the API receives. */
export type FieldType =
	/** Free text. */
	| 'string'
	/** A number (integer or decimal). */
	| 'number'
	/** A positive integer ID. Accepts numbers and numeric strings; sent as a number (query/body) or path segment. */
	| 'id'
	/** An opaque string ID (for example a CUID). Percent-encoded in paths. */
	| 'stringId'
	| 'boolean'
	/** One of `options`. */
	| 'options'
	/** Several of `options`; sent as an array. */
	| 'multiOptions'
	/** An n8n date-time, converted according to `dateFormat`. */
	| 'dateTime'
	/** A list of integer IDs, given as a comma-separated string or an array; sent as number[]. */
	| 'idList'
	/** A list of strings, given as a comma-separated string or an array; sent as string[]. */
	| 'stringList'
	/** A list of URLs, checked; sent as string[]. */
	| 'urlList'
	/** Raw JSON (object or array), validated. */
	| 'json'
	/** One nested object whose keys are `fields` (n8n fixedCollection, single value). */
	| 'object'
	/** A list of nested objects whose keys are `fields` (n8n fixedCollection, multiple values). */
	| 'list'
	/** Copper-style custom fields: a list of {custom_field_definition_id, value}. */
	| 'customFields'
	/**
	 * Custom fields picked by name from the account's definitions for the operation's entity, each value
	 * entered in the field's own type; sent as a list of {custom_field_definition_id, value}.
	 */
	| 'customFieldsByName'
	/** Search filters on custom fields picked by name (value, range, any/all/none of options, empty). */
	| 'customFieldFiltersByName';

/** Kinds of records a `resourceLocator` can pick (From List / By ID / By URL). */
export type RecordKind = 'person' | 'company' | 'lead' | 'opportunity' | 'project' | 'task';

export type DateFormat =
	/** Unix timestamp in seconds (Copper). */
	| 'unixSeconds'
	/** `M/D/YYYY` (Copper opportunity close_date). */
	| 'monthDayYear'
	/** UTC ISO-8601 without milliseconds, `YYYY-MM-DDTHH:mm:ssZ` (Ocoya). */
	| 'isoUtc';

export interface FieldOption {
	name: string;
	value: string | number | boolean;
	description?: string;
}

export interface FieldSpec {
	/** The n8n parameter name, unique within the operation. Also the API key unless `apiName`/`bodyPath` say otherwise. */
	name: string;
	/** Label shown in n8n (the property's display name). */
	label: string;
	type: FieldType;
	/** The key sent to the API, when it differs from `name` (query and path parameters, top-level body keys). */
	apiName?: string;
	/**
	 * Dotted location in the JSON body, for nested bodies, e.g. `details.person.name` or `properties.email`.
	 * Defaults to `apiName ?? name`.
	 */
	bodyPath?: string;
	required?: boolean;
	description?: string;
	placeholder?: string;
	default?: string | number | boolean | string[];
	options?: FieldOption[];
	dateFormat?: DateFormat;
	/** Sub-fields for `object` and `list`. */
	fields?: FieldSpec[];
	/** For `string` and `stringList`: the value must be an email address (checked before sending). */
	format?: 'email';
	/** For `string`: minimum and maximum length, checked before sending. */
	minLength?: number;
	maxLength?: number;
	/** Show this optional field on top with the required ones instead of under "Additional Fields". */
	primary?: boolean;
	/** Further body paths that receive the same value (where the docs disagree on the key). */
	alsoSendAs?: string[];
	/** For `number`: inclusive bounds, checked before sending. */
	min?: number;
	max?: number;
	/** For list-valued fields: maximum number of entries. */
	maxItems?: number;
	/** Offer a multi-line editor for `string`. */
	multiline?: boolean;
	/** Name of a `loadOptions` method that fills `options`/`multiOptions` from the account. */
	loadOptionsMethod?: string;
	/** Parameters the `loadOptionsMethod` depends on. */
	loadOptionsDependsOn?: string[];
	/**
	 * For `id`: the record kind this ID points to. The field becomes a record picker (resourceLocator)
	 * whose modes the node supplies (see `LocatorSpec` in description/fieldProperty.ts); plain IDs still work.
	 */
	locator?: RecordKind;
}

export type OperationKind =
	/** Reads data; safe to retry on 5xx, timeouts and resets. */
	| 'read'
	/** Creates something; never retried after the server may have acted on it (5xx, reset, timeout). */
	| 'create'
	/** Updates or deletes; idempotent, retried like reads. */
	| 'update'
	| 'delete';

export interface BulkSpec {
	/** Wrapper key of the request body, e.g. `people` for `{"people": [...]}`. */
	key: string;
	/** Maximum records per request (Copper: 10). */
	maxPerRequest: number;
}

/**
 * Several input items' single reads answered by a search that filters on many keys at once (Copper:
 * `ids`, `emails`), in chunks; each item then gets exactly its own record. A key the search does not
 * answer is fetched with the single request, so it gets the single request's own result or error.
 */
export interface CombineSpec {
	/** The search that answers many keys: POST, paginated with the service's paging. */
	searchPath: string;
	/** The path parameter or body field of this operation holding each item's key. */
	keyField: string;
	/** The search body key taking the list of keys. */
	filterKey: string;
	/** Where a returned record carries its key: `id`, or a dotted path through lists such as `emails.email`. */
	recordKey: string;
	/** Keys compared without regard to case (emails). */
	caseInsensitive?: boolean;
	/** Keys per search request. */
	maxPerRequest: number;
	/** Further search keys always sent (e.g. so that the search finds every record the single read finds). */
	fixedBody?: Record<string, unknown>;
}

/** The bulk operation of the same resource that can send this single write for many items at once. */
export interface BulkVariantSpec {
	/** `value` of the bulk operation (e.g. `bulkUpdate`). */
	operation: string;
	/** For updates: the path parameter whose value goes into each record as `id`. */
	idField?: string;
}

/**
 * How a search reads past the API's record cap (execution/keysetSlicing.ts): ordered by a date the
 * search can also filter on, each new search starts at the last date read (ties deduplicated by ID).
 */
export interface SliceSpec {
	/** Record field holding the key in Unix seconds (e.g. `date_created`). */
	key: string;
	/** Body filters bounding the key from below and from above (e.g. `minimum_created_date`). */
	minimum: string;
	maximum: string;
	/** The body parameters and value that order by the key; absent when the API's order is fixed. */
	sort?: { param: string; value: string; directionParam: string };
	/** The API's fixed order when it takes no sort (Copper's activities: newest first). */
	order?: 'asc' | 'desc';
	/** The key can be edited (an activity's date): a record re-dated during the read can be missed. */
	editable?: boolean;
}

/**
 * A file upload through a presigned storage form (S3 POST policy), run as one operation: the
 * operation's `path` relates the stored object to the record (the answer is the output); before it,
 * `signedUrlPath` returns `{url, body: {form fields}}`, and the input item's binary data goes to that
 * URL as multipart/form-data, fields in the given order, the file last, with no credential.
 */
export interface UploadSpec {
	/** The request answering the storage URL and its signed form fields (same path parameters). */
	signedUrlPath: string;
	/** Signed-answer keys renamed for the storage form (e.g. `aws_access_key_id` → `AWSAccessKeyId`). */
	formFieldNames?: Record<string, string>;
	/** Relate body keys: the file name and the storage key of the uploaded object. */
	relateFileNameKey: string;
	relateKeyKey: string;
	/** The largest file sent, in bytes; a larger one fails before any request. */
	maxBytes: number;
}

export interface OperationSpec {
	/** Identifier of the operation in the vendor's catalog document (e.g. `P-3`). */
	docId: string;
	/** Resource value this operation belongs to. */
	resource: string;
	/** Operation value, unique within the resource (camelCase). */
	value: string;
	/** The vendor's title, shown in the Operation dropdown. */
	title: string;
	method: HttpMethod;
	/** Path relative to the base URL with `{param}` placeholders. */
	path: string;
	kind: OperationKind;
	/** Extra sentence shown after `METHOD /path` in the operation description. */
	description?: string;
	/** Where the source marks something unconfirmed, the assumption made here. */
	note?: string;
	pathParams?: FieldSpec[];
	query?: FieldSpec[];
	body?: FieldSpec[];
	/** Body fields of which at least one must be given (checked before sending). */
	requireAnyOf?: string[];
	/** Keys always sent in the body in addition to the fields. */
	fixedBody?: Record<string, unknown>;
	/** Paginated read (the service's pagination style applies). */
	paginated?: boolean;
	/** Return All reads past the API's record cap by slicing on this key (searches only). */
	slice?: SliceSpec;
	/** Bulk write: all input items are batched into requests of `maxPerRequest`. */
	bulk?: BulkSpec;
	/** Single reads of several items combined into searches (on by default, Request Options can turn it off). */
	combine?: CombineSpec;
	/** Single writes of several items combined into bulk requests (off by default, Request Options can turn it on). */
	bulkVariant?: BulkVariantSpec;
	/** Send the JSON body even when empty (e.g. searches, POST reads). */
	alwaysSendBody?: boolean;
	/** The response is an object whose array values are concatenated into items (e.g. `{user: [...], system: [...]}`). */
	flattenObjectOfArrays?: boolean;
	/**
	 * The entity whose custom field definitions apply to this operation (custom fields by name, the
	 * "Custom Fields Output" option): a fixed name such as `person`, or `{param}` to read it from a
	 * parameter (e.g. `{entity_name_in_plural}`).
	 */
	customFieldEntity?: string;
	/** Offer the output option that turns the records' `custom_fields` into a {field name: value} map. */
	customFieldOutput?: boolean;
	/** The item's binary data is uploaded to storage first (`upload.ts`); the operation relates it. */
	upload?: UploadSpec;
}

export interface ResourceSpec {
	name: string;
	value: string;
	description?: string;
}

/**
 * The entity whose custom fields apply to `op` (its `customFieldEntity`): a fixed name, or the value
 * of the parameter a `{param}` names, read through `read`; undefined when there is none or its value
 * is not known (empty, or an expression not yet evaluated).
 */
export function customFieldEntityOf(op: OperationSpec | undefined, read: (parameter: string) => unknown): string | undefined {
	const entity = op?.customFieldEntity;
	if (!entity) return undefined;
	const parameter = /^\{(\w+)\}$/.exec(entity);
	if (!parameter) return entity;
	const value = read(parameter[1]);
	return typeof value === 'string' && value !== '' && !value.startsWith('=') ? value : undefined;
}
