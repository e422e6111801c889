/**
 * The house rules, checked on the sources (docs/architecture.md states them):
 * - no import cycle anywhere under nodes/ (type-only imports included), nodes/shared/ imports nothing
 *   from a service folder;
 * - the map is true: every nodes/shared file is named in docs/architecture.md, and every file the map
 *   names exists;
 * - the engine's layers import only downward (transport/ nothing from description/ or execution/, …);
 *   scripts/ and tooling/ import nothing from test/;
 * - size budgets: files at most 400 lines, functions at most 60, in nodes/, credentials/, scripts/,
 *   tooling/ and the test helpers; seed data and case tables aside (SEED_AND_TABLES), and the
 *   remaining debt listed in DEBT, which may only shrink.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import * as ts from 'typescript';

const ROOT = resolve(__dirname, '..');
const NODES = join(ROOT, 'nodes');
const SHARED = join(NODES, 'shared');
const MAP = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');

const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 60;

/** Data, not logic: seed records and case tables may be long. */
const SEED_AND_TABLES = ['tooling/sandbox/copper/seed.ts', 'tooling/sandbox/ocoya/seed.ts'];

/**
 * Files or functions allowed over budget for a while (e.g. while another branch edits them), with their
 * size then: an entry must go once its file is within budget, and no entry may grow. Empty now.
 */
const DEBT: Record<string, { lines?: number; functions?: Record<string, number> }> = {};

/** The folders the budgets apply to (test helpers: everything under test/ that is not a test file). */
const BUDGETED = ['nodes', 'credentials', 'scripts', 'tooling', 'test'];

function sources(dir: string, pattern = /\.ts$/): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path, pattern);
		return pattern.test(path) ? [path] : [];
	});
}

