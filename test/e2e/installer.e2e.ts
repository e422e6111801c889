/**
 * The package through n8n's own community-package installer, as users get it, against a local npm
 * registry (tooling/n8n/registry.ts) that `npm publish` fills. n8n 2.41.1 takes a custom registry
 * (N8N_COMMUNITY_PACKAGES_REGISTRY) only with an enterprise licence, so it installs from
 * https://registry.npmjs.org as a user's n8n does, and the registry answers for that host through
 * an HTTPS proxy (HTTPS_PROXY, a throwaway certificate in NODE_EXTRA_CA_CERTS); n8n's code path is the
 * one users run. Each scenario on its own fresh n8n (own user folder and database, port
 * E2E_INSTALLER_N8N_PORT, default E2E_N8N_PORT + 5):
 *  1. default settings: installed with the REST call the Settings page makes (POST /rest/community-
 *     packages), its nodes load and run (a dropdown of the Copper node loaded from the sandbox with a
 *     saved credential), updated to 0.1.1 once published (PATCH), uninstalled (DELETE), then installed
 *     once more through Settings › Community Nodes in Chromium;
 *  2. the 3.x gate, N8N_UNVERIFIED_PACKAGES_ENABLED=false: the install is refused with n8n's message and
 *     the Settings page offers only verified packages;
 *  3. with the gate on, the environment-managed install (N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV=true,
 *     N8N_COMMUNITY_PACKAGES with name, version and checksum) installs the pinned version at start.
 * n8n 1.x has neither switch: the file runs on the 2.x line only.
 */
import * as fs from 'fs';
import * as path from 'path';
import { chromium, selectors, type Browser, type Page } from 'playwright-core';
import { ensureRuntime, LOCAL_DIR, type Runtime } from '../../tooling/n8n/n8n-install';
import { npmPublish, repackAs, startRegistry, tarballIntegrity, type LocalRegistry } from '../../tooling/n8n/registry';
import * as stack from '../../tooling/n8n/stack';
import { ARTIFACTS_DIR, readState } from './setup/state';

const state = readState();
const PACKAGE = stack.PACKAGE_NAME;
const PORT = Number(process.env.E2E_INSTALLER_N8N_PORT ?? Number(process.env.E2E_N8N_PORT ?? 5678) + 5);
const REGISTRY_PORT = Number(process.env.E2E_REGISTRY_PORT ?? 4873);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const NODE_TYPES = ['copperCrm', 'copperCrmPollTrigger', 'copperCrmWebhookTrigger', 'ocoya', 'ocoyaPostTrigger'].map((name) => `${PACKAGE}.${name}`);
const WORK_DIR = path.join(LOCAL_DIR, 'e2e-installer');
const describeInstaller = state.n8nLine === '1' ? describe.skip : describe;

interface InstalledPackage {
	packageName: string;
	installedVersion: string;
	installedNodes: Array<{ type: string }>;
}

/** A fresh n8n with its own user folder, signed in as the owner, and a REST client with the session. */
class Instance {
	private constructor(
		readonly server: stack.N8nServer,
		readonly userFolder: string,
		private readonly cookie: string,
	) {}

	static async start(rt: Runtime, name: string, env: NodeJS.ProcessEnv): Promise<Instance> {
		const userFolder = path.join(WORK_DIR, name);
		fs.rmSync(userFolder, { recursive: true, force: true });
		fs.mkdirSync(userFolder, { recursive: true });
		const server = await stack.startN8n(rt, stack.n8nEnv(rt, userFolder, PORT, env), PORT, { timeoutMs: 240_000 });
		try {
			await stack.setupOwner(server.url);
			return new Instance(server, userFolder, await stack.login(server.url));
		} catch (error) {
			await server.stop();
			throw error;
		}
	}

