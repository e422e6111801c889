/**
 * "Upload a File" with n8n's filesystem binary data mode: n8n-core's BinaryDataService configured
 * as an instance with N8N_DEFAULT_BINARY_DATA_MODE=filesystem configures it, the input file stored
 * on disk (the item carries only its ID), and the node reads it through n8n's binary helpers.
 */
import { mkdtempSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { BinaryDataService } from 'n8n-core';
import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import { useCopperSandbox } from '../helpers/copper';

const storagePath = mkdtempSync(join(tmpdir(), 'n8n-binary-'));

/**
 * The dependency container of the n8n-core the engine runs (2.x here, 1.x under test:engine:1x):
 * the `@n8n/di` that n8n-core itself resolves, so that the service configured here is the engine's.
 */
function engineContainer(): { get<T>(type: new (...args: never[]) => T): T } {
	const di = require.resolve('@n8n/di', { paths: [require.resolve('n8n-core')] });
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return (require(di) as { Container: ReturnType<typeof engineContainer> }).Container;
}

describe('Copper: Upload a File from filesystem binary data', () => {
	const h = useCopperSandbox();
	let service: BinaryDataService;

	beforeAll(async () => {
		process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
		process.env.N8N_BINARY_DATA_STORAGE_PATH = storagePath;
		service = engineContainer().get(BinaryDataService);
		await service.init();
	});

	async function storedItem(bytes: Buffer, fileName: string): Promise<INodeExecutionData> {
		const location = { type: 'execution' as const, workflowId: 'test-workflow', executionId: 'upstream-execution' };
		const binary = await service.store(location, bytes, { data: '', mimeType: 'application/octet-stream', fileName } as IBinaryData);
		return { json: {}, binary: { data: binary } };
	}

	it('stores the input on disk (the item holds only an ID) and uploads the exact bytes', async () => {
		const bytes = Buffer.alloc(3 * 1024 * 1024 + 17);
		for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) % 251;
		const item = await storedItem(bytes, 'scan.bin');
		expect(item.binary!.data.id).toMatch(/^filesystem(-v2)?:/);
		expect(item.binary!.data.data).not.toBe(bytes.toString('base64'));
		expect(readdirSync(storagePath, { recursive: true }).length).toBeGreaterThan(0);

		const personId = String([...h.sandbox.store.people.keys()][0]);
		const result = await h.run({ resource: 'people', operation: 'uploadFile', person_id: personId }, { inputItems: [item] });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ file_name: 'scan.bin', file_size: bytes.length });
		const key = (h.sandbox.requests[1].body as { key: string }).key;
		expect(h.sandbox.storage.objects.get(key)!.equals(bytes)).toBe(true);
	});

	it('checks the stored file size against the limit before reading or sending it', async () => {
		const item = await storedItem(Buffer.alloc(50 * 1024 * 1024 + 1), 'huge.bin');
		const personId = String([...h.sandbox.store.people.keys()][0]);
		const result = await h.run({ resource: 'people', operation: 'uploadFile', person_id: personId }, { inputItems: [item] });
		expect(result.error?.message).toBe('Invalid value for "Input Binary Field": the file has 52428801 bytes; this operation uploads files of up to 50 MB (52428800 bytes)');
		expect(h.sandbox.requests).toHaveLength(0);
		expect(h.sandbox.storage.requests).toHaveLength(0);
	});
});
