/**
 * The queue-mode end-to-end test (`npm run test:e2e:queue`, part of `npm test`): Redis, n8n's main
 * process with EXECUTIONS_MODE=queue and two `n8n worker` processes with this package installed, and
 * a rate-limited Copper sandbox. It starts its own stack (test/e2e-queue/), apart from the e2e suite's.
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e-queue'],
	testMatch: ['**/*.e2e.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	testTimeout: 600000,
	maxWorkers: 1,
};
