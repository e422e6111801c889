/** Reads the operation IDs that a vendor catalog document lists in its endpoint tables. */
import { existsSync, readFileSync } from 'fs';
import { resolve } from 'path';

export const SHARED_DOCS = resolve(__dirname, '..', '..', '..', 'shared', 'docs');

export function docPath(name: string): string {
	return resolve(SHARED_DOCS, name);
}

export function hasDoc(name: string): boolean {
	return existsSync(docPath(name));
}

/**
 * IDs in the first column of the tables of one section (e.g. `## 3.`), such as `P-3` or `ACC-1`.
 * `exclude` drops IDs the document itself marks as not counted.
 */
export function tableIds(name: string, sectionHeading: RegExp, exclude: string[] = []): string[] {
	const text = readFileSync(docPath(name), 'utf8');
	const lines = text.split('\n');
	const start = lines.findIndex((line) => sectionHeading.test(line));
	if (start < 0) throw new Error(`Section ${sectionHeading} not found in ${name}`);
	const end = lines.findIndex((line, index) => index > start && /^## /.test(line));
	const ids: string[] = [];
	for (const line of lines.slice(start, end < 0 ? undefined : end)) {
		const match = /^\|\s*([A-Z]{1,3}-\d+)\s*\|/.exec(line);
		if (match && !exclude.includes(match[1])) ids.push(match[1]);
	}
	return ids;
}
