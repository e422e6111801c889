/**
 * Hostile transport, response bounds (counted in docs/reliability.md, group "response bounds"), through
 * n8n-core's real engine against a server on another port: an endless body, a huge announced body, a
 * body just over and just at the Max Response Size, deeply nested JSON.
 */
import { FAST_RETRIES } from '../helpers/sandboxSuite';
import { count } from './faults';
import { copperKey, expectOk, GET_ACCOUNT, resetRecorder, runCopper, startRecorder, stopRecorder, type Recorder } from './hostileTransportKit';
import { writeReliabilityDoc } from './report';

let foreign: Recorder;

afterAll(() => {
	if (process.env.RELIABILITY_DOC) writeReliabilityDoc('hostile transport bounds');
});

describe('hostile transport', () => {
	beforeAll(async () => {
		foreign = await startRecorder();
	});

	afterAll(async () => await stopRecorder(foreign));

	beforeEach(() => resetRecorder(foreign));

	describe('bounds: a body over the Max Response Size stops being read; deep JSON fails cleanly', () => {
		const hostileBase = () => `${foreign.url}/developer_api/v1`;
		const withLimit = (mib?: number) => ({ ...GET_ACCOUNT, requestOptions: { ...FAST_RETRIES, ...(mib ? { maxResponseMiB: mib } : {}) } });

		/** An endless body: 64 KiB chunks for as long as the client reads; returns the bytes written. */
		function endless(contentLength?: number): { written: () => number } {
			let written = 0;
			foreign.handler = (_req, res) => {
				res.writeHead(200, { 'Content-Type': 'application/json', ...(contentLength ? { 'Content-Length': String(contentLength) } : {}) });
				const chunk = Buffer.alloc(64 * 1024, 0x20);
				res.write('[');
				const pump = () => {
					while (!res.destroyed && res.write(chunk)) written += chunk.length;
					if (!res.destroyed) res.once('drain', pump);
				};
				res.on('close', () => res.removeAllListeners('drain'));
				pump();
			};
			return { written: () => written };
		}

		it('an endless body is cut at the Max Response Size (1 MiB here), with an error naming the field, not retried', async () => {
			const done = count('response bounds');
			const server = endless();
			const started = Date.now();
			const result = await runCopper(withLimit(1), copperKey(hostileBase()), 'apiKey');
			expect(result.error?.message).toContain('larger than the Max Response Size of 1 MiB');
			expect(result.error?.message).toContain('Max Response Size (MiB)');
			expect(foreign.hits).toHaveLength(1);
			expect(Date.now() - started).toBeLessThan(5000);
			expect(server.written()).toBeLessThan(8 * 1024 * 1024);
			done();
		});

		it('with the default (64 MiB) an endless body stops at 64 MiB, not at the attempt deadline', async () => {
			const done = count('response bounds');
			const server = endless();
			const result = await runCopper(withLimit(), copperKey(hostileBase()), 'apiKey');
			expect(result.error?.message).toContain('Max Response Size of 64 MiB');
			expect(server.written()).toBeLessThan(80 * 1024 * 1024);
			done();
		});

		it('a Content-Length over the limit fails before the body is read', async () => {
			const done = count('response bounds');
			const server = endless(10 * 1024 * 1024 * 1024);
			const result = await runCopper(withLimit(1), copperKey(hostileBase()), 'apiKey');
			expect(result.error?.message).toContain('it announced 10240 MiB');
			expect(server.written()).toBeLessThan(8 * 1024 * 1024);
			done();
		});

		it('a body one byte over the limit fails; a body exactly at the limit is read', async () => {
			const limit = 1024 * 1024;
			for (const [size, fails] of [
				[limit + 1, true],
				[limit, false],
			] as const) {
				const done = count('response bounds');
				const body = JSON.stringify({ id: 1, pad: 'x'.repeat(size - 20) });
				const padded = body.slice(0, -2) + ' '.repeat(size - body.length) + body.slice(-2);
				expect(Buffer.byteLength(padded)).toBe(size);
				foreign.handler = (_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(padded);
				const result = await runCopper(withLimit(1), copperKey(hostileBase()), 'apiKey');
				expect(!!result.error).toBe(fails);
				if (!fails) expect(result.items[0].json.id).toBe(1);
				done();
			}
		});

		it('JSON nested 100,000 levels deep fails with a clear error; 60 levels and brackets inside strings are read', async () => {
			const done = count('response bounds');
			foreign.handler = (_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('['.repeat(100_000) + ']'.repeat(100_000));
			const deep = await runCopper(GET_ACCOUNT, copperKey(hostileBase()), 'apiKey');
			expect(deep.error?.message).toBe('Copper CRM answered with JSON nested deeper than 64 levels; it was not read');
			expect(deep.error?.name).toBe('NodeApiError');
			const nested = `${'{"a":'.repeat(60)}1${'}'.repeat(60)}`;
			foreign.handler = (_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(`{"id":2,"text":"${'['.repeat(500)}","nested":${nested}}`);
			const fine = await runCopper(GET_ACCOUNT, copperKey(hostileBase()), 'apiKey');
			expectOk(fine);
			expect(fine.items[0].json.id).toBe(2);
			done();
		});
	});
});
