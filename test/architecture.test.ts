/**
 * The engine's layout rules, checked on the sources (docs/architecture.md states them):
 * no import cycle anywhere under nodes/ (type-only imports included), nodes/shared/ imports nothing
 * from a service folder, and no file in nodes/shared/ is over 400 lines.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';

const NODES = resolve(__dirname, '..', 'nodes');
const SHARED = join(NODES, 'shared');

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

/** The project files a source imports (relative imports only), resolved to paths. */
function importsOf(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'/gm)].map((match) => match[1]);
	return specifiers
		.map((specifier) => resolve(dirname(file), specifier))
		.map((base) => [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate)))
		.filter((path): path is string => path !== undefined);
}

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

	it('keeps every file in nodes/shared at 400 lines or fewer', () => {
		const long = files
			.filter((file) => file.startsWith(SHARED))
			.map((file) => ({ file: relative(NODES, file), lines: readFileSync(file, 'utf8').split('\n').length }))
			.filter((entry) => entry.lines > 400);
		expect(long).toEqual([]);
	});
});
