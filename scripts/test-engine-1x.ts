/**
 * `npm run test:engine:1x` (part of `npm test`): the jest suites (test/**\/*.test.ts, the same
 * files `jest` runs on the 2.x engine) on n8n 1.x's engine, n8n-core and n8n-workflow as n8n
 * 1.123.81 ships them (tooling/n8n/n8n-install.ts, N8N_LINES['1']). The pair is installed once into
 * the machine cache; jest.config.js maps every `require('n8n-core')` / `require('n8n-workflow')`
 * (the tests', the built package's and n8n-core's own) to it when N8N_ENGINE_DIR is set.
 * Extra arguments go to jest (e.g. a test path).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ensureEngine, N8N_LINES, REPO_ROOT } from '../tooling/n8n/n8n-install';

async function main(): Promise<number> {
	const t = Date.now();
	const modules = await ensureEngine('1');
	const version = (name: string) => (JSON.parse(fs.readFileSync(path.join(modules, name, 'package.json'), 'utf8')) as { version: string }).version;
	const line = N8N_LINES['1'];
	console.log(
		`[engine-1x] n8n-core ${version('n8n-core')}, n8n-workflow ${version('n8n-workflow')} (n8n ${line.n8n}) from ${modules} (${((Date.now() - t) / 1000).toFixed(1)} s)`,
	);
	const jest = path.join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
	// --forceExit: under n8n-core 1.x a jest process that ran the suites in-band (one file) stays
	// alive after every test passed, with no open handle jest can name; workers exit normally.
	const res = spawnSync(process.execPath, [jest, '--forceExit', ...process.argv.slice(2)], {
		cwd: REPO_ROOT,
		stdio: 'inherit',
		env: { ...process.env, N8N_ENGINE_DIR: modules },
	});
	return res.status ?? 1;
}

main().then(
	(code) => process.exit(code),
	(e: unknown) => {
		console.error(e);
		process.exit(1);
	},
);
