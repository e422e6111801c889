/**
 * `npm run check:workflows` (part of `npm test`): validates every .github/workflows/*.yml with
 * GitHub's own workflow parser, `@actions/workflow-parser` (the schema and converter behind GitHub's
 * Actions language service): YAML, the workflow schema (keys, types, permissions, triggers),
 * expressions and job conversion. Then checks what n8n's verification asks of the two workflows:
 * CI runs the README's test command; the release publishes with provenance through OIDC
 * (`id-token: write`, `npm publish --provenance`) and stores no npm token.
 *
 * Before the real files it parses a deliberately broken workflow and fails unless the parser
 * reports it, so a validator that silently accepts everything cannot pass.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { register } from 'node:module';
import { join, resolve } from 'node:path';

register('./lib/json-import-hook.mjs', import.meta.url);
const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await import('@actions/workflow-parser');

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const dir = join(root, '.github', 'workflows');

/** All problems GitHub's parser finds in one workflow file, as strings. */
export async function workflowErrors(name, content) {
	const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
	const errors = parsed.context.errors.getErrors().map((e) => e.message);
	if (errors.length === 0 && parsed.value) {
		const template = await convertWorkflowTemplate(parsed.context, parsed.value);
		for (const e of template.errors ?? []) errors.push(e.Message ?? e.message ?? String(e));
	}
	if (!parsed.value && errors.length === 0) errors.push('empty workflow');
	return errors;
}

const BROKEN = `name: broken
on:
  pushh:
jobs:
  a:
    runs-on: ubuntu-24.04
    permissions:
      id-token: writes
    steps:
      - run: echo \${{ github.event. }}
`;

async function main() {
	const failures = [];
	const selfCheck = await workflowErrors('broken.yml', BROKEN);
	if (selfCheck.length < 2) {
		console.error(`check-workflows: the parser accepted a broken workflow (${selfCheck.length} errors): the check cannot fail`);
		process.exit(1);
	}
	const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
	if (files.length === 0) failures.push('no workflow files in .github/workflows');
	const texts = {};
	for (const file of files) {
		const content = readFileSync(join(dir, file), 'utf8');
		texts[file] = content;
		for (const e of await workflowErrors(`.github/workflows/${file}`, content)) failures.push(`${file}: ${e}`);
	}
	const ci = texts['ci.yml'];
	if (!ci) failures.push('ci.yml is missing');
	else if (!/^\s*run:\s*npm test\s*$/m.test(ci)) failures.push('ci.yml does not run the README\'s test command (npm test)');
	const release = texts['release.yml'];
	if (!release) failures.push('release.yml is missing');
	else {
		if (!/^\s*id-token:\s*write\s*$/m.test(release)) failures.push('release.yml lacks permissions id-token: write (OIDC trusted publishing)');
		if (!/npm publish\b[^\n]*--provenance/.test(release)) failures.push('release.yml does not run npm publish --provenance');
		if (/NODE_AUTH_TOKEN|NPM_TOKEN|secrets\./.test(release)) failures.push('release.yml uses a stored token: trusted publishing needs none');
	}
	if (failures.length) {
		console.error(`check-workflows: ${failures.length} problem(s)\n  ${failures.join('\n  ')}`);
		process.exit(1);
	}
	console.log(`check-workflows: ${files.join(', ')} valid (GitHub's workflow parser; the broken sample gave ${selfCheck.length} errors)`);
}

await main();
