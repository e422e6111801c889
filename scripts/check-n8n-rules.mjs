#!/usr/bin/env node
/**
 * `npm run lint:n8n-next`: the rules of n8n's community-node linter that are in n8n's source but not
 * yet in the released `@n8n/eslint-plugin-community-nodes` 0.32.0 (which `npm run lint` runs), checked
 * here the same way until the plugin ships them:
 *
 *   require-continue-on-fail         a literal `this.continueOnFail()` call in every node's execute()
 *   node-operation-error-itemindex   NodeOperationError / NodeApiError inside an execute() item loop carry { itemIndex }
 *   cred-class-name-suffix           credential class names end with "Api"
 *   no-monorepo                      package.json's repository has no "directory"
 *   valid-codex-categories           codex categories (and subcategories) from n8n's known taxonomy
 *   options-sorted-alphabetically    literal options of a node's properties sorted by name
 *   icon-contrast                    each SVG icon reaches 1.5:1 on its theme's node background
 *
 * Also, on the built nodes (dist/): every Resource and Operation list is sorted by name apart from a
 * final "Custom API Call" (n8n requires that one last, or it appends its own).
 * Exit code 1 with one line per finding; 0 and a summary otherwise.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const findings = [];
const report = (rule, file, message) => findings.push(`${rule}: ${relative(ROOT, file)}: ${message}`);

/** Mirrors n8n's codex taxonomy (eslint-plugin-community-nodes, utils/codex-taxonomy.ts). */
const KNOWN_CATEGORIES = new Set(['AI', 'Analytics', 'Communication', 'Core Nodes', 'Data & Storage', 'Developer Tools', 'Development', 'ECM', 'Finance & Accounting', 'HITL', 'Marketing & Content', 'Miscellaneous', 'Productivity', 'Sales', 'Utility']);
const KNOWN_SUBCATEGORIES = new Set(['Data Transformation', 'Files', 'Flow', 'Helpers', 'Other Trigger Nodes', 'Human in the Loop', 'Agents', 'Chains', 'Document Loaders', 'Embeddings', 'Language Models', 'Memory', 'Miscellaneous', 'Model Context Protocol', 'Output Parsers', 'Rerankers', 'Retrievers', 'Root Nodes', 'Text Splitters', 'Tools', 'Vector Stores']);

const filesIn = (dir, suffix) =>
	existsSync(dir)
		? readdirSync(dir, { recursive: true }).map(String).filter((name) => name.endsWith(suffix)).map((name) => join(dir, name))
		: [];
const parse = (file) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
const implementsName = (cls, name) =>
	(cls.heritageClauses ?? []).some((clause) => clause.types.some((type) => type.expression.getText() === name));
const walk = (node, visit) => {
	visit(node);
	ts.forEachChild(node, (child) => walk(child, visit));
};
const classesOf = (source, interfaceName) => {
	const found = [];
	walk(source, (node) => ts.isClassDeclaration(node) && implementsName(node, interfaceName) && found.push(node));
	return found;
};
const isThisCall = (node, method) =>
	ts.isCallExpression(node) &&
	ts.isPropertyAccessExpression(node.expression) &&
	node.expression.expression.kind === ts.SyntaxKind.ThisKeyword &&
	node.expression.name.text === method;
