#!/usr/bin/env node
/**
 * `npm run scan`: n8n's official community-package scanner (@n8n/scan-community-package,
 * its exported analyzePackage) on
 *   1. the source tree, with the scanner's own SOURCE_FILE_PATTERNS (package.json, nodes/, credentials/),
 *   2. the `npm pack` tarball, unpacked, with the scanner's default patterns (what n8n's
 *      verification runs on a published package).
 * Exits non-zero on any error. Needs a built dist/ (npm run build).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
	if (!fs.existsSync(path.join(root, file))) {
		console.error(`scan: ${file} (listed in package.json "n8n") is missing: run npm run build first`);
		process.exit(1);
	}
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-'));
let failed = false;
try {
	const report = (label, result) => {
		if (result.passed) {
			console.log(`scan: ${label}: passed (0 errors)${result.message ? ` - ${result.message}` : ''}`);
		} else {
			failed = true;
			console.error(`scan: ${label}: FAILED - ${result.message}`);
			if (result.details) console.error(result.details);
		}
	};

	report('source tree (package.json, nodes/, credentials/)', await analyzePackage(root, SOURCE_FILE_PATTERNS));

	const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const packed = JSON.parse(out.slice(out.indexOf('[')))[0];
	const tarball = path.join(tmp, packed.filename);
	const unpacked = path.join(tmp, 'unpacked');
	fs.mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', tarball, '-C', unpacked]);
	const pkgDir = path.join(unpacked, 'package');
	console.log(`scan: packed ${packed.filename}: ${packed.entryCount} files, ${packed.size} bytes`);
	report(`npm pack tarball (${packed.filename})`, await analyzePackage(pkgDir));
} finally {
	fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
