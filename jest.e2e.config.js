/**
 * End-to-end tests (`npm run test:e2e`): the real n8n server (installed by tooling/n8n/n8n-install.ts),
 * this package installed into it as a community package, both sandboxes and a headless Chromium.
 * One n8n and one pair of sandboxes serve every test file (test/e2e/setup/).
 * Named *.e2e.ts so the unit suite (`jest`, *.test.ts) never picks them up.
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	globalSetup: '<rootDir>/test/e2e/setup/globalSetup.ts',
	globalTeardown: '<rootDir>/test/e2e/setup/globalTeardown.ts',
	testTimeout: 180000,
	maxWorkers: 1,
};
