/**
 * Runs the Ocoya sandbox as a standalone server (demo seed, request logging).
 *   npx ts-node --transpile-only tooling/sandbox/ocoya/standalone.ts
 * Port: env OCOYA_SANDBOX_PORT (default 4020).
 */

import { startOcoyaSandbox } from './index';

async function main(): Promise<void> {
	const port = Number(process.env.OCOYA_SANDBOX_PORT ?? 4020);
	const sandbox = await startOcoyaSandbox({ port, seed: 'demo', log: true });
	console.log(`Ocoya sandbox listening at ${sandbox.url}`);
	console.log(`API key (X-API-Key): ${sandbox.apiKey}`);
	console.log(`OAuth token (Authorization: Bearer): ${sandbox.oauthToken}`);
	console.log(`Default workspace: ${sandbox.store.defaultWorkspaceId}`);

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal} received, closing Ocoya sandbox…`);
		sandbox.close().then(
			() => process.exit(0),
			(err: unknown) => {
				console.error(err);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
	console.error(err);
	process.exit(1);
});
