/**
 * The description pin: every node and credential description this package ships, as built in dist/,
 * compared with the committed `descriptions.json`. A refactor that changes what users see in the
 * editor (a field, a default, an option, a description text) fails here.
 *
 * When a change of the descriptions is intended, regenerate the pin on purpose and commit its diff:
 *   npm run build && npm run pin:update
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

import { PACKAGE_ROOT } from '../../tooling/harness/engine';

const PIN_FILE = join(__dirname, 'descriptions.json');

/** JSON with object keys sorted (array order kept), so only what users see counts, not key order in code. */
function stable(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(stable);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.keys(value)
				.sort()
				.filter((key) => (value as Record<string, unknown>)[key] !== undefined)
				.map((key) => [key, stable((value as Record<string, unknown>)[key])]),
		);
	}
	return value;
}

type Described = { description?: unknown } & Record<string, unknown>;

/** Each built node's and credential's description, by dist path, as the package.json `n8n` field lists them. */
function builtDescriptions(): Record<string, unknown> {
	const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
	};
	const result: Record<string, unknown> = {};
	for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exports = require(join(PACKAGE_ROOT, file)) as Record<string, new () => Described>;
		for (const [className, Type] of Object.entries(exports)) {
			const instance = new Type();
			// A credential class is its own description; a node class carries `description`.
			const described = instance.description && typeof instance.description === 'object' ? instance.description : instance;
			result[`${file}#${className}`] = stable(JSON.parse(JSON.stringify(described)));
		}
	}
	return result;
}

describe('description pin', () => {
	it('every node and credential description equals the committed pin', () => {
		const built = builtDescriptions();
		if (process.env.PIN_UPDATE === '1') writeFileSync(PIN_FILE, `${JSON.stringify(built, null, '\t')}\n`);
		const pinned = JSON.parse(readFileSync(PIN_FILE, 'utf8')) as Record<string, unknown>;
		expect(Object.keys(built).sort()).toEqual(Object.keys(pinned).sort());
		for (const key of Object.keys(pinned)) expect({ [key]: built[key] }).toEqual({ [key]: pinned[key] });
	});

	it('pins all five nodes and four credentials', () => {
		const keys = Object.keys(builtDescriptions());
		expect(keys.filter((key) => key.includes('/nodes/'))).toHaveLength(5);
		expect(keys.filter((key) => key.includes('/credentials/'))).toHaveLength(4);
	});
});
