/**
 * Hostile transport, redirects (counted in docs/reliability.md, group "redirects"), through n8n-core's
 * real engine against the sandboxes over HTTP: 301/302/303/307/308, relative and absolute, same origin
 * (followed) and another port, host or scheme (refused, naming the target; the other server receives nothing).
 */
import type { CopperSandbox } from '../../tooling/sandbox/copper';
import type { OcoyaSandbox } from '../../tooling/sandbox/ocoya';
import { count } from './faults';
import {
	copperKey,
	copperOAuth,
	expectOk,
	GET_ACCOUNT,
	GET_ME,
	ocoyaKey,
	originOf,
	resetRecorder,
	resetSandboxes,
	runCopper,
	runOcoya,
	startCopper,
	startOcoya,
	startRecorder,
	stopRecorder,
	type Recorder,
} from './hostileTransportKit';
import { writeReliabilityDoc } from './report';

let copper: CopperSandbox;
let ocoya: OcoyaSandbox;
let foreign: Recorder;

afterAll(() => {
	if (process.env.RELIABILITY_DOC) writeReliabilityDoc('hostile transport redirects');
});

describe('hostile transport', () => {
	beforeAll(async () => {
		copper = await startCopper();
		ocoya = await startOcoya();
		foreign = await startRecorder();
	});

	afterAll(async () => {
		await copper?.close();
		await ocoya?.close();
		await stopRecorder(foreign);
	});

	beforeEach(() => {
		resetSandboxes(copper, ocoya);
		resetRecorder(foreign);
	});

	describe('redirects: the credential never leaves its origin', () => {
		const REDIRECTS = [301, 302, 303, 307, 308];
		const path = '/developer_api/v1/account';
		const elsewhere = (port: number) => [
			['another port', `${foreign.url}${path}`, `${foreign.url}${path}`],
			['another host', `http://localhost:${port}${path}`, `http://localhost:${port}${path}`],
			['another scheme', `https://127.0.0.1:${port}${path}`, `https://127.0.0.1:${port}${path}`],
			['a protocol-relative Location', `//localhost:${port}${path}`, `http://localhost:${port}${path}`],
		];

		for (const status of REDIRECTS) {
			it(`Copper API key, ${status} to another port, host, scheme: refused naming the target, nothing sent there`, async () => {
				for (const [label, location, shown] of elsewhere(copper.port)) {
					const done = count('redirects');
					copper.clearRequests();
					copper.injectFault({ method: 'GET', path: '/account', status, headers: { Location: location }, body: '' });
					const result = await runCopper(GET_ACCOUNT, copperKey(copper.url), 'apiKey');
					expect(`${label}: ${result.error?.message}`).toContain(`${label}: Copper CRM redirected the request to ${shown}`);
					expect(result.error?.message).toContain('refused');
					expect(copper.requests).toHaveLength(1);
					expect(foreign.hits).toEqual([]);
					expect(JSON.stringify(result.items)).not.toContain('foreign record');
					done();
				}
			});

			it(`Copper API key, ${status} to the same origin (absolute and relative Location): followed`, async () => {
				for (const location of [`${originOf(copper.url)}${path}`, path, 'account']) {
					const done = count('redirects');
					copper.clearRequests();
					copper.injectFault({ method: 'GET', path: '/account', status, headers: { Location: location }, body: '' });
					const result = await runCopper(GET_ACCOUNT, copperKey(copper.url), 'apiKey');
					expectOk(result);
					expect(copper.requests.map((r) => r.status)).toEqual([status, 200]);
					done();
				}
			});
		}

		it('Ocoya API key (X-API-Key) and Copper OAuth2 (Authorization): a redirect to another port is refused', async () => {
			const done = count('redirects');
			ocoya.injectFault({ method: 'GET', path: '/me', status: 302, headers: { Location: `${foreign.url}/api/_public/v1/me` } });
			const viaKey = await runOcoya(GET_ME, ocoyaKey(ocoya.url), 'apiKey');
			expect(viaKey.error?.message).toContain(`Ocoya redirected the request to ${foreign.url}/api/_public/v1/me`);
			copper.injectFault({ method: 'GET', path: '/account', status: 307, headers: { Location: `${foreign.url}${path}` }, body: '' });
			const viaOAuth = await runCopper(GET_ACCOUNT, copperOAuth(copper));
			expect(viaOAuth.error?.message).toContain(`redirected the request to ${foreign.url}${path}`);
			expect(foreign.hits).toEqual([]);
			done();
		});

		it('307 and 308 repeat a POST with its body on the same origin (the record is created once); 303 continues as GET', async () => {
			for (const status of [307, 308]) {
				const done = count('redirects');
				const before = copper.store.count('people');
				copper.injectFault({ method: 'POST', path: '/people', status, headers: { Location: '/developer_api/v1/people' }, body: '' });
				const result = await runCopper({ resource: 'people', operation: 'create', name: `Redirected ${status}` }, copperKey(copper.url), 'apiKey');
				expectOk(result);
				expect(copper.store.count('people')).toBe(before + 1);
				expect(result.items[0].json.name).toBe(`Redirected ${status}`);
				done();
			}
			const done = count('redirects');
			copper.clearRequests();
			copper.injectFault({ method: 'POST', path: '/people', status: 303, headers: { Location: '/developer_api/v1/account' }, body: '' });
			await runCopper({ resource: 'people', operation: 'create', name: 'See other' }, copperKey(copper.url), 'apiKey');
			expect(copper.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /people', 'GET /account']);
			done();
		});

		it('a redirect loop on the same origin ends after 5 redirects', async () => {
			const done = count('redirects');
			copper.injectFault({ method: 'GET', path: '/account', status: 302, headers: { Location: path }, body: '', times: Infinity });
			const result = await runCopper(GET_ACCOUNT, copperKey(copper.url), 'apiKey');
			expect(result.error?.message).toContain('redirected more than 5 times');
			expect(copper.requests).toHaveLength(6);
			done();
		});
	});
});