	async rest(method: string, route: string, body?: unknown): Promise<{ status: number; data: any; message?: string }> {
		const response = await fetch(`${this.server.url}/rest${route}`, {
			method,
			headers: { cookie: this.cookie, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const json = (await response.json().catch(() => ({}))) as { data?: unknown; message?: string };
		return { status: response.status, data: json.data, message: json.message };
	}

	async packages(): Promise<InstalledPackage[]> {
		return (await this.rest('GET', '/community-packages')).data as InstalledPackage[];
	}

	/** The version of the package n8n unpacked into its nodes folder, or undefined when there is none. */
	versionOnDisk(): string | undefined {
		const file = path.join(this.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE, 'package.json');
		return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version : undefined;
	}

	/** n8n's own credential test of the Copper API-key credential against the shared sandbox ("OK" when it passes). */
	async copperCredentialTest(): Promise<string> {
		const data = { apiKey: state.copper.apiKey, email: state.copper.email, baseUrl: state.copper.url };
		const result = await this.rest('POST', '/credentials/test', { credentials: { id: '', name: 'Copper (installer test)', type: 'copperCrmApi', data } });
		// Without the package, n8n refuses the unknown credential type: its message instead of a status.
		return (result.data as { status?: string } | undefined)?.status ?? `refused: ${result.message ?? result.status}`;
	}
}

async function openBrowser(): Promise<{ browser: Browser; page: Page }> {
	selectors.setTestIdAttribute('data-test-id');
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'],
	});
	const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	page.setDefaultTimeout(60_000);
	return { browser, page };
}

async function signIn(page: Page, url: string): Promise<void> {
	await page.goto(`${url}/signin`);
	await page.locator('input[name=emailOrLdapLoginId]').fill(stack.OWNER.email);
	await page.locator('input[name=password]').fill(stack.OWNER.password);
	await page.getByRole('button', { name: /sign in/i }).click();
	await page.waitForURL(/\/(home|workflows)/, { timeout: 60_000 });
}

const shot = async (page: Page, name: string) => {
	fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
	await page.screenshot({ path: path.join(ARTIFACTS_DIR, `installer-${name}.png`) }).catch(() => undefined);
};

describeInstaller("n8n's community-package installer, from a local npm registry", () => {
	let rt: Runtime;
	let registry: LocalRegistry;
	let tarball: string;
	let updateTarball: string;

	beforeAll(async () => {
		rt = await ensureRuntime('2');
		registry = await startRegistry(REGISTRY_PORT);
		// dist/ was built by the e2e setup; packed as `npm publish` sends it.
		tarball = stack.packPackage();
		updateTarball = repackAs(tarball, '0.1.1', path.join(WORK_DIR, 'pack'));
		await npmPublish(tarball, registry.url);
	});

	afterAll(async () => {
		await registry?.close();
	});

	describe('default settings: REST install, nodes run, update, uninstall, Settings page', () => {
		let n8n: Instance;
		beforeAll(async () => {
			n8n = await Instance.start(rt, 'default', { ...registry.publicRegistryEnv });
		});
		afterAll(async () => {
			await n8n?.server.stop();
		});

		it('installs through POST /rest/community-packages, the call the Settings page makes', async () => {
			const installed = await n8n.rest('POST', '/community-packages', { name: PACKAGE });
			expect(installed.message).toBeUndefined();
			expect(installed.status).toBe(200);
			expect(installed.data).toMatchObject({ packageName: PACKAGE, installedVersion: '0.1.0' });
			expect((installed.data as InstalledPackage).installedNodes.map((node) => node.type).sort()).toEqual(NODE_TYPES);
			expect((await n8n.packages()).map((entry) => [entry.packageName, entry.installedVersion])).toEqual([[PACKAGE, '0.1.0']]);
			expect(n8n.versionOnDisk()).toBe('0.1.0');
		});

		it('its nodes load and run: the credential test, and a Copper dropdown loaded from the sandbox', async () => {
			expect(await n8n.copperCredentialTest()).toBe('OK');
			const data = { apiKey: state.copper.apiKey, email: state.copper.email, baseUrl: state.copper.url };
			const saved = await n8n.rest('POST', '/credentials', { name: 'Copper CRM account', type: 'copperCrmApi', data });
			expect(saved.status).toBe(200);
			const options = await n8n.rest('POST', '/dynamic-node-parameters/options', {
				path: 'filters.tags',
				nodeTypeAndVersion: { name: `${PACKAGE}.copperCrm`, version: 1 },
				currentNodeParameters: { authentication: 'apiKey', resource: 'people', operation: 'search' },
				methodName: 'getTags',
				credentials: { copperCrmApi: { id: (saved.data as { id: string }).id, name: 'Copper CRM account' } },
			});
			expect(options.message).toBeUndefined();
			expect((options.data as Array<{ value: string }>).length).toBeGreaterThan(0);
		});

		it('updates to 0.1.1 once it is published (PATCH /rest/community-packages)', async () => {
			await npmPublish(updateTarball, registry.url);
			expect(registry.published(PACKAGE)).toEqual(['0.1.0', '0.1.1']);
			const updated = await n8n.rest('PATCH', '/community-packages', { name: PACKAGE });
			expect(updated.message).toBeUndefined();
			expect(updated.data).toMatchObject({ packageName: PACKAGE, installedVersion: '0.1.1' });
			expect(n8n.versionOnDisk()).toBe('0.1.1');
			expect(await n8n.copperCredentialTest()).toBe('OK');
		});

		it('uninstalls (DELETE /rest/community-packages): the package, its files and its credential type are gone', async () => {
			const removed = await n8n.rest('DELETE', `/community-packages?name=${PACKAGE}`);
			expect(removed.status).toBe(200);
			expect(await n8n.packages()).toEqual([]);
			expect(n8n.versionOnDisk()).toBeUndefined();
			expect(await n8n.copperCredentialTest()).not.toBe('OK');
		});

		(fs.existsSync(CHROMIUM) ? it : it.skip)('installs once more through Settings › Community Nodes in Chromium', async () => {
			const { browser, page } = await openBrowser();
			try {
				await signIn(page, n8n.server.url);
				await page.goto(`${n8n.server.url}/settings/community-nodes`);
				await page.getByRole('button', { name: 'Install a community node' }).click();
				await page.getByTestId('package-name-input').fill(PACKAGE);
				await page.getByTestId('user-agreement-checkbox').click();
				await shot(page, 'settings-install-modal');
				await page.getByTestId('install-community-package-button').click();
				await page.getByTestId('community-package-card').getByText(PACKAGE).first().waitFor({ timeout: 120_000 });
				await shot(page, 'settings-installed');
			} finally {
				await browser.close();
			}
			expect((await n8n.packages()).map((entry) => [entry.packageName, entry.installedVersion])).toEqual([[PACKAGE, '0.1.1']]);
			expect(await n8n.copperCredentialTest()).toBe('OK');
		});
	});

	describe('the 3.x gate on 2.41.1: N8N_UNVERIFIED_PACKAGES_ENABLED=false', () => {
		let n8n: Instance;
		beforeAll(async () => {
			n8n = await Instance.start(rt, 'gate', { ...registry.publicRegistryEnv, N8N_UNVERIFIED_PACKAGES_ENABLED: 'false' });
		});
		afterAll(async () => {
			await n8n?.server.stop();
		});

		it('refuses the install with n8n\'s message, and installs nothing', async () => {
			const refused = await n8n.rest('POST', '/community-packages', { name: PACKAGE });
			expect(refused.status).toBeGreaterThanOrEqual(400);
			expect(refused.message).toContain('Installation of unverified community packages is forbidden!');
			expect(await n8n.packages()).toEqual([]);
			expect(n8n.versionOnDisk()).toBeUndefined();
		});

		(fs.existsSync(CHROMIUM) ? it : it.skip)('shows a Settings page that offers only verified packages, with no install button', async () => {
			const { browser, page } = await openBrowser();
			try {
				await signIn(page, n8n.server.url);
				await page.goto(`${n8n.server.url}/settings/community-nodes`);
				await page.getByText('Supercharge your workflows with verified community nodes').waitFor();
				await shot(page, 'gate-settings');
				expect(await page.getByRole('button', { name: 'Install a community node' }).count()).toBe(0);
			} finally {
				await browser.close();
			}
		});
	});

	describe('with the gate on: the environment-managed install with a checksum', () => {
		let n8n: Instance;
		beforeAll(async () => {
			n8n = await Instance.start(rt, 'managed', {
				...registry.publicRegistryEnv,
				N8N_UNVERIFIED_PACKAGES_ENABLED: 'false',
				N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV: 'true',
				N8N_COMMUNITY_PACKAGES: JSON.stringify([{ name: PACKAGE, version: '0.1.1', checksum: tarballIntegrity(updateTarball) }]),
			});
		});
		afterAll(async () => {
			await n8n?.server.stop();
		});

		it('installs the pinned version at start, and its nodes load', async () => {
			const packages = await n8n.packages();
			expect(packages.map((entry) => [entry.packageName, entry.installedVersion])).toEqual([[PACKAGE, '0.1.1']]);
			expect(packages[0].installedNodes.map((node) => node.type).sort()).toEqual(NODE_TYPES);
			expect(n8n.versionOnDisk()).toBe('0.1.1');
			expect(await n8n.copperCredentialTest()).toBe('OK');
		});

		it('refuses changes through the REST API on such an instance', async () => {
			const refused = await n8n.rest('DELETE', `/community-packages?name=${PACKAGE}`);
			expect(refused.status).toBe(400);
			expect(refused.message).toContain('managed via environment variables');
			expect(n8n.versionOnDisk()).toBe('0.1.1');
		});
	});
});
