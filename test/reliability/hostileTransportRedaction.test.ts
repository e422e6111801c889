/**
 * Hostile transport, redaction (counted in docs/reliability.md, group "redaction"), through n8n-core's
 * real engine against the Copper sandbox over HTTP: the wire forms of a credential value (a key pasted
 * with a line break, a tab, a character outside Latin-1), echoed back in an error, are masked.
 */
import type { CopperSandbox } from '../../tooling/sandbox/copper';
import { count } from './faults';
import { copperKey, errorText, GET_ACCOUNT, resetSandboxes, runCopper, startCopper } from './hostileTransportKit';
import { writeReliabilityDoc } from './report';

let copper: CopperSandbox;

afterAll(() => {
	if (process.env.RELIABILITY_DOC) writeReliabilityDoc('hostile transport redaction');
});

describe('hostile transport', () => {
	beforeAll(async () => {
		copper = await startCopper();
	});

	afterAll(async () => await copper?.close());

	beforeEach(() => resetSandboxes(copper));

	describe('redaction covers the wire forms of a credential value', () => {
		const shapes = ['message', 'headerObject', 'text', 'urlEncoded'] as const;
		const keys = [
			['a key pasted with a line break', 'test-api\r\n-key-pasted'],
			['a key with a tab and surrounding spaces', '  test-api\t-key-tabbed  '],
			['a key with a non-Latin-1 character', 'test-api-key-€uro'],
		];

		for (const [label, apiKey] of keys) {
			it(`${label}: the form sent on the header is masked in an echoed error`, async () => {
				for (const shape of shapes) {
					const done = count('redaction');
					copper.clearRequests();
					copper.injectFault({ path: '/account', echo: shape, status: 403 });
					const result = await runCopper(GET_ACCOUNT, copperKey(copper.url, apiKey), 'apiKey');
					const sent = copper.requests[0]?.headers['x-pw-accesstoken'];
					const text = `${errorText(result)} ${JSON.stringify(result.error ?? {})} ${JSON.stringify(result.run.data)}`;
					if (typeof sent === 'string') {
						expect(text.includes(sent) || text.includes(encodeURIComponent(sent))).toBe(false);
					}
					const leaks = ['test-api-key', 'key-pasted', 'key-tabbed', 'key-uro'].filter((form) => text.includes(form));
					expect(`${shape}: ${leaks.join(', ')}`).toBe(`${shape}: `);
					done();
				}
			});
		}
	});
});
