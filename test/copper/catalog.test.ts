/**
 * The Copper catalog covers every documented operation, and every entry is
 * well formed: placeholders match path parameters, values are unique, the node
 * exposes each operation under its doc title with `METHOD /path`.
 */
import { copperOperations, copperResources } from '../../nodes/CopperCrm/catalog';
import { CopperCrm } from '../../nodes/CopperCrm/CopperCrm.node';
import { hasDoc, tableIds } from '../helpers/docs';

const DOC = 'copper-api.md';
/** F-4 is the S3 upload and W-6 the inbound notification; OA-* are OAuth URLs: the doc counts none of them. */
const NOT_COUNTED = ['F-4', 'W-6', 'OA-1', 'OA-2'];

describe('Copper catalog against the API document', () => {
	const documented = hasDoc(DOC) ? tableIds(DOC, /^## 3\. Endpoint catalog/, NOT_COUNTED) : [];

	(hasDoc(DOC) ? it : it.skip)('lists every operation of §3 (94 in the document)', () => {
		expect(documented).toHaveLength(94);
		const catalogued = new Set(copperOperations.map((op) => op.docId));
		const missing = documented.filter((id) => !catalogued.has(id));
		expect(missing).toEqual([]);
	});

	(hasDoc(DOC) ? it : it.skip)('has no entry that the document does not list', () => {
		const extra = copperOperations.map((op) => op.docId).filter((id) => !documented.includes(id));
		expect(extra).toEqual([]);
	});
});

describe('Copper catalog entries', () => {
	it('has one entry per doc ID and unique operation values per resource', () => {
		const ids = copperOperations.map((op) => op.docId);
		expect(new Set(ids).size).toBe(ids.length);
		const keys = copperOperations.map((op) => `${op.resource}:${op.value}`);
		expect(new Set(keys).size).toBe(keys.length);
	});

	it('assigns every operation to a declared resource, and every resource has operations', () => {
		const resources = new Set(copperResources.map((resource) => resource.value));
		for (const op of copperOperations) expect(resources).toContain(op.resource);
		for (const resource of resources) {
			expect(copperOperations.some((op) => op.resource === resource)).toBe(true);
		}
		expect(resources.size).toBe(21);
	});

	it.each(copperOperations.map((op) => [op.docId, op] as const))('%s: path placeholders match path parameters', (_id, op) => {
		const placeholders = [...op.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
		expect(placeholders).toEqual((op.pathParams ?? []).map((field) => field.name));
		const names = [...(op.pathParams ?? []), ...(op.query ?? []), ...(op.body ?? [])].map((field) => field.name);
		expect(new Set(names).size).toBe(names.length);
	});

	it('exposes every operation in the node under its doc title with METHOD /path', () => {
		const node = new CopperCrm();
		const operationProps = node.description.properties.filter((prop) => prop.name === 'operation');
		for (const op of copperOperations) {
			const prop = operationProps.find((candidate) => candidate.displayOptions?.show?.resource?.includes(op.resource));
			const option = (prop?.options as Array<{ name: string; value: string; description: string }>).find(
				(candidate) => candidate.value === op.value,
			);
			expect(option?.name).toBe(op.title);
			expect(option?.description.startsWith(`${op.method} ${op.path}`)).toBe(true);
		}
	});
});
