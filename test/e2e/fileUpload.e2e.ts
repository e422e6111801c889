/**
 * Upload a File in the real n8n: the example copper-attach-file-to-person (executed headless by
 * globalSetup) makes a text file with n8n's Convert to File node and attaches it to the person with
 * one Copper node; the file is then listed on the person in the sandbox, with the notes' size.
 */
import { copperCall } from './setup/sandboxApi';
import { nodeItems, readState, type E2eState } from './setup/state';

let state: E2eState;

beforeAll(() => {
	state = readState();
});

describe('Upload a File, executed by the real n8n', () => {
	it('attaches the file a workflow node produced, and the person lists it', async () => {
		const rec = state.executions.exCopperFileAtt1;
		expect(rec).toBeDefined();
		if (!rec.ok) throw new Error(`n8n execute failed:\n${rec.error}`);
		expect(rec.result.data.resultData.error).toBeUndefined();
		const [person] = nodeItems(rec.result, 'Find Person');
		const [notes] = nodeItems(rec.result, 'Call Notes');
		const [file] = nodeItems(rec.result, 'Attach to Person');
		expect(file).toMatchObject({ file_name: 'call-notes.txt', file_size: Buffer.byteLength(String(notes.notes)), is_deleted: false });
		expect(file.content_type).toMatch(/^text\/plain/);

		const listed = await copperCall(state, 'GET', `/people/${person.id}/files`);
		expect(listed).toContainEqual(file);
		const meta = await copperCall(state, 'GET', `/people/${person.id}/files/${file.id}`);
		expect(meta).toEqual(file);
	});
});
