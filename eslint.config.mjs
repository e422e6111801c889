/**
 * ESLint 9 (flat config): n8n's own community-node linter, `@n8n/eslint-plugin-community-nodes`,
 * with its `recommended` config, the rule set n8n applies for n8n Cloud (restricted globals and
 * imports included), on what the package ships: package.json, nodes/ and credentials/.
 *
 * Runs beside the ESLint 8 setup of eslint-plugin-n8n-nodes-base (.eslintrc.js, run with the
 * `eslint8` alias package): `npm run lint` runs both and fails on any error or warning.
 */
import { configs } from '@n8n/eslint-plugin-community-nodes';
import tsParser from '@typescript-eslint/parser';
import * as jsonParser from 'jsonc-eslint-parser';

export default [
	{ ignores: ['dist/**', 'node_modules/**', '.n8n-local/**', '.artifacts/**', 'test/**', 'scripts/**', 'tooling/**', '**/*.js', '**/*.mjs'] },
	{
		files: ['**/*.ts'],
		languageOptions: {
			parser: tsParser,
			parserOptions: { project: ['./tsconfig.json'], sourceType: 'module' },
		},
	},
	{
		files: ['**/*.json'],
		languageOptions: { parser: jsonParser },
	},
	configs.recommended,
];
