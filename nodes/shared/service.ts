/**
 * The service-specific glue a catalog needs: credentials, base URL, pagination
 * style, rate-limit headers and the vendor's error shape. Everything else is
 * shared engine code.
 */
import type { OperationSpec, ResourceSpec } from './catalog';

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
}
