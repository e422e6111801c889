/** Stops n8n and the sandboxes started by globalSetup (also after failures) and saves n8n's log. */
import * as fs from 'fs';
import * as path from 'path';
import type * as stack from '../../../tooling/n8n/stack';
import { ARTIFACTS_DIR } from './state';

export default async function globalTeardown(): Promise<void> {
	const held = (globalThis as Record<string, unknown>).__E2E__ as { sandboxes?: stack.Sandboxes; server?: stack.N8nServer } | undefined;
	if (!held) return;
	if (held.server) {
		try {
			fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
			fs.writeFileSync(path.join(ARTIFACTS_DIR, 'n8n.log'), held.server.logs());
		} catch {
			/* best effort */
		}
		await held.server.stop();
	}
	await held.sandboxes?.close();
}
