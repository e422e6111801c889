/** Pure functions of the transport's bounds and redirect rule (the engine tests: test/reliability/hostileTransport*.test.ts). */
import { decideRedirect } from '../../../nodes/shared/transport/redirects';
import { nestsDeeperThan } from '../../../nodes/shared/values/safeData';

describe('nestsDeeperThan', () => {
	const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

	it('counts objects and arrays up to the limit', () => {
		expect(nestsDeeperThan(nested(64))).toBe(false);
		expect(nestsDeeperThan(nested(65))).toBe(true);
		expect(nestsDeeperThan('['.repeat(65) + ']'.repeat(65))).toBe(true);
		expect(nestsDeeperThan(`[${Array.from({ length: 1000 }, () => nested(10)).join(',')}]`)).toBe(false);
	});

	it('ignores brackets inside strings, escaped quotes and backslashes included', () => {
		expect(nestsDeeperThan(JSON.stringify({ s: '['.repeat(500) }))).toBe(false);
		expect(nestsDeeperThan(JSON.stringify({ s: `a\\"${'{'.repeat(100)}` }))).toBe(false);
		expect(nestsDeeperThan(JSON.stringify({ s: 'ends with a backslash \\', n: JSON.parse(nested(65)) }))).toBe(true);
		expect(nestsDeeperThan(JSON.stringify([`"\\"${'['.repeat(70)}`, JSON.parse(nested(3))]))).toBe(false);
	});
});

describe('decideRedirect', () => {
	const base = 'https://api.copper.com/developer_api/v1';
	const current = `${base}/people/1`;
	const decide = (status: number, location: string | undefined, method: 'GET' | 'POST' = 'GET', hops = 0) =>
		decideRedirect(status, location, current, base, method, hops, 'Copper CRM');

	it('is not a redirect for other statuses, or a 304', () => {
		for (const status of [200, 204, 304, 400, 401, 500]) expect(decide(status, '/x')).toBeUndefined();
	});

	it('follows the same origin: absolute, root-relative and relative Locations', () => {
		expect(decide(302, `${base}/people/2`)).toEqual({ follow: { url: `${base}/people/2`, method: 'GET', keepBody: true } });
		expect(decide(301, '/developer_api/v1/people/3')).toEqual({ follow: { url: `${base}/people/3`, method: 'GET', keepBody: true } });
		expect(decide(307, '4', 'POST')).toEqual({ follow: { url: `${base}/people/4`, method: 'POST', keepBody: true } });
		expect(decide(308, '4', 'POST')).toEqual({ follow: { url: `${base}/people/4`, method: 'POST', keepBody: true } });
		expect(decide(303, '/x', 'POST')).toEqual({ follow: { url: 'https://api.copper.com/x', method: 'GET', keepBody: false } });
		expect(decide(302, '/x', 'POST')).toEqual({ follow: { url: 'https://api.copper.com/x', method: 'GET', keepBody: false } });
	});

	it('refuses any other origin, naming the target without its query', () => {
		for (const location of [
			'https://evil.example/developer_api/v1/people/1?token=x',
			'http://api.copper.com/developer_api/v1/people/1',
			'https://api.copper.com:8443/developer_api/v1/people/1',
			'//evil.example/path',
			'https://api.copper.com.evil.example/',
			'https://user:pass@evil.example/',
		]) {
			const decision = decide(302, location);
			expect(decision && 'refuse' in decision).toBe(true);
			const target = new URL(location, current);
			expect((decision as { refuse: string }).refuse).toContain(`redirected the request to ${target.origin}${target.pathname},`);
			expect((decision as { refuse: string }).refuse).not.toContain('token=x');
		}
	});

	it('refuses a missing or unparsable Location and a sixth redirect', () => {
		expect(decide(302, undefined)).toEqual({ refuse: 'Copper CRM answered HTTP 302 (a redirect) without a Location' });
		expect(decide(302, 'http://[::1')).toEqual({ refuse: 'Copper CRM redirected to an address that is not a valid URL' });
		expect(decide(302, '/x', 'GET', 5)).toEqual({ refuse: 'Copper CRM redirected more than 5 times (last to https://api.copper.com/x)' });
	});
});
