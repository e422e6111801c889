/** The Ocoya catalog covers every entity of §7 of the Ocoya API document, named as the docs name it. */
import { readFileSync } from 'fs';

import { ocoyaOperations } from '../../nodes/Ocoya/catalog';
import { Ocoya } from '../../nodes/Ocoya/Ocoya.node';
import { docPath, hasDoc } from '../helpers/docs';

const DOC = 'ocoya-api.md';

/** Rows of the §7 table: entity name, method, path. */
function section7(): Array<{ entity: string; method: string; path: string }> {
	const text = readFileSync(docPath(DOC), 'utf8');
	const start = text.search(/^## 7\. /m);
	const end = text.indexOf('\n## ', start + 1);
	return text
		.slice(start, end)
		.split('\n')
		.filter((line) => /^\| [^-E|]/.test(line) && !line.startsWith('| Entity'))
		.map((line) => line.split('|').map((cell) => cell.trim()))
		.map((cells) => ({ entity: cells[1], method: cells[2], path: cells[3].replace(/`/g, '') }));
}

describe('Ocoya catalog against the API document', () => {
	const maybe = hasDoc(DOC) ? it : it.skip;

	maybe('has an operation for every endpoint of §7', () => {
		const rows = section7();
		expect(rows.length).toBeGreaterThanOrEqual(16);
		const missing = rows
			.filter((row) => row.method !== '?')
			.filter((row) => !ocoyaOperations.some((op) => op.method === row.method && op.path === row.path))
			.map((row) => `${row.method} ${row.path}`);
		expect(missing).toEqual([]);
	});

	maybe('makes the legacy AI-copy name findable and maps it to the AI draft post endpoint', () => {
		const legacy = section7().find((row) => row.method === '?');
		expect(legacy?.entity).toContain('Create an AI copy using our templates');
		const op = ocoyaOperations.find((candidate) => candidate.description?.includes('Create an AI copy using our templates'));
		expect(op && `${op.method} ${op.path}`).toBe('POST /post/ai');
	});

	it('names operations as the docs do and shows METHOD /path', () => {
		const node = new Ocoya();
		const options = node.description.properties
			.filter((prop) => prop.name === 'operation')
			.flatMap((prop) => prop.options as Array<{ name: string; description: string }>);
		const names = options.map((option) => option.name);
		for (const title of [
			'Me',
			'Workspaces',
			'Social profiles',
			'Get social connection URL',
			'Generate social connection URL',
			'List posts',
			'Create a scheduled or a draft post',
			'Update post',
			'Delete post',
			'Create an AI-generated draft post',
			'Create an AI-generated campaign',
			'List brand kits',
			'List hashtag libraries',
			'List Studio templates',
			'Get schedules',
		]) {
			expect(names).toContain(title);
		}
		const schedules = options.find((option) => option.name === 'Get schedules');
		expect(schedules?.description).toMatch(/^GET \/schedules — Read-only: changes nothing\. — Legacy/);
	});
});
