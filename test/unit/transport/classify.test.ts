/**
 * transport/retryPolicy.ts classification and retry decisions, and transport/apiError.ts, called
 * directly: what is a success, what is retried for which kind of request, and errors that carry the
 * vendor's message with every credential value masked.
 */
import { NodeApiError } from 'n8n-workflow';

import { copperService } from '../../../nodes/CopperCrm/service';
import { apiError, describeNetworkFailure, vendorError } from '../../../nodes/shared/transport/apiError';
import { createRedactor } from '../../../nodes/shared/transport/redact';
import { classify, decideRetry, DEFAULT_RETRY_SETTINGS, Failure, networkCode, type RetryState } from '../../../nodes/shared/transport/retryPolicy';
import { node } from '../context';

const state = (extra: Partial<RetryState> = {}): RetryState => ({
	kind: 'read',
	tries: 0,
	waitedMs: 0,
	remainingMs: 60_000,
	payBudget: () => true,
	...extra,
});

describe('classify', () => {
	it('a 2xx with JSON is a success; an empty body only where no list is expected', () => {
		expect(classify(copperService, 200, {}, '{"id":1}')).toEqual({ body: { id: 1 } });
		expect(classify(copperService, 204, {}, '')).toEqual({ body: undefined });
		expect(classify(copperService, 200, {}, '', true)).toBeInstanceOf(Failure);
	});

	it('an HTML 2xx is an unreadable body, retried if safe', () => {
		const failure = classify(copperService, 200, { 'content-type': 'text/html' }, '<html>proxy</html>') as Failure;
		expect(failure.retryable).toBe('ifSafe');
		expect(failure.message).toContain('an HTML page');
	});

	it('carries the vendor message, and sorts statuses into always / ifSafe / never', () => {
		const limited = classify(copperService, 429, { 'retry-after': '2' }, '{"message":"Too many"}') as Failure;
		expect([limited.retryable, limited.retryAfterMs, limited.message]).toEqual(['always', 2000, 'Too many']);
		expect((classify(copperService, 503, {}, '{}') as Failure).retryable).toBe('ifSafe');
		const invalid = classify(copperService, 422, {}, '{"message":{"name":["is required"]}}') as Failure;
		expect([invalid.retryable, invalid.message]).toEqual(['never', 'name: is required']);
	});
});

describe('decideRetry', () => {
	const settings = { ...DEFAULT_RETRY_SETTINGS, maxRetries: 2, maxWaitMs: 10_000 };

	it('never retries a create after an ambiguous failure, but does after a 429', () => {
		expect(decideRetry(settings, new Failure('reset', 'ifSafe'), state({ kind: 'create' }))).toEqual(expect.objectContaining({ fail: true }));
		expect(decideRetry(settings, new Failure('429', 'always', 429, undefined, 100), state({ kind: 'create' }))).toHaveProperty('delay');
	});

	it('stops at Max Retries, an empty budget, the maximum wait and the time budget, saying which', () => {
		const failure = new Failure('down', 'ifSafe', 503);
		const note = (extra: Partial<RetryState>) => (decideRetry(settings, failure, state(extra)) as { note?: string }).note;
		expect(note({ tries: 2 })).toContain('Gave up after 3 attempts');
		expect(note({ payBudget: () => false })).toContain('retry budget');
		expect(note({ waitedMs: 10_000 })).toContain('maximum total wait');
		expect(note({ remainingMs: 0 })).toContain('time budget');
	});

	it('takes the learned pause after a 429 instead of the backoff', () => {
		expect(decideRetry(settings, new Failure('429', 'always', 429), state({ learnedPauseMs: 7 }))).toEqual({ delay: 7 });
	});
});

describe('network failures', () => {
	it('finds the code however deep n8n wrapped it', () => {
		expect(networkCode({ message: 'x', cause: { cause: { code: 'ECONNREFUSED' } } })).toBe('ECONNREFUSED');
		expect(networkCode({ messages: ['self-signed certificate in chain'] })).toBe('CERT_REJECTED');
		expect(networkCode(new Error('socket hang up'))).toBe('ECONNRESET');
	});

	it('describes it in plain words', () => {
		expect(describeNetworkFailure('ENOTFOUND', 1)).toContain('Base URL');
		expect(describeNetworkFailure('ETIMEDOUT', 700)).toBe('timed out after 700 ms');
		expect(describeNetworkFailure('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 1)).toContain('TLS certificate');
	});
});

describe('API errors', () => {
	const redact = createRedactor(['sekret-key-123']);

	it('carry the vendor message and HTTP code, every credential value masked', () => {
		const error = apiError(node, copperService, 'GET /people/1', new Failure('bad key sekret-key-123', 'never', 401), 3, redact);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('bad key ***');
		expect(error.httpCode).toBe('401');
		expect(error.description).toContain('Check the credential');
		expect(JSON.stringify(error)).not.toContain('sekret-key-123');
	});

	it('vendor errors made outside the send loop are masked the same way', () => {
		const error = vendorError(node, 'rejected sekret-key-123', 'echo: Bearer abc.def.ghi', 0, redact);
		expect(`${error.message} ${error.description}`).not.toMatch(/sekret|abc\.def\.ghi/);
	});
});
