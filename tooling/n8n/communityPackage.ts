/**
 * This package built, packed and installed into a local n8n the way n8n installs a community package,
 * and recorded in n8n's database (registerPackage.js).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { LOCAL_DIR, REPO_ROOT, type Runtime } from './n8n-install';
import { log, sh } from './processes';

export const PACKAGE_NAME = 'n8n-nodes-copper-ocoya';

export function buildPackage(): void {
	const t = Date.now();
	try {
		sh('npm', ['run', 'build'], REPO_ROOT);
	} catch (e) {
		const err = e as { stdout?: string; stderr?: string };
		throw new Error(`npm run build failed:\n${err.stdout ?? ''}${err.stderr ?? ''}`);
	}
	log(`built the package (${Date.now() - t} ms)`);
}

/** `npm pack` into .n8n-local/pack; returns the tarball path. */
export function packPackage(): string {
	const dest = path.join(LOCAL_DIR, 'pack');
	fs.rmSync(dest, { recursive: true, force: true });
	fs.mkdirSync(dest, { recursive: true });
	const out = sh('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dest], REPO_ROOT);
	const info = JSON.parse(out.slice(out.indexOf('[')))[0] as { filename: string; entryCount: number };
	log(`packed ${info.filename} (${info.entryCount} files)`);
	return path.join(dest, info.filename);
}

/**
 * Installs the tarball into `<userFolder>/.n8n/nodes` as n8n 2.x's CommunityPackagesService
 * does (downloadPackage): unpack into nodes/node_modules/<name>, drop dev/peer/optional
 * dependencies from its package.json, `npm install` its runtime dependencies there with scripts
 * ignored, and record the dependency in nodes/package.json. n8n's community-packages module
 * then loads every package under nodes/node_modules at start, so node types are
 * `n8n-nodes-copper-ocoya.<name>`.
 */
export function installCommunityPackage(tarball: string, userFolder: string): string {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const pkgDir = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.rmSync(pkgDir, { recursive: true, force: true });
	fs.mkdirSync(pkgDir, { recursive: true });
	sh('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1'], nodesDir);
	const pkgJsonPath = path.join(pkgDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(fs.readFileSync(pkgJsonPath, 'utf8'));
	void devDependencies;
	void peerDependencies;
	void optionalDependencies;
	fs.writeFileSync(pkgJsonPath, JSON.stringify(pkg, null, 2));
	sh(
		'npm',
		['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false', '--loglevel=error'],
		pkgDir,
	);
	const nodesPkgPath = path.join(nodesDir, 'package.json');
	const nodesPkg = fs.existsSync(nodesPkgPath)
		? JSON.parse(fs.readFileSync(nodesPkgPath, 'utf8'))
		: { name: 'installed-nodes', private: true, dependencies: {} };
	nodesPkg.dependencies = { ...(nodesPkg.dependencies ?? {}), [PACKAGE_NAME]: pkg.version };
	fs.writeFileSync(nodesPkgPath, JSON.stringify(nodesPkg, null, 2));
	log(`installed ${PACKAGE_NAME}@${pkg.version} as a community package in ${path.relative(REPO_ROOT, nodesDir) || nodesDir}`);
	return pkgDir;
}

/**
 * Records the package in n8n's database as its CommunityPackagesService does after an install from
 * the UI (persistPackageWithNodes: one installed_packages row, one installed_nodes row per node), so
 * Settings › Community Nodes lists it with its nodes and offers to uninstall it. Needs the database
 * to exist (any n8n CLI command before, such as the credential import, runs the migrations). Runs
 * in n8n's own Node, whose ABI the sqlite3 module of the n8n install was built for.
 */
export async function registerCommunityPackage(rt: Runtime, userFolder: string): Promise<void> {
	const pkgDir = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
	const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as {
		version: string;
		author?: { name?: string; email?: string };
		n8n: { nodes: string[] };
	};
	// The node classes of the same build, loaded from the repository (where n8n-workflow resolves).
	const nodes = pkg.n8n.nodes.map((file) => {
		const exported = require(path.join(REPO_ROOT, file)) as Record<string, new () => { description: { name: string; displayName: string; version: number | number[] } }>;
		const { description } = new (Object.values(exported)[0])();
		const versions = Array.isArray(description.version) ? description.version : [description.version];
		return { name: description.displayName, type: `${PACKAGE_NAME}.${description.name}`, latestVersion: Math.max(...versions) };
	});
	const payload = JSON.stringify({ name: PACKAGE_NAME, version: pkg.version, author: pkg.author ?? {}, nodes });
	const dbPath = path.join(userFolder, '.n8n', 'database.sqlite');
	if (!fs.existsSync(dbPath)) throw new Error(`no n8n database at ${dbPath} yet`);
	await new Promise<void>((resolve, reject) => {
		const child = spawn(rt.nodeBin, [path.join(__dirname, 'registerPackage.js'), path.join(rt.serverDir, 'node_modules', 'sqlite3'), dbPath, payload], {
			env: rt.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (d: Buffer) => (output += d.toString()));
		child.stderr.on('data', (d: Buffer) => (output += d.toString()));
		child.on('error', reject);
		child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`registering the community package failed (${code}):\n${output}`))));
	});
	log(`registered ${PACKAGE_NAME}@${pkg.version} (${nodes.length} nodes) in n8n's community packages`);
}
