/**
 * `npm run check:dist`: what ships must not use Node's environment.
 *
 * - package.json: no runtime `dependencies` (nor optional/bundled ones), `n8n-workflow` only as a
 *   peer dependency (`*`), no lifecycle scripts other than prepublishOnly, every file listed in
 *   the `n8n` field present in dist/.
 * - every dist/**\/*.js (parsed with the TypeScript compiler, so strings and comments never count):
 *   no reference to process, __dirname, __filename, global, globalThis, setTimeout, setInterval,
 *   setImmediate and the clear* functions (timers come from n8n-workflow's sleep), eval/Function
 *   (the scanner's no-restricted-globals list, plus eval);
 *   require() only of relative paths, n8n-workflow and the short list n8n allows (lodash, luxon,
 *   moment, p-limit, zod, crypto); never fs, child_process, os, net, http(s), path, worker_threads, vm.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');

const FORBIDDEN_GLOBALS = new Set([
	'process',
	'__dirname',
	'__filename',
	'global',
	'globalThis',
	'setTimeout',
	'setInterval',
	'setImmediate',
	'clearTimeout',
	'clearInterval',
	'clearImmediate',
	'eval',
]);
const ALLOWED_MODULES = new Set(['n8n-workflow', 'lodash', 'luxon', 'moment', 'moment-timezone', 'p-limit', 'zod', 'crypto', 'node:crypto']);
const LIFECYCLE = ['preinstall', 'install', 'postinstall', 'prepare', 'preprepare', 'postprepare', 'prepack', 'postpack', 'prepublish', 'publish', 'postpublish'];

export interface Finding {
	file: string;
	line: number;
	message: string;
}

function walk(dir: string): string[] {
	const out: string[] = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) out.push(...walk(full));
		else if (entry.name.endsWith('.js')) out.push(full);
	}
	return out;
}

/** True when the identifier is a reference (not a property name, declaration name or label). */
function isReference(id: ts.Identifier): boolean {
	const p = id.parent;
	if (!p) return true;
	if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
	if (ts.isPropertyAssignment(p) && p.name === id) return false;
	if ((ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p)) && p.name === id) return false;
	if (ts.isBindingElement(p) && p.propertyName === id) return false;
	if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return false;
	if (ts.isImportSpecifier(p) || ts.isExportSpecifier(p)) return false;
	return true;
}

export function checkSource(file: string, text: string): Finding[] {
	const findings: Finding[] = [];
	const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2021, true, ts.ScriptKind.JS);
	// Names declared locally (a parameter or variable called `process` is not the global).
	const declared = new Set<string>();
	const collect = (node: ts.Node): void => {
		if ((ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name && ts.isIdentifier(node.name)) {
			declared.add(node.name.text);
		}
		ts.forEachChild(node, collect);
	};
	collect(sf);
	const at = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
	const visit = (node: ts.Node): void => {
		if (ts.isIdentifier(node) && FORBIDDEN_GLOBALS.has(node.text) && !declared.has(node.text) && isReference(node)) {
			findings.push({ file, line: at(node), message: `uses the global \`${node.text}\`` });
		}
		if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Function') {
			findings.push({ file, line: at(node), message: 'uses `new Function`' });
		}
		if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require') {
			const arg = node.arguments[0];
			if (!arg || !ts.isStringLiteral(arg)) {
				findings.push({ file, line: at(node), message: 'calls require() with a computed argument' });
			} else {
				const spec = arg.text;
				const base = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
				if (!spec.startsWith('.') && !ALLOWED_MODULES.has(base)) {
					findings.push({ file, line: at(node), message: `requires "${spec}" (only relative paths, ${[...ALLOWED_MODULES].join(', ')})` });
				}
			}
		}
		if (ts.isImportDeclaration(node) || (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)) {
			findings.push({ file, line: at(node), message: 'uses import (dist must be CommonJS)' });
		}
		ts.forEachChild(node, visit);
	};
	visit(sf);
	return findings;
}

export function checkPackageJson(pkg: Record<string, any>, root: string): string[] {
	const problems: string[] = [];
	for (const field of ['dependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies']) {
		const value = pkg[field];
		if (value && (Array.isArray(value) ? value.length : Object.keys(value).length)) {
			problems.push(`package.json has ${field} (${Object.keys(value).join(', ')}): a community package ships none`);
		}
	}
	const peers = pkg.peerDependencies ?? {};
	for (const [name, range] of Object.entries(peers)) {
		if (name !== 'n8n-workflow' || range !== '*') problems.push(`package.json peerDependency ${name}@${String(range)}: only n8n-workflow@* is allowed`);
	}
	for (const script of LIFECYCLE) {
		if (pkg.scripts?.[script]) problems.push(`package.json has the lifecycle script "${script}"`);
	}
	const n8n = pkg.n8n ?? {};
	if (n8n.n8nNodesApiVersion !== 1) problems.push('package.json n8n.n8nNodesApiVersion must be 1');
	for (const file of [...(n8n.nodes ?? []), ...(n8n.credentials ?? [])]) {
		if (!String(file).startsWith('dist/')) problems.push(`package.json n8n entry ${file} is not under dist/`);
		else if (!fs.existsSync(path.join(root, file))) problems.push(`package.json n8n entry ${file} does not exist (build first)`);
	}
	if (!(pkg.keywords ?? []).includes('n8n-community-node-package')) problems.push('package.json keywords lack n8n-community-node-package');
	return problems;
}

function main(): void {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const problems = checkPackageJson(pkg, ROOT);
	if (!fs.existsSync(DIST)) {
		console.error('check-dist: dist/ is missing: run npm run build first');
		process.exit(1);
	}
	const files = walk(DIST);
	for (const file of files) {
		for (const f of checkSource(file, fs.readFileSync(file, 'utf8'))) {
			problems.push(`${path.relative(ROOT, f.file)}:${f.line}: ${f.message}`);
		}
	}
	if (problems.length) {
		console.error(`check-dist: ${problems.length} problem(s):`);
		for (const p of problems) console.error(`  ${p}`);
		process.exit(1);
	}
	console.log(`check-dist: ${files.length} files in dist/ and package.json: no runtime dependencies, no env/fs/timer globals, only allowed imports`);
}

if (require.main === module) main();
