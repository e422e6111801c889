/**
 * Node types of the built package as n8n loads a community package: dist/ through n8n's
 * PackageDirectoryLoader, and the AI tool variant n8n builds for a usableAsTool node.
 */
import './env';
import { resolve } from 'path';
import { PackageDirectoryLoader } from 'n8n-core';
import { NodeHelpers, type IDataObject, type INodeType, type INodeTypes, type IVersionedNodeType } from 'n8n-workflow';

export const PACKAGE_ROOT = resolve(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-copper-ocoya';

let loaderPromise: Promise<PackageDirectoryLoader> | undefined;

/** Loads dist/ through n8n's community-package loader (requires `npm run build` first). */
export async function loadPackage(): Promise<PackageDirectoryLoader> {
	loaderPromise ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
		await loader.loadAll();
		return loader;
	})();
	return await loaderPromise;
}

const toolVariants = new Map<string, INodeType>();

/**
 * A node's AI tool variant as n8n makes it for a node marked usableAsTool: the same node type whose
 * description's name ends in `Tool` (what `@tool` in displayOptions and the nodes read). Its main
 * input and output stay, so that WorkflowExecute runs it on the test's items as n8n runs a tool call.
 */
function toolVariant(base: INodeType): INodeType {
	const name = `${base.description.name}Tool`;
	if (!toolVariants.has(name)) {
		const description = { ...base.description, name, displayName: `${base.description.displayName} Tool` };
		toolVariants.set(name, Object.create(base, { description: { value: description } }) as INodeType);
	}
	return toolVariants.get(name)!;
}

export class PackageNodeTypes implements INodeTypes {
	constructor(private readonly loader: PackageDirectoryLoader) {}

	getByName(type: string): INodeType | IVersionedNodeType {
		const name = type.replace(`${PACKAGE_NAME}.`, '');
		// `…Tool`: the tool variant n8n builds from a usableAsTool node (this package ships no node named so).
		if (name.endsWith('Tool')) return toolVariant(this.loader.getNode(name.slice(0, -'Tool'.length)).type as INodeType);
		return this.loader.getNode(name).type;
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}
