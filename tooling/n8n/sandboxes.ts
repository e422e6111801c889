/**
 * Both sandboxes in this process, with the demo data and credentials a local n8n uses.
 */
import type { CopperSandbox } from '../sandbox/copper/types';
import type { OcoyaSandbox } from '../sandbox/ocoya/types';
import { log } from './processes';

export const SANDBOX_DEFAULTS = {
	copper: { port: 4010, apiKey: 'test-api-key', email: 'owner@sandbox.test', oauthToken: 'test-oauth-token' },
	ocoya: { port: 4020 },
} as const;

export interface Sandboxes {
	copper: CopperSandbox;
	ocoya: OcoyaSandbox;
	close(): Promise<void>;
}

export async function startSandboxes(opts: { copperPort?: number; ocoyaPort?: number; log?: boolean } = {}): Promise<Sandboxes> {
	const { startCopperSandbox } = await import('../sandbox/copper/index');
	const { startOcoyaSandbox } = await import('../sandbox/ocoya/index');
	const c = SANDBOX_DEFAULTS.copper;
	const copper = await startCopperSandbox({
		port: opts.copperPort ?? c.port,
		seed: 'demo',
		log: opts.log ?? false,
		apiKey: c.apiKey,
		email: c.email,
		oauthToken: c.oauthToken,
	});
	// n8n listens on http://127.0.0.1; real Copper only accepts https webhook targets.
	(copper.store as unknown as { allowHttpWebhookTargets?: boolean }).allowHttpWebhookTargets = true;
	let ocoya: Sandboxes['ocoya'];
	try {
		ocoya = await startOcoyaSandbox({ port: opts.ocoyaPort ?? SANDBOX_DEFAULTS.ocoya.port, seed: 'demo', log: opts.log ?? false });
	} catch (e) {
		await copper.close();
		throw e;
	}
	log(`Copper sandbox: ${copper.url} (API key ${c.apiKey}, email ${c.email})`);
	log(`Ocoya sandbox:  ${ocoya.url} (API key ${ocoya.apiKey})`);
	return {
		copper,
		ocoya,
		close: async () => {
			await Promise.allSettled([copper.close(), ocoya.close()]);
		},
	};
}
