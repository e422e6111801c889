/**
 * Runs the Copper sandbox for manual use (e.g. pointing a local n8n at it):
 *
 *   npm run sandbox            # or: npx ts-node --transpile-only tooling/sandbox/copper/standalone.ts
 *   COPPER_SANDBOX_PORT=4020 npm run sandbox
 */

import { startCopperSandbox } from './index';

async function main(): Promise<void> {
	const port = Number(process.env.COPPER_SANDBOX_PORT ?? 4010);
	const apiKey = 'test-api-key';
	const email = 'owner@sandbox.test';
	const oauthToken = 'test-oauth-token';
	const sandbox = await startCopperSandbox({ port, seed: 'demo', log: true, apiKey, email, oauthToken });
	// A local n8n listens on http://; real Copper would require https targets.
	sandbox.store.allowHttpWebhookTargets = true;
	console.log(`Copper sandbox listening at ${sandbox.url}`);
	console.log(`  API key auth: X-PW-AccessToken: ${apiKey}`);
	console.log(`                X-PW-UserEmail:   ${email}`);
	console.log(`                X-PW-Application: developer_api`);
	console.log(`  OAuth auth:   Authorization: Bearer ${oauthToken}`);
	console.log(`  Try: curl -H "X-PW-AccessToken: ${apiKey}" -H "X-PW-UserEmail: ${email}" -H "X-PW-Application: developer_api" ${sandbox.url}/account`);

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal} received, closing the Copper sandbox`);
		sandbox.close().then(
			() => process.exit(0),
			(e: unknown) => {
				console.error(e);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
	console.error(e);
	process.exit(1);
});
