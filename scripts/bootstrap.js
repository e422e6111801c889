#!/usr/bin/env node
/**
 * Runs before `npm start`, `npm run dev` and `npm test` (plain Node, no dependencies, so it works on a
 * fresh clone): installs the dependencies from the lockfile (`npm ci`) when node_modules is missing
 * or older than package-lock.json, then returns so the npm script goes on.
 *
 * "Older" is read from npm's own record of the last install, node_modules/.package-lock.json, whose
 * mtime npm sets at the end of every install. An install by `npm install <pkg>` writes both files
 * within the same second, package-lock.json sometimes last: so when the lockfile is newer but its
 * content is the one this script installed last (a sha256 stamp in node_modules), nothing is done.
 *
 * BOOTSTRAP_SKIP=1 skips the check (CI's .ci/run runs its own clean `npm ci` first anyway).
 */
'use strict';
const { spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const lockFile = path.join(root, 'package-lock.json');
const modulesDir = path.join(root, 'node_modules');
const installRecord = path.join(modulesDir, '.package-lock.json');
const stampFile = path.join(modulesDir, '.bootstrap-lock-sha256');

function sha256(file) {
	return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function mtime(file) {
	try {
		return fs.statSync(file).mtimeMs;
	} catch {
		return undefined;
	}
}

/** Why an install is needed, or undefined when node_modules is current. */
function staleReason() {
	if (!fs.existsSync(modulesDir)) return 'node_modules is missing';
	const installed = mtime(installRecord);
	if (installed === undefined) return 'node_modules has no record of an npm install (node_modules/.package-lock.json)';
	const locked = mtime(lockFile);
	if (locked === undefined || locked <= installed) return undefined;
	let stamp;
	try {
		stamp = fs.readFileSync(stampFile, 'utf8').trim();
	} catch {
		stamp = undefined;
	}
	if (stamp === sha256(lockFile)) return undefined;
	return 'package-lock.json is newer than node_modules';
}

function main() {
	if (process.env.BOOTSTRAP_SKIP === '1') return 0;
	if (!fs.existsSync(lockFile)) {
		console.error('[bootstrap] package-lock.json is missing: cannot install from the lockfile');
		return 1;
	}
	const reason = staleReason();
	if (!reason) return 0;
	const started = Date.now();
	console.log(`[bootstrap] ${reason}: running npm ci (about 1 minute)`);
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const res = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
	if (res.error) {
		console.error(`[bootstrap] could not run npm: ${res.error.message}`);
		return 1;
	}
	if (res.status !== 0) {
		console.error(`[bootstrap] npm ci failed (exit ${res.status})`);
		return res.status || 1;
	}
	fs.writeFileSync(stampFile, `${sha256(lockFile)}\n`);
	console.log(`[bootstrap] dependencies installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	return 0;
}

process.exitCode = main();
