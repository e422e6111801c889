/**
 * What the fast engine tests share: a value context for converting fields without a workflow
 * (the node, the item and the timezone are all converters read), and the message of an error.
 */
import type { INode } from 'n8n-workflow';

import type { ValueContext } from '../../nodes/shared/values/context';

export const node: INode = {
	id: 'unit',
	name: 'Copper',
	type: 'n8n-nodes-copper-ocoya.copperCrm',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export function valueContext(extra: Partial<ValueContext> = {}): ValueContext {
	return { node, itemIndex: 0, timezone: 'UTC', ...extra };
}

/** The message of what `run` throws (fails when nothing is thrown). */
export function thrownBy(run: () => unknown): { name: string; message: string; constructorName: string } {
	try {
		run();
	} catch (error) {
		const err = error as Error;
		return { name: err.name, message: err.message, constructorName: err.constructor.name };
	}
	throw new Error('expected an error, nothing was thrown');
}
