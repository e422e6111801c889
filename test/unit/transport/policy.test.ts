/**
 * The transport's pure rules, called directly (no HTTP; the behaviour over HTTP is in the fault
 * matrix, test/reliability): backoff cap and full jitter, Retry-After jitter, which network codes
 * are temporary, the retry budget, the redactor on every form a secret can take, and the path check.
 */
import { unsafePathReason } from '../../../nodes/shared/transport/paths';
import { createRedactor, credentialSecrets, MASK } from '../../../nodes/shared/transport/redact';
import { newRetryBudget, payForRetry, refundSuccess, RETRY_BUDGET } from '../../../nodes/shared/transport/retryBudget';
import { backoff, MAX_BACKOFF_MS, networkRetryable, retryAfterDelay, type RetrySettings } from '../../../nodes/shared/transport/retryPolicy';

const settings = { initialDelayMs: 1000 } as RetrySettings;
const samples = (draw: () => number, n = 2000) => Array.from({ length: n }, draw);

describe('backoff', () => {
	it('is fully jittered below a doubling ceiling', () => {
		for (const attempt of [0, 1, 2, 3]) {
			const ceiling = 1000 * 2 ** attempt;
			const delays = samples(() => backoff(settings, attempt));
			expect(Math.max(...delays)).toBeLessThanOrEqual(ceiling);
			expect(Math.min(...delays)).toBeLessThan(ceiling * 0.05);
			expect(Math.max(...delays)).toBeGreaterThan(ceiling * 0.95);
		}
	});

	it('never passes the 20 s cap, however many retries', () => {
		for (const attempt of [5, 10, 20, 50, 1000]) expect(Math.max(...samples(() => backoff(settings, attempt), 500))).toBeLessThanOrEqual(MAX_BACKOFF_MS);
	});

	it('Retry-After is never shortened and gets up to 20 % (at most 5 s) on top', () => {
		const short = samples(() => retryAfterDelay(1000));
		expect(Math.min(...short)).toBeGreaterThanOrEqual(1000);
		expect(Math.max(...short)).toBeLessThanOrEqual(1200);
		expect(new Set(short).size).toBeGreaterThan(50);
		expect(Math.max(...samples(() => retryAfterDelay(60_000)))).toBeLessThanOrEqual(65_000);
	});
});

describe('network codes', () => {
	it.each([
		['ECONNREFUSED', 'always'],
		['ECONNRESET', 'ifSafe'],
		['EPIPE', 'ifSafe'],
		['ETIMEDOUT', 'ifSafe'],
		['ECONNABORTED', 'ifSafe'],
		['EAI_AGAIN', 'ifSafe'],
		['EHOSTUNREACH', 'ifSafe'],
		['ENOTFOUND', 'never'],
		['CERT_HAS_EXPIRED', 'never'],
		['DEPTH_ZERO_SELF_SIGNED_CERT', 'never'],
		['ERR_TLS_CERT_ALTNAME_INVALID', 'never'],
		['EPROTO', 'never'],
		['ERR_INVALID_URL', 'never'],
		['EFOO', 'never'],
	])('%s → %s', (code, expected) => expect(networkRetryable(code)).toBe(expected));
});

describe('retry budget', () => {
	it('pays 20 retries or 10 timeout retries from a full bucket; successes refund one each, up to the capacity', () => {
		const budget = newRetryBudget();
		let paid = 0;
		while (payForRetry(budget, 'retry')) paid++;
		expect(paid).toBe(RETRY_BUDGET.capacity / RETRY_BUDGET.retryCost);
		for (let i = 0; i < 10; i++) refundSuccess(budget);
		expect(payForRetry(budget, 'timeout')).toBe(true);
		expect(payForRetry(budget, 'timeout')).toBe(false);
		expect(payForRetry(budget, 'none')).toBe(true);
		for (let i = 0; i < 1000; i++) refundSuccess(budget);
		expect(budget.tokens).toBe(RETRY_BUDGET.capacity);
	});
});

