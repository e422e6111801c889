/**
 * The fault matrix's data: the faults injected into the sandboxes, the request kinds they hit,
 * and the documented outcome of each pair (README "Reliability rules", nodes/shared/transport/retryPolicy.ts):
 *
 * - 429 (with or without Retry-After) is always retried, creates included: nothing was processed;
 * - 5xx, connection resets, timeouts and unreadable bodies (invalid JSON, HTML error pages) are
 *   retried for reads, searches, updates and deletes, and never for creates and bulk creates,
 *   whose error then says "Not retried";
 * - an empty 200 body is a success (`{ success: true }`) for a single request; on a page of a list
 *   it is an unreadable body (retried); on a bulk create it is "returned 0 results for 10 records";
 * - 401, 403, 404 and 422 are never retried and carry the vendor's message and the HTTP status
 *   (401/403 also point at the credential).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

import type { Fault } from '../../tooling/sandbox/contract';

export type FaultClass = 'rateLimit' | 'transient' | 'empty' | 'client';

/** The part of a sandbox fault that defines what goes wrong (the matrix picks method and path). */
export type FaultSpec = Pick<Fault, 'status' | 'headers' | 'delayMs' | 'reset' | 'malformed' | 'passThrough'>;

export interface FaultCase {
	name: string;
	spec: FaultSpec;
	cls: FaultClass;
	/**
	 * The server handles the request after all (a slow answer the client gave up on): the Copper
	 * sandbox finishes the write after the delay; the Ocoya sandbox drops a request whose client left.
	 */
	processedAnyway?: { copper: boolean; ocoya: boolean };
	/** Network error code the error description names. */
	code?: RegExp;
	/** Retry-After in ms the run must have waited at least. */
	minWaitMs?: number;
	/** The error message for each service when the outcome is an error. */
	message?: { copper: string | RegExp; ocoya: string | RegExp };
	/** HTTP status the error description names. */
	status?: number;
}

/** Short bounds so the whole matrix runs in seconds. */
export const TIMEOUT_MS = 700;
export const REQUEST_OPTIONS = {
	maxRetries: 3,
	initialDelayMs: 10,
	maxWaitSeconds: 10,
	timeoutMs: TIMEOUT_MS,
	bulkThrottleWindowSeconds: 0.05,
};

const noResponse = (what: string) => ({
	copper: `No response from Copper CRM: ${what}`,
	ocoya: `No response from Ocoya: ${what}`,
});

export const FAULTS: FaultCase[] = [
	{ name: '429', spec: { status: 429 }, cls: 'rateLimit' },
	{ name: '429 + Retry-After', spec: { status: 429, headers: { 'Retry-After': '1' } }, cls: 'rateLimit', minWaitMs: 950 },
	{ name: '500', spec: { status: 500 }, cls: 'transient', status: 500, message: { copper: 'Internal Server Error', ocoya: 'Unknown error.' } },
	{ name: '502', spec: { status: 502 }, cls: 'transient', status: 502, message: { copper: 'Bad Gateway', ocoya: 'Bad gateway.' } },
	{ name: '503', spec: { status: 503 }, cls: 'transient', status: 503, message: { copper: 'Service Unavailable', ocoya: 'Service unavailable.' } },
	{ name: '504', spec: { status: 504 }, cls: 'transient', status: 504, message: { copper: 'Gateway Timeout', ocoya: 'Gateway timeout.' } },
	{ name: 'connection reset', spec: { reset: true }, cls: 'transient', message: noResponse('the connection was reset'), code: /\((ECONNRESET|EPIPE)\)/ },
	{
		name: 'timeout',
		spec: { delayMs: TIMEOUT_MS + 300, passThrough: true },
		cls: 'transient',
		processedAnyway: { copper: true, ocoya: false },
		message: noResponse(`timed out after ${TIMEOUT_MS} ms`),
		code: /\((ETIMEDOUT|ECONNABORTED|ESOCKETTIMEDOUT)\)/,
	},
	{
		name: 'invalid JSON',
		spec: { malformed: 'invalidJson' },
		cls: 'transient',
		message: { copper: 'Copper CRM answered 200 with a body that is not valid JSON', ocoya: 'Ocoya answered 200 with a body that is not valid JSON' },
	},
	{ name: 'empty 200 body', spec: { malformed: 'empty' }, cls: 'empty' },
	{
		name: 'HTML error page',
		spec: { malformed: 'html' },
		cls: 'transient',
		status: 502,
		message: { copper: 'HTTP 502 with an HTML page', ocoya: 'HTTP 502 with an HTML page' },
	},
	{ name: '401', spec: { status: 401 }, cls: 'client', status: 401, message: { copper: 'Invalid credentials', ocoya: 'Missing API token.' } },
	{ name: '403', spec: { status: 403 }, cls: 'client', status: 403, message: { copper: 'Forbidden', ocoya: 'Invalid API token.' } },
	{ name: '404', spec: { status: 404 }, cls: 'client', status: 404, message: { copper: 'Resource not found', ocoya: 'Not found.' } },
	{ name: '422', spec: { status: 422 }, cls: 'client', status: 422, message: { copper: 'Unprocessable Entity', ocoya: 'Validation error.' } },
];

