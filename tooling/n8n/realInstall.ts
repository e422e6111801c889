/**
 * `npm start`'s default install: the packed package through n8n's own community-package installer, as
 * users get it. The tarball is published to the local registry (registry.ts); a first n8n run, given
 * the registry's proxy environment (it answers for registry.npmjs.org and refuses every other host),
 * installs it with the REST call the Settings page makes (POST /rest/community-packages) and is
 * stopped. n8n then runs without that environment, so it reaches the real APIs (--real) and the
 * sandboxes directly.
 *
 * A mark in the user folder keeps the integrity of the tarball the installer installed: the next
 * start skips the install run when the build is unchanged and the files are there. A package found
 * installed otherwise (a changed build, or the direct method of communityPackage.ts, which removes
 * the mark) is uninstalled through n8n first, then installed.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Runtime } from './n8n-install';
import { log } from './processes';
import { DEFAULT_REGISTRY_PORT, npmPublish, startRegistry, tarballIntegrity } from './registry';
import { PACKAGE_NAME } from './communityPackage';
import { login, setupOwner, startN8n, type N8nServer } from './server';

const MARK = '.installed-through-n8n.json';

function markPath(userFolder: string): string {
	return path.join(userFolder, MARK);
}

/** Forgets the installer's mark (the direct method replaced the package files). */
export function forgetInstallerMark(userFolder: string): void {
	fs.rmSync(markPath(userFolder), { force: true });
}

function installedOnDisk(userFolder: string): boolean {
	return fs.existsSync(path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME, 'package.json'));
}

/** Whether the installer already installed exactly this tarball here. */
function alreadyInstalled(userFolder: string, integrity: string): boolean {
	if (!fs.existsSync(markPath(userFolder)) || !installedOnDisk(userFolder)) return false;
	const mark = JSON.parse(fs.readFileSync(markPath(userFolder), 'utf8')) as { integrity?: string };
	return mark.integrity === integrity;
}

async function rest(server: N8nServer, cookie: string, method: string, route: string, body?: unknown): Promise<{ status: number; data: unknown; message?: string }> {
	const response = await fetch(`${server.url}/rest${route}`, {
		method,
		headers: { cookie, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(300_000),
	});
	const json = (await response.json().catch(() => ({}))) as { data?: unknown; message?: string };
	return { status: response.status, data: json.data, message: json.message };
}

/** Uninstalls a package found installed (another build, or the direct method), then installs through n8n. */
async function installOnServer(server: N8nServer): Promise<string> {
	await setupOwner(server.url);
	const cookie = await login(server.url);
	const listed = (await rest(server, cookie, 'GET', '/community-packages')).data as Array<{ packageName: string; installedVersion: string }> | undefined;
	const previous = (listed ?? []).find((entry) => entry.packageName === PACKAGE_NAME);
	if (previous) {
		const removed = await rest(server, cookie, 'DELETE', `/community-packages?name=${PACKAGE_NAME}`);
		if (removed.status !== 200) throw new Error(`uninstalling ${PACKAGE_NAME}@${previous.installedVersion} failed: HTTP ${removed.status} ${removed.message ?? ''}`);
		log(`uninstalled the previous ${PACKAGE_NAME}@${previous.installedVersion} through n8n`);
	}
	const installed = await rest(server, cookie, 'POST', '/community-packages', { name: PACKAGE_NAME });
	const data = installed.data as { installedVersion?: string; installedNodes?: unknown[] } | undefined;
	if (installed.status !== 200 || !data?.installedVersion) throw new Error(`n8n's installer failed: HTTP ${installed.status} ${installed.message ?? ''}`);
	return `${PACKAGE_NAME}@${data.installedVersion} (${data.installedNodes?.length ?? 0} nodes)`;
}

/**
 * Installs `tarball` through n8n's installer in a run of its own on `port` (stopped afterwards), unless
 * the installer already installed this very tarball. `env` is n8n's environment without the proxy;
 * `track` is told of the install run's server (and of its end), so that Ctrl-C meanwhile stops it.
 */
export async function installThroughN8n(
	rt: Runtime,
	env: NodeJS.ProcessEnv,
	at: { userFolder: string; port: number },
	tarball: string,
	track: (server: N8nServer | undefined) => void = () => undefined,
): Promise<void> {
	const { userFolder, port } = at;
	const integrity = tarballIntegrity(tarball);
	if (alreadyInstalled(userFolder, integrity)) {
		log(`${PACKAGE_NAME}: this build is already installed through n8n's installer (skipped)`);
		return;
	}
	const t = Date.now();
	// Any free port unless REGISTRY_PORT is set: npm and n8n are told its address.
	const registry = await startRegistry(process.env.REGISTRY_PORT ? DEFAULT_REGISTRY_PORT : 0);
	let server: N8nServer | undefined;
	try {
		await npmPublish(tarball, registry.url);
		log(`published ${path.basename(tarball)} to the local registry ${registry.url}; installing through n8n (a first n8n run)`);
		server = await startN8n(rt, { ...env, ...registry.publicRegistryEnv }, port);
		track(server);
		const what = await installOnServer(server);
		fs.writeFileSync(markPath(userFolder), JSON.stringify({ integrity, installedAt: new Date().toISOString() }, null, 2));
		log(`installed ${what} through n8n's installer (POST /rest/community-packages, ${Date.now() - t} ms)`);
	} finally {
		await server?.stop();
		track(undefined);
		await registry.close();
	}
}
