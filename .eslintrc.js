/**
 * Lints what the package ships with eslint-plugin-n8n-nodes-base (ESLint 8, run through the
 * `eslint8` alias package by `npm run lint:base`):
 * `community` on package.json, `credentials` on credentials/, `nodes` on nodes/.
 * n8n's newer linter, @n8n/eslint-plugin-community-nodes, runs on ESLint 9 from eslint.config.mjs
 * (`npm run lint:community`); `npm run lint` runs both.
 */
module.exports = {
	root: true,
	env: { es6: true, node: true },
	parser: '@typescript-eslint/parser',
	parserOptions: {
		project: ['./tsconfig.json'],
		sourceType: 'module',
		extraFileExtensions: ['.json'],
	},
	ignorePatterns: ['.eslintrc.js', '**/*.js', '**/node_modules/**', '**/dist/**'],
	overrides: [
		{
			files: ['package.json'],
			plugins: ['eslint-plugin-n8n-nodes-base'],
			extends: ['plugin:n8n-nodes-base/community'],
			rules: { 'n8n-nodes-base/community-package-json-name-still-default': 'off' },
		},
		{
			files: ['./credentials/**/*.ts'],
			plugins: ['eslint-plugin-n8n-nodes-base'],
			extends: ['plugin:n8n-nodes-base/credentials'],
			rules: {
				// The rule itself says it applies only to nodes in n8n's main repository (slug-style URLs there).
				'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			},
		},
		{
			files: ['./nodes/**/*.ts'],
			plugins: ['eslint-plugin-n8n-nodes-base'],
			extends: ['plugin:n8n-nodes-base/nodes'],
			rules: {
				// These two predate NodeConnectionTypes and demand the string 'main', which n8n's official
				// verification scanner (@n8n/community-nodes/node-connection-type-literal, npm run scan) rejects.
				// The scanner's rule is the current one; both are run, so the connection types stay checked.
				'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
				'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			},
		},
	],
};