/** Request kinds; `combinedFetch` (fetches by ID answered by a search by ids) and `combinedUpdate` (updates sent through bulk_update) are Copper's request-economy paths. */
export type KindName = 'fetch' | 'search' | 'create' | 'update' | 'delete' | 'bulk' | 'combinedFetch' | 'combinedUpdate';

/**
 * What must happen for one (kind, fault):
 * - retried: success after exactly one extra attempt;
 * - direct: success on the faulty answer itself (empty 200 on a single request);
 * - notRetried: an error saying the create was not repeated;
 * - bulkMismatch: an empty 200 to a bulk create: an error, not repeated;
 * - clientError: an error with the vendor's message, one attempt.
 */
export type Outcome = 'retried' | 'direct' | 'notRetried' | 'bulkMismatch' | 'clientError';

export function outcomeOf(kind: KindName, fault: FaultCase): Outcome {
	const creates = kind === 'create' || kind === 'bulk';
	switch (fault.cls) {
		case 'rateLimit':
			return 'retried';
		case 'transient':
			return creates ? 'notRetried' : 'retried';
		case 'empty':
			return kind === 'search' || kind === 'combinedFetch' ? 'retried' : kind === 'bulk' || kind === 'combinedUpdate' ? 'bulkMismatch' : 'direct';
		case 'client':
			return 'clientError';
	}
}

export const isError = (outcome: Outcome) => outcome === 'notRetried' || outcome === 'bulkMismatch' || outcome === 'clientError';

/** Whether the sandbox's handler ran for the faulted request (so its write is in the store). */
export function applied(outcome: Outcome, fault: FaultCase, service: 'copper' | 'ocoya'): boolean {
	if (outcome === 'retried') return true;
	if (outcome === 'notRetried') return !!fault.processedAnyway?.[service];
	return false;
}

/** Every secret any credential of the matrix carries, and the Copper account email (sent as X-PW-UserEmail). */
export const SECRETS = ['test-api-key', 'test-oauth-token', 'client-secret-value', 'test-ocoya-key', 'test-ocoya-oauth-token', 'owner@sandbox.test'];

/** JSON of anything, circular references and all, for secret scanning. */
export function deepText(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (_key, entry: unknown) => {
		if (entry instanceof Error) {
			const plain: Record<string, unknown> = { name: entry.name, message: entry.message, stack: entry.stack };
			for (const key of Object.getOwnPropertyNames(entry)) plain[key] = (entry as unknown as Record<string, unknown>)[key];
			entry = plain;
		}
		if (entry && typeof entry === 'object') {
			if (seen.has(entry)) return '[circular]';
			seen.add(entry);
		}
		if (typeof entry === 'function') return undefined;
		return entry;
	});
}

export function leakedSecrets(value: unknown): string[] {
	const text = deepText(value);
	return SECRETS.filter((secret) => text.includes(secret));
}

/** Tally shared by every reliability suite in this worker, printed and written at the end. */
export const tally = { tried: 0, passed: 0, secretScans: 0, groups: {} as Record<string, { tried: number; passed: number }> };

export function count(group: string): () => void {
	tally.tried++;
	tally.groups[group] ??= { tried: 0, passed: 0 };
	tally.groups[group].tried++;
	return () => {
		tally.passed++;
		tally.groups[group].passed++;
	};
}

export function summaryLine(of: typeof tally = tally): string {
	return `reliability: ${of.tried} cases, ${of.passed} passed`;
}

/** Runs `fn` as one counted case of `group` (it passes when fn resolves). */
export async function counted(group: string, fn: () => Promise<void> | void): Promise<void> {
	const done = count(group);
	await fn();
	done();
}

/** jest's `it` whose every case counts in `group` of the report. */
export function countedIt(group: string) {
	return (name: string, fn: () => Promise<void> | void, timeout?: number) => it(name, async () => await counted(group, fn), timeout);
}

/**
 * Each reliability suite (a jest file, with its own module registry) leaves its tally here, so the
 * report counts every suite whichever finishes last (`npm run reliability:doc`).
 */
const TALLY_DIR = join(__dirname, '..', '..', '.artifacts', 'reliability-tally');

export function saveTally(suite: string): void {
	mkdirSync(TALLY_DIR, { recursive: true });
	writeFileSync(join(TALLY_DIR, `${suite.replace(/\W+/g, '-')}.json`), JSON.stringify(tally));
}

/** The tallies every suite saved, added up. */
export function allTallies(): typeof tally {
	const sum: typeof tally = { tried: 0, passed: 0, secretScans: 0, groups: {} };
	for (const file of readdirSync(TALLY_DIR).filter((name) => name.endsWith('.json'))) {
		const one = JSON.parse(readFileSync(join(TALLY_DIR, file), 'utf8')) as typeof tally;
		sum.tried += one.tried;
		sum.passed += one.passed;
		sum.secretScans += one.secretScans;
		for (const [group, counts] of Object.entries(one.groups)) {
			sum.groups[group] ??= { tried: 0, passed: 0 };
			sum.groups[group].tried += counts.tried;
			sum.groups[group].passed += counts.passed;
		}
	}
	return sum;
}