describe('redactor', () => {
	const credentials = {
		apiKey: 'Key-1234/abc+xyz',
		email: 'Owner@Example.com',
		baseUrl: 'https://api.copper.com/developer_api/v1',
		clientId: 'client-id',
		clientSecret: 'sec"ret\\value',
		accessTokenUrl: 'https://app.copper.com/oauth/token',
		oauthTokenData: { access_token: 'at-999', refresh_token: 'rt-888', token_type: 'Bearer', expires_in: 3600 },
	};
	const redact = createRedactor(credentialSecrets(credentials));

	it('collects the secret values, not URLs, type names or short values', () => {
		expect(credentialSecrets(credentials).sort()).toEqual(['Key-1234/abc+xyz', 'Owner@Example.com', 'at-999', 'rt-888', 'sec"ret\\value'].sort());
		expect(credentialSecrets({ apiKey: 'ab' })).toEqual([]);
	});

	it.each([
		['as is', 'token Key-1234/abc+xyz here'],
		['other letter case', 'token KEY-1234/ABC+XYZ here'],
		['percent-encoded', `token ${encodeURIComponent('Key-1234/abc+xyz')} for ${encodeURIComponent('owner@example.com')}`],
		['JSON-escaped', JSON.stringify({ secret: 'sec"ret\\value' })],
		['email in any case', 'user OWNER@EXAMPLE.COM'],
		['refresh token', 'refresh rt-888 failed'],
	])('masks a secret %s', (_name, text) => {
		const masked = redact.text(text);
		expect(masked).toContain(MASK);
		for (const secret of ['key-1234', 'owner@example.com', 'owner%40example.com', 'sec', 'rt-888']) {
			if (secret === 'sec') expect(masked).not.toContain('ret\\\\value');
			else expect(masked.toLowerCase()).not.toContain(secret);
		}
	});

	it('masks the form the generic credential block sends: a key pasted with inner spaces, tabs and line breaks', () => {
		const pasted = createRedactor(credentialSecrets({ apiKey: ' abc123 def456\tghi\n789 ' }));
		expect(pasted.text('echo: abc123def456ghi789 end')).toBe(`echo: ${MASK} end`);
	});

	it('masks credential-shaped values it was never told (a token n8n refreshed during the run)', () => {
		const text = redact.text('Authorization: Bearer fresh.token-value; x-api-key=other-key "access_token":"abc123" X-PW-AccessToken: zzz999');
		expect(text).toBe(`Authorization: Bearer ${MASK}; x-api-key=${MASK} "access_token":"${MASK}" X-PW-AccessToken: ${MASK}`);
	});

	it('masks inside any JSON shape, keys included, and the values of credential-named keys', () => {
		const body = { 'Key-1234/abc+xyz': [{ nested: { deeper: ['at-999'] } }], Authorization: 'Basic dXNlcjpwYXNz', note: 'fine' };
		expect(redact.value(body)).toEqual({ [MASK]: [{ nested: { deeper: [MASK] } }], Authorization: MASK, note: 'fine' });
	});

	it('leaves ordinary text alone', () => {
		for (const text of ['Validation error: name is required (bearer of news)', 'Use basic information only', 'email: is invalid']) expect(redact.text(text)).toBe(text);
	});
});

describe('paths inside the base path', () => {
	it.each(['/people', '/people/search', '/people/123', '/post/a%2Bb', '/post/%C3%AFd', '/webhooks/1/', '/post/100%25'])('%s is safe', (path) => {
		expect(unsafePathReason(path)).toBeUndefined();
	});
	it.each([
		'/people\\..\\users',
		'/people/../users',
		'/people/./x',
		'/people/%2e%2e/users',
		'/people/%2E./users',
		'/people/%252e%252e/users',
		'/people/%25252e%25252e/users',
		'/people/..%5cusers',
		'/people%2f..%2fusers',
		'/people//search',
		'//evil.example/x',
		'people',
		'/people/%zz',
		'/people/%00',
		'/people/%0d%0aHost:x',
	])('%s is refused', (path) => {
		expect(unsafePathReason(path)).toEqual(expect.any(String));
	});
	it('the transport decodes once, as the server does: an encoded ID that only decodes to ".." twice is one literal segment', () => {
		expect(unsafePathReason('/post/%252e%252E', 1)).toBeUndefined();
		expect(unsafePathReason('/post/%2e%2E', 1)).toEqual(expect.any(String));
	});
});