/** The project files a source imports (relative imports only), resolved to paths; `typeOnly` too when asked. */
function importsOf(file: string, withTypeOnly = true): string[] {
	const text = readFileSync(file, 'utf8');
	const specifiers = [...text.matchAll(/^\s*(import|export)\b(\s+type\b)?[^'"]*?from\s+'(\.[^']+)'/gm)]
		.filter((match) => withTypeOnly || !match[2])
		.map((match) => match[3]);
	const dynamic = [...text.matchAll(/\b(?:import|require)\(\s*'(\.[^']+)'\s*\)/g)].map((match) => match[1]);
	return [...specifiers, ...dynamic]
		.map((specifier) => resolve(dirname(file), specifier))
		.map((base) => [base, `${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate) && statSync(candidate).isFile()))
		.filter((path): path is string => path !== undefined);
}

const rel = (file: string) => relative(ROOT, file);

describe('engine layout', () => {
	const files = sources(NODES);
	const graph = new Map(files.map((file) => [file, importsOf(file)]));

	it('has no import cycle under nodes/', () => {
		const cycles: string[] = [];
		const state = new Map<string, 'open' | 'done'>();
		const visit = (file: string, path: string[]) => {
			if (state.get(file) === 'done') return;
			if (state.get(file) === 'open') {
				cycles.push([...path.slice(path.indexOf(file)), file].map((entry) => relative(NODES, entry)).join(' → '));
				return;
			}
			state.set(file, 'open');
			for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
			state.set(file, 'done');
		};
		for (const file of files) visit(file, []);
		expect(cycles).toEqual([]);
	});

	it('keeps nodes/shared free of imports from service folders', () => {
		const outside = files
			.filter((file) => file.startsWith(SHARED))
			.flatMap((file) => importsOf(file).filter((target) => !target.startsWith(SHARED)).map((target) => `${relative(NODES, file)} → ${relative(NODES, target)}`));
		expect(outside).toEqual([]);
	});
});

describe('the map (docs/architecture.md)', () => {
	it('names every nodes/shared file', () => {
		const unnamed = sources(SHARED)
			.map((file) => `shared/${relative(SHARED, file)}`)
			.filter((name) => !MAP.includes(`\`${name}\``));
		expect(unnamed).toEqual([]);
	});

	it('names only files that exist', () => {
		const named = [...MAP.matchAll(/`((?:nodes|test|tooling|scripts|credentials|docs)\/[\w./<>-]+\.(?:ts|md|json|mjs|js))`|`(shared\/[\w./-]+\.ts)`/g)]
			.map((match) => match[1] ?? `nodes/${match[2]}`)
			.filter((path) => !path.includes('<'));
		expect(named.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
	});
});

/**
 * The engine's layers, lowest first: a file imports (values, not types) only from its own layer or
 * below. execution/runContext.ts is the run's shape, which values/ conversions and transports do not
 * need but description-level features (the Custom API Call) read.
 */
const LAYERS: Array<{ name: string; files: (path: string) => boolean }> = [
	{ name: 'shapes', files: (path) => ['catalog.ts', 'service.ts', 'parameters.ts', 'authentication.ts', 'toolShape.ts'].includes(path) },
	{ name: 'values', files: (path) => path.startsWith('values/') },
	{ name: 'transport', files: (path) => path.startsWith('transport/') || path === 'execution/runContext.ts' },
	{ name: 'description', files: (path) => path.startsWith('description/') || path === 'customCall.ts' },
	{ name: 'execution', files: (path) => path.startsWith('execution/') || path.startsWith('methods/') },
];

const layerOf = (file: string) => LAYERS.findIndex((layer) => layer.files(relative(SHARED, file)));

describe('layers', () => {
	it('every nodes/shared file has a layer', () => {
		expect(sources(SHARED).filter((file) => layerOf(file) < 0).map(rel)).toEqual([]);
	});

	it('nodes/shared imports only downward (transport/ nothing from description/ or execution/)', () => {
		const upward = sources(SHARED).flatMap((file) =>
			importsOf(file, false)
				.filter((target) => target.startsWith(SHARED) && layerOf(target) > layerOf(file))
				.map((target) => `${rel(file)} (${LAYERS[layerOf(file)].name}) → ${rel(target)} (${LAYERS[layerOf(target)].name})`),
		);
		expect(upward).toEqual([]);
	});

	it('scripts/ and tooling/ import nothing from test/', () => {
		const TEST = join(ROOT, 'test');
		const fromTest = ['scripts', 'tooling'].flatMap((dir) =>
			sources(join(ROOT, dir), /\.(ts|mjs|js)$/).flatMap((file) => importsOf(file).filter((target) => target.startsWith(TEST)).map((target) => `${rel(file)} → ${rel(target)}`)),
		);
		expect(fromTest).toEqual([]);
	});
});

/** Every function-like node with a body and its length in lines, by name (anonymous ones by kind and line). */
function functionLengths(file: string): Array<{ name: string; lines: number }> {
	const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
	const found: Array<{ name: string; lines: number }> = [];
	const lineOf = (position: number) => source.getLineAndCharacterOfPosition(position).line;
	const visit = (node: ts.Node) => {
		if (ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body) {
			const lines = lineOf(node.getEnd()) - lineOf(node.getStart(source)) + 1;
			const declared = (node as ts.FunctionLikeDeclaration).name?.getText(source);
			const holder = ts.isVariableDeclaration(node.parent) || ts.isPropertyAssignment(node.parent) ? node.parent.name.getText(source) : undefined;
			found.push({ name: declared ?? holder ?? `${ts.SyntaxKind[node.kind]}@${lineOf(node.getStart(source)) + 1}`, lines });
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

describe('size budgets', () => {
	const budgeted = BUDGETED.flatMap((dir) => sources(join(ROOT, dir)))
		.filter((file) => !file.endsWith('.test.ts') && !file.endsWith('.e2e.ts'))
		.filter((file) => !SEED_AND_TABLES.includes(rel(file)));

	it(`files are at most ${MAX_FILE_LINES} lines (DEBT aside, never growing)`, () => {
		const over = budgeted
			.map((file) => ({ file: rel(file), lines: readFileSync(file, 'utf8').split('\n').length }))
			.filter(({ file, lines }) => lines > (DEBT[file]?.lines ?? MAX_FILE_LINES));
		expect(over).toEqual([]);
	});

	it(`functions are at most ${MAX_FUNCTION_LINES} lines (DEBT aside, never growing)`, () => {
		const over = budgeted.flatMap((file) =>
			functionLengths(file)
				.filter(({ name, lines }) => lines > (DEBT[rel(file)]?.functions?.[name] ?? MAX_FUNCTION_LINES))
				.map(({ name, lines }) => `${rel(file)} ${name}: ${lines} lines`),
		);
		expect(over).toEqual([]);
	});

	it('DEBT lists only what is still over budget', () => {
		const paid = Object.entries(DEBT).flatMap(([file, debt]) => {
			const path = join(ROOT, file);
			if (!existsSync(path)) return [`${file}: gone`];
			const lines = readFileSync(path, 'utf8').split('\n').length;
			const lengths = functionLengths(path);
			return [
				...(debt.lines !== undefined && lines <= MAX_FILE_LINES ? [`${file}: ${lines} lines`] : []),
				...Object.keys(debt.functions ?? {})
					.filter((name) => !lengths.some((entry) => entry.name === name && entry.lines > MAX_FUNCTION_LINES))
					.map((name) => `${file} ${name}: within budget`),
			];
		});
		expect(paid).toEqual([]);
	});
});
