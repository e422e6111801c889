/**
 * What a model, a person reviewing tools, and n8n's AI workflow builder read about both action nodes:
 * every operation says whether it is read-only, a write or destructive (bulk writes say they change
 * many records); the nodes and the parameters builders get wrong carry builder hints; related nodes
 * name node types this package really ships (loaded by n8n's community-package loader from dist/).
 */
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { CopperCrm } from '../nodes/CopperCrm/CopperCrm.node';
import { copperService } from '../nodes/CopperCrm/service';
import { Ocoya } from '../nodes/Ocoya/Ocoya.node';
import { ocoyaService } from '../nodes/Ocoya/service';
import type { ServiceSpec } from '../nodes/shared/service';
import { loadPackage, PACKAGE_NAME } from '../tooling/harness/engine';

const NODES: Array<[string, INodeTypeDescription, ServiceSpec]> = [
	['Copper CRM', new CopperCrm().description, copperService],
	['Ocoya', new Ocoya().description, ocoyaService],
];

/** Every property, those nested in collections included. */
function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((prop) => [prop, ...allProperties(((prop.options ?? []) as INodeProperties[]).filter((o) => 'type' in o))]);
}

describe.each(NODES)('%s: classes and builder hints', (_name, description, service) => {
	const operationOptions = description.properties
		.filter((prop) => prop.name === 'operation')
		.flatMap((prop) => (prop.options ?? []) as Array<{ value: string; action?: string; description?: string }>);
	const optionOf = (resource: string, value: string) =>
		description.properties
			.find((prop) => prop.name === 'operation' && prop.displayOptions?.show?.resource?.includes(resource))
			?.options?.find((option) => (option as { value: string }).value === value) as { action: string; description: string };

	it('says the class of every operation in its action and its description', () => {
		expect(operationOptions.length).toBeGreaterThanOrEqual(service.operations.length);
		for (const op of service.operations) {
			const option = optionOf(op.resource, op.value);
			const expected =
				op.kind === 'read' ? 'read-only' : op.kind === 'delete' ? 'destructive' : op.bulk ? 'bulk write' : 'write';
			expect({ op: `${op.resource}.${op.value}`, action: option.action }).toEqual({ op: `${op.resource}.${op.value}`, action: `${op.title} (${expected})` });
			expect(option.description.startsWith(`${op.method} ${op.path} — `)).toBe(true);
			if (op.kind === 'read') expect(option.description).toContain('Read-only: changes nothing.');
			if (op.kind === 'delete') expect(option.description).toMatch(/Destructive.*permanently deletes.*cannot be undone/);
			if (op.bulk) expect(option.description).toMatch(/many records at once \(up to \d+ records per request/);
		}
	});

	it('carries a node-level builder hint whose related nodes this package ships', async () => {
		const hint = description.builderHint!;
		expect(hint.searchHint).toMatch(/trigger/i);
		const loader = await loadPackage();
		const related = (hint.relatedNodes ?? []).map((node) => node.nodeType);
		expect(related.some((type) => /Trigger$/.test(type))).toBe(true);
		for (const type of related) {
			expect(type.startsWith(`${PACKAGE_NAME}.`)).toBe(true);
			expect(() => loader.getNode(type.slice(PACKAGE_NAME.length + 1))).not.toThrow();
		}
	});

	it('hints the parameters a builder gets wrong: record pickers and account IDs, Body Source, Return All', () => {
		const properties = allProperties(description.properties);
		const hinted = (filter: (prop: INodeProperties) => boolean) => {
			const found = properties.filter(filter);
			expect(found.length).toBeGreaterThan(0);
			for (const prop of found) expect(prop.builderHint?.propertyHint).toEqual(expect.any(String));
		};
		hinted((prop) => prop.name === 'bodySource');
		hinted((prop) => prop.name === 'returnAll');
		hinted((prop) => !!prop.typeOptions?.loadOptionsMethod && /Names? or IDs?$/.test(prop.displayName));
		if (service === copperService) hinted((prop) => prop.type === 'resourceLocator');
		for (const prop of properties) {
			const text = prop.builderHint?.propertyHint ?? '';
			expect(text).not.toMatch(/={{|\bai_[a-z]+/i);
		}
	});
});
