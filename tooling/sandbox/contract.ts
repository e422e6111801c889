/**
 * What both sandboxes share in their public contract: the handle a sandbox returns and the options it
 * takes, the request log entry, the injectable fault and the rate-limit setting. (Each sandbox's data
 * and behaviour stay its own.)
 */

export interface RecordedRequest<Query = Record<string, string | string[]>> {
	method: string;
	/** Path after the API's base prefix, raw (still percent-encoded); the full path when outside the prefix. */
	path: string;
	query: Query;
	/** Lower-case keys. */
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON, the raw string when it is not JSON, or undefined when empty. */
	body: unknown;
	rawBody: string;
	/** Status answered; 0 when the socket was reset (or while the request is still being handled). */
	status: number;
}

export interface Fault {
	method?: string;
	/** Matched against RecordedRequest.path (a string may also include the API's base prefix). */
	path?: string | RegExp;
	/** Default 1; Infinity allowed. */
	times?: number;
	status?: number;
	body?: unknown | string;
	headers?: Record<string, string>;
	/** Wait before answering (or before the rest of the fault). */
	delayMs?: number;
	/** Destroy the socket without answering. */
	reset?: boolean;
	/** Answer 200 (or `status`) with a broken body. */
	malformed?: 'invalidJson' | 'empty' | 'html';
	/** Apply the delay (and headers), then handle normally. */
	passThrough?: boolean;
	/** Answer `status` (default 403) with a body that echoes the request's headers, credentials included. */
	echo?: EchoShape;
	/** Handle normally, then send the answer slowly: `bytes` (default 1) every `everyMs`. */
	trickle?: { everyMs: number; bytes?: number };
	/** Handle normally (the write happens), then reset the connection instead of answering. */
	resetAfterHandling?: boolean;
	/** Handle normally, but misread the page number of a paged list (a server whose paging misbehaves). */
	paging?: PagingFault;
}

/**
 * How a misbehaving server reads the page number: `ignorePageNumber` answers the first page every time;
 * `clampToPage` answers that page for any later one (the last page repeated forever); `shiftBack`
 * answers the page before the one asked for (each page once more).
 */
export type PagingFault = { ignorePageNumber: true } | { clampToPage: number } | { shiftBack: true };

/** The page a server with `fault` answers when asked for `page` (pages counted from `firstPage`). */
export function misreadPage(fault: PagingFault | undefined, page: number, firstPage: number): number {
	if (!fault) return page;
	if ('ignorePageNumber' in fault) return firstPage;
	if ('clampToPage' in fault) return Math.min(page, fault.clampToPage);
	return Math.max(firstPage, page - 1);
}

/** Shapes of an error body that echoes the request's headers (tooling/sandbox/echo.ts). */
export type EchoShape = 'message' | 'headerObject' | 'errorObject' | 'nested' | 'array' | 'jsonString' | 'text' | 'html' | 'urlEncoded';

export interface RateLimitConfig {
	max: number;
	windowMs: number;
}

/** The options every sandbox takes (a sandbox may add its own). */
export interface SandboxOptions {
	/** Default 0: a free port. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** The API key the sandbox accepts (each sandbox has its default). */
	apiKey?: string;
	/** The OAuth2 access token it accepts as `Authorization: Bearer`. */
	oauthToken?: string;
	/** Rolling window across all authenticated requests; default false. */
	rateLimit?: RateLimitConfig | false;
	/** Default 'minimal'. */
	seed?: 'demo' | 'minimal';
	/** Print each request line to stdout; default false. */
	log?: boolean;
}

/** The handle every sandbox returns: its address, request log, faults, rate limit, data and close. */
export interface SandboxHandle<Store, Request extends RecordedRequest<Record<string, string | string[]>> = RecordedRequest> {
	/** Base URL, the API's base prefix included. */
	url: string;
	port: number;
	requests: Request[];
	clearRequests(): void;
	injectFault(fault: Fault): void;
	clearFaults(): void;
	setRateLimit(limit: RateLimitConfig | false): void;
	store: Store;
	close(): Promise<void>;
}