const memberNamed = (cls, name) => cls.members.find((member) => member.name?.getText() === name);
const objectProp = (object, name) =>
	object.properties.find((prop) => ts.isPropertyAssignment(prop) && prop.name.getText().replace(/['"]/g, '') === name);
const stringOf = (node) => (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null);

function checkExecute(file, cls) {
	const execute = memberNamed(cls, 'execute');
	if (!execute?.body) return;
	let continueOnFail = false;
	walk(execute.body, (node) => {
		if (isThisCall(node, 'continueOnFail')) continueOnFail = true;
	});
	if (!continueOnFail) report('require-continue-on-fail', file, `${cls.name.text}.execute() has no this.continueOnFail() call`);
	const items = new Set();
	walk(execute.body, (node) => {
		if (ts.isVariableDeclaration(node) && node.initializer && isThisCall(node.initializer, 'getInputData')) items.add(node.name.getText());
	});
	const isItemLoop = (node) =>
		(ts.isForStatement(node) && node.condition && [...items].some((name) => node.condition.getText().includes(`${name}.length`))) ||
		(ts.isForOfStatement(node) && (items.has(node.expression.getText()) || isThisCall(node.expression, 'getInputData')));
	walk(execute.body, (loop) => {
		if (!isItemLoop(loop)) return;
		walk(loop.statement, (node) => {
			if (!ts.isNewExpression(node) || !['NodeOperationError', 'NodeApiError'].includes(node.expression.getText())) return;
			const options = node.arguments?.[2];
			const ok =
				options &&
				(!ts.isObjectLiteralExpression(options) ||
					options.properties.some((prop) => ts.isSpreadAssignment(prop) || prop.name?.getText() === 'itemIndex'));
			if (!ok) report('node-operation-error-itemindex', file, `new ${node.expression.getText()}(…) in an item loop without { itemIndex }`);
		});
	});
}

function checkSortedOptions(file, cls) {
	const description = memberNamed(cls, 'description')?.initializer;
	if (!description || !ts.isObjectLiteralExpression(description)) return;
	const properties = objectProp(description, 'properties')?.initializer;
	if (!properties || !ts.isArrayLiteralExpression(properties)) return;
	for (const property of properties.elements.filter(ts.isObjectLiteralExpression)) {
		if (stringOf(objectProp(property, 'type')?.initializer) !== 'options') continue;
		const options = objectProp(property, 'options')?.initializer;
		if (!options || !ts.isArrayLiteralExpression(options)) continue;
		const names = options.elements.map((option) => (ts.isObjectLiteralExpression(option) ? stringOf(objectProp(option, 'name')?.initializer) : null));
		if (names.length <= 1 || names.includes(null)) continue;
		const sorted = [...names].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
		if (names.some((name, index) => name !== sorted[index])) {
			report('options-sorted-alphabetically', file, `options of "${stringOf(objectProp(property, 'displayName')?.initializer)}" not sorted: ${sorted.join(', ')}`);
		}
	}
}

function luminance([r, g, b]) {
	const linear = (value) => (value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4);
	return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}
const contrast = (a, b) => {
	const [x, y] = [luminance(a), luminance(b)];
	return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
};
const NAMED = { white: [1, 1, 1], black: [0, 0, 0], currentcolor: [0, 0, 0] };
function colorOf(value) {
	const paint = value.trim().toLowerCase();
	if (NAMED[paint]) return NAMED[paint];
	const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(paint);
	if (hex) {
		const full = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join('') : hex[1];
		return [0, 2, 4].map((at) => parseInt(full.slice(at, at + 2), 16) / 255);
	}
	const rgb = /^rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(paint);
	return rgb ? rgb.slice(1).map((channel) => Number(channel) / 255) : undefined;
}
const BACKGROUNDS = { light: [1, 1, 1], dark: [43 / 255, 43 / 255, 43 / 255] };

function checkIcon(file, iconPath, theme) {
	if (!iconPath?.startsWith('file:') || !iconPath.toLowerCase().endsWith('.svg')) return;
	const svgFile = join(dirname(file), iconPath.slice(5));
	if (!existsSync(svgFile)) return;
	const svg = readFileSync(svgFile, 'utf8');
	if (/<image\b/i.test(svg) || (/url\(/i.test(svg) && !/<stop\b/i.test(svg))) return;
	const paints = [...svg.matchAll(/\b(fill|stroke|stop-color)\s*[=:]\s*"?([^";}>]+)/gi)];
	const colors = paints.map((match) => colorOf(match[2])).filter(Boolean);
	if (!paints.some((match) => match[1].toLowerCase() === 'fill')) colors.push([0, 0, 0]);
	if (!colors.length) return;
	const ratio = Math.max(...colors.map((color) => contrast(color, BACKGROUNDS[theme])));
	if (ratio < 1.5) report('icon-contrast', file, `${iconPath} has ${ratio.toFixed(2)}:1 contrast on the ${theme} theme (minimum 1.5:1)`);
}

function checkIconValue(file, value) {
	if (!value) return;
	if (ts.isObjectLiteralExpression(value)) {
		for (const theme of ['light', 'dark']) checkIcon(file, stringOf(objectProp(value, theme)?.initializer), theme);
	} else if (ts.isAsExpression(value)) checkIconValue(file, value.expression);
	else for (const theme of ['light', 'dark']) checkIcon(file, stringOf(value), theme);
}

for (const file of filesIn(join(ROOT, 'nodes'), '.node.ts')) {
	for (const cls of classesOf(parse(file), 'INodeType')) {
		checkExecute(file, cls);
		checkSortedOptions(file, cls);
		const description = memberNamed(cls, 'description')?.initializer;
		if (description && ts.isObjectLiteralExpression(description)) checkIconValue(file, objectProp(description, 'icon')?.initializer);
	}
}

for (const file of filesIn(join(ROOT, 'credentials'), '.credentials.ts')) {
	for (const cls of classesOf(parse(file), 'ICredentialType')) {
		if (!cls.name.text.endsWith('Api')) report('cred-class-name-suffix', file, `credential class ${cls.name.text} must end with "Api"`);
		checkIconValue(file, memberNamed(cls, 'icon')?.initializer);
	}
}

const packageFile = join(ROOT, 'package.json');
if (JSON.parse(readFileSync(packageFile, 'utf8')).repository?.directory !== undefined) {
	report('no-monorepo', packageFile, 'repository.directory: community nodes must be a single-package repository');
}

for (const file of filesIn(join(ROOT, 'nodes'), '.node.json')) {
	const codex = JSON.parse(readFileSync(file, 'utf8'));
	for (const category of codex.categories ?? []) {
		if (!KNOWN_CATEGORIES.has(category)) report('valid-codex-categories', file, `unknown category "${category}"`);
	}
	for (const [key, values] of Object.entries(codex.subcategories ?? {})) {
		if (!KNOWN_CATEGORIES.has(key)) report('valid-codex-categories', file, `unknown subcategory key "${key}"`);
		for (const value of values) if (!KNOWN_SUBCATEGORIES.has(value)) report('valid-codex-categories', file, `unknown subcategory "${value}"`);
	}
}

// The built Resource and Operation lists (made from the catalogs, so no literal the rules above can see).
const packageJson = JSON.parse(readFileSync(packageFile, 'utf8'));
for (const nodePath of packageJson.n8n.nodes) {
	const file = join(ROOT, nodePath);
	if (!existsSync(file)) {
		report('built-lists', file, 'not built: run npm run build first');
		continue;
	}
	for (const NodeClass of Object.values(require(file))) {
		for (const property of new NodeClass().description.properties) {
			if (!['resource', 'operation'].includes(property.name) || !Array.isArray(property.options)) continue;
			const names = property.options.map((option) => option.name);
			const head = names.at(-1) === 'Custom API Call' ? names.slice(0, -1) : names;
			const sorted = [...head].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
			if (head.some((name, index) => name !== sorted[index])) report('built-lists', file, `${property.name} list not sorted: ${names.join(', ')}`);
			if (names.length > 1 && names.at(-1) !== 'Custom API Call') report('built-lists', file, `${property.name} list does not end with "Custom API Call"`);
		}
	}
}

if (findings.length) {
	console.error(findings.join('\n'));
	process.exit(1);
}
console.log('check-n8n-rules: the unreleased n8n community-node rules pass (nodes, credentials, package.json, codex, icons, built lists)');
