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

/** Upload a File runs F-3, F-4 and F-5 as one operation per file entity: not a documented operation of its own. */
const documentedOperations = copperOperations.filter((op) => !op.upload);

describe('Copper catalog against the API document', () => {
	const documented = hasDoc(DOC) ? tableIds(DOC, /^## 3\. Endpoint catalog/, NOT_COUNTED) : [];

	(hasDoc(DOC) ? it : it.skip)('lists every operation of §3 (94 in the document)', () => {
		expect(documented).toHaveLength(94);
		const catalogued = new Set(documentedOperations.map((op) => op.docId));
		const missing = documented.filter((id) => !catalogued.has(id));
		expect(missing).toEqual([]);
	});

	(hasDoc(DOC) ? it : it.skip)('has no entry that the document does not list', () => {
		const extra = documentedOperations.map((op) => op.docId).filter((id) => !documented.includes(id));
		expect(extra).toEqual([]);
	});

	it('offers Upload a File on exactly the entities the Files section lists, composed of F-3 and F-5', () => {
		const uploads = copperOperations.filter((op) => op.upload);
		expect(uploads.map((op) => op.resource).sort()).toEqual(['companies', 'leads', 'opportunities', 'people', 'projects']);
		const signed = copperOperations.find((op) => op.docId === 'F-3')!;
		const relate = copperOperations.find((op) => op.docId === 'F-5')!;
		for (const op of uploads) {
			expect(op.docId).toBe(`F-4/${op.resource}`);
			expect(op.value).toBe('uploadFile');
			const id = op.pathParams![0].name;
			const concrete = (path: string) => path.replace('{entity_type}', op.resource).replace('{entity_id}', `{${id}}`);
			expect(op.upload!.signedUrlPath).toBe(concrete(signed.path));
			expect(`${op.method} ${op.path}`).toBe(`${relate.method} ${concrete(relate.path)}`);
			expect([op.upload!.relateFileNameKey, op.upload!.relateKeyKey]).toEqual(relate.body!.map((field) => field.name));
		}
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
