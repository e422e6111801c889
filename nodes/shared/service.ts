/**
 * The service-specific glue a catalog needs: credentials, pagination style, rate limits,
 * the vendor's error and bulk-result shapes, and how its custom fields are defined and sent.
 * A service declares these in its own `service.ts`; everything else is shared engine code.
 */
import type { IDataObject } from 'n8n-workflow';

import type { DateFormat, OperationSpec, ResourceSpec } from './catalog';
import type { ToolShapeSpec } from './toolShape';

export interface PaginationStyle {
	/** Where the page parameters go. */
	location: 'body' | 'query';
	pageParam: string;
	sizeParam: string;
	/** Number of the first page (Copper 1, Ocoya 0). */
	firstPage: number;
	/** Largest page size the API accepts. */
	maxPageSize: number;
	/** Response header holding the total (upper bound) of matching records. */
	totalHeader?: string;
	/** The API never returns more than this many records for one query. */
	maxRecords?: number;
}

export interface RateLimitHeaders {
	/** Header holding the requests left in the current window. */
	remaining: string;
	/** Header holding when the window resets (Unix epoch seconds). */
	reset: string;
	/** Header holding the size of the window's budget (used as the budget after a reset). */
	limit?: string;
}

export interface ServiceCredential {
	authentication: 'apiKey' | 'oAuth2';
	/** Credential type name, e.g. `copperCrmApi`. */
	name: string;
}

export interface Throttle {
	/** Requests allowed per window. */
	max: number;
	windowMs: number;
}

export interface ServiceSpec {
	/** Product name used in messages, e.g. "Copper CRM". */
	displayName: string;
	/** The credential type behind each choice of the node's Authentication selector. */
	credentials: ServiceCredential[];
	/** Headers every request carries whatever the credential. */
	extraHeaders?: Record<string, string>;
	resources: ResourceSpec[];
	operations: OperationSpec[];
	pagination: PaginationStyle;
	rateLimitHeaders?: RateLimitHeaders;
	/** The documented rate limit, kept client-side so a run uses the budget without drawing 429s. */
	throttle?: Throttle;
	/** An extra limit on bulk endpoints (Copper: 3 per second). */
	bulkThrottle?: Throttle;
	/** The vendor's human-readable message from an error body, if any. */
	errorMessage(body: unknown): string | undefined;
	/** Whether one element of a bulk response reports a failure for its record. */
	isBulkItemError?(element: unknown): boolean;
	/** Custom fields by name and readable custom-field output (Copper); absent when the API has none. */
	customFields?: CustomFieldSupport;
	/** The Simplified answers of reads run as AI tools (`nodes/<Service>/catalog/toolShape.ts`). */
	toolShape?: ToolShapeSpec;
}

/** How a custom field's value is typed, in engine terms (a service maps its own data types to these). */
export type CustomFieldKind = 'text' | 'number' | 'boolean' | 'date' | 'option' | 'options' | 'unsupported';

/** One custom field definition of the account, as the engine needs it to resolve fields by name. */
export interface CustomFieldInfo {
	id: number;
	name: string;
	/** Alternative key users may type (e.g. Copper's canonical_name). */
	key?: string;
	/** The vendor's data type, shown in messages. */
	dataType: string;
	kind: CustomFieldKind;
	/** Choices of `option` / `options` fields. */
	options: Array<{ id: number; name: string }>;
	/** How a date is sent (default Unix seconds). */
	dateFormat?: DateFormat;
	/** Why an `unsupported` field cannot be written here. */
	unsupportedReason?: string;
}

/** The keys of the API's custom-field entries and search filters. */
export interface CustomFieldShape {
	/** Key of the definition ID in an entry and a filter (Copper: `custom_field_definition_id`). */
	idKey: string;
	/** Key of the value (Copper: `value`). */
	valueKey: string;
	/** Range filter bounds (Copper: `minimum_value`, `maximum_value`). */
	minimumKey: string;
	maximumKey: string;
	/** How a multi-select filter matches: ALL / ANY / NONE (Copper: `option`). */
	matchKey: string;
	/** Whether records without a value match too (Copper: `allow_empty`). */
	allowEmptyKey: string;
}

/** What a service supplies so that the engine can offer custom fields by name. */
export interface CustomFieldSupport {
	shape: CustomFieldShape;
	/** GET path listing every custom field definition of the account (one request per execution). */
	definitionsPath: string;
	/** The definitions (as the API returned them) that apply to an entity, in engine terms. */
	fieldsOf(definitions: unknown[], entity: string): CustomFieldInfo[];
	/** A returned record with its custom fields as a {field name: readable value} map. */
	readableRecord(record: IDataObject, definitions: unknown[], timezone: string): IDataObject;
}
