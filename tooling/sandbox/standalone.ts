/**
 * The one launcher of the sandboxes for manual use (e.g. pointing a local n8n at one): demo data and a
 * request log, until SIGINT/SIGTERM.
 *
 *   npm run sandbox              # Copper, port COPPER_SANDBOX_PORT (4010)
 *   npm run sandbox:ocoya        # Ocoya, port OCOYA_SANDBOX_PORT (4020)
 *   npx ts-node --transpile-only tooling/sandbox/standalone.ts <copper|ocoya>
 */
import { COPPER_APPLICATION_HEADER } from '../../nodes/CopperCrm/applicationHeader';
import type { SandboxHandle } from './contract';
import { startCopperSandbox } from './copper';
import { startOcoyaSandbox } from './ocoya';

type Launched = { sandbox: SandboxHandle<unknown>; banner: string[] };

const LAUNCHERS: Record<string, () => Promise<Launched>> = {
	async copper() {
		const [apiKey, email, oauthToken] = ['test-api-key', 'owner@sandbox.test', 'test-oauth-token'];
		const sandbox = await startCopperSandbox({ port: Number(process.env.COPPER_SANDBOX_PORT ?? 4010), seed: 'demo', log: true, apiKey, email, oauthToken });
		// A local n8n listens on http://; real Copper would require https targets.
		sandbox.store.allowHttpWebhookTargets = true;
		const application = Object.entries(COPPER_APPLICATION_HEADER).map(([name, value]) => `${name}: ${value}`)[0];
		return {
			sandbox,
			banner: [
				`  API key auth: X-PW-AccessToken: ${apiKey}`,
				`                X-PW-UserEmail:   ${email}`,
				`                ${application}`,
				`  OAuth auth:   Authorization: Bearer ${oauthToken}`,
				`  Try: curl -H "X-PW-AccessToken: ${apiKey}" -H "X-PW-UserEmail: ${email}" -H "${application}" ${sandbox.url}/account`,
			],
		};
	},
	async ocoya() {
		const sandbox = await startOcoyaSandbox({ port: Number(process.env.OCOYA_SANDBOX_PORT ?? 4020), seed: 'demo', log: true });
		return {
			sandbox,
			banner: [
				`  API key (X-API-Key): ${sandbox.apiKey}`,
				`  OAuth token (Authorization: Bearer): ${sandbox.oauthToken}`,
				`  Default workspace: ${sandbox.store.defaultWorkspaceId}`,
			],
		};
	},
};

async function main(): Promise<void> {
	const name = process.argv[2] ?? 'copper';
	const launch = LAUNCHERS[name];
	if (!launch) throw new Error(`Unknown sandbox "${name}": use ${Object.keys(LAUNCHERS).join(' or ')}`);
	const { sandbox, banner } = await launch();
	console.log(`${name} sandbox listening at ${sandbox.url}`);
	for (const line of banner) console.log(line);
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal} received, closing the ${name} sandbox`);
		sandbox.close().then(
			() => process.exit(0),
			(error: unknown) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
