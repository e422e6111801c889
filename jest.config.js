/**
 * Jest runs the TypeScript tests directly; nodes are loaded from dist/ (built by `npm test`).
 *
 * N8N_ENGINE_DIR (set by scripts/test-engine-1x.ts) points at a node_modules folder holding another
 * n8n-core / n8n-workflow pair (n8n 1.x's): every require of those two, from the tests, from the
 * built package in dist/ and from n8n-core itself, then resolves there, so the suites run on that
 * engine. Unset: the repository's own devDependencies (n8n 2.x).
 */
const path = require('path');

const engineDir = process.env.N8N_ENGINE_DIR;
const engineMapper = engineDir
	? {
			'^n8n-core$': path.join(engineDir, 'n8n-core'),
			'^n8n-core/(.*)$': path.join(engineDir, 'n8n-core', '$1'),
			'^n8n-workflow$': path.join(engineDir, 'n8n-workflow'),
			'^n8n-workflow/(.*)$': path.join(engineDir, 'n8n-workflow', '$1'),
		}
	: {};

module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	moduleNameMapper: engineMapper,
	testTimeout: 60000,
	maxWorkers: 2,
};
