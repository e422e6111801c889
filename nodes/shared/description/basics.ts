/** Small pieces every property builder uses: the dropdown hint, the shared property keys, sorting, display rules. */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { OperationSpec } from '../catalog';

/** The hint n8n shows under dropdowns loaded from the account. */
export const DYNAMIC_DESCRIPTION =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

/** The property keys every field shares. */
export type BaseProperty = Pick<INodeProperties, 'displayName' | 'name' | 'description' | 'placeholder' | 'required' | 'displayOptions'>;

/** Properties in alphabetical order of their labels (as n8n's linter wants collections). */
export const sortByName = <T extends { displayName: string }>(props: T[]): T[] =>
	[...props].sort((a, b) => a.displayName.localeCompare(b.displayName));

/** Shown for one operation (and optionally only when other parameters have given values). */
export const showFor = (op: OperationSpec, extra: Record<string, Array<string | boolean>> = {}): IDisplayOptions => ({
	show: { resource: [op.resource], operation: [op.value], ...extra },
});
