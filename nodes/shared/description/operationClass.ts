/**
 * What an operation does to data, in the words the editor, the node creator and a model read:
 * read-only, write, or destructive (deletes, and bulk writes that change many records at once).
 * n8n's tool variants carry no such flag, so the class is in the operation's action and description.
 */
import type { OperationSpec } from '../catalog';

export type OperationClass = 'read-only' | 'write' | 'bulk write' | 'destructive';

export function operationClass(op: OperationSpec): OperationClass {
	if (op.kind === 'read') return 'read-only';
	if (op.kind === 'delete') return 'destructive';
	return op.bulk ? 'bulk write' : 'write';
}

/** The sentence that follows METHOD /path in the operation's description. */
export function classSentence(op: OperationSpec): string {
	const many = op.bulk ? `up to ${op.bulk.maxPerRequest} records per request, one request per batch of input items` : '';
	switch (operationClass(op)) {
		case 'read-only':
			return 'Read-only: changes nothing.';
		case 'destructive':
			return op.bulk
				? `Destructive, bulk: permanently deletes many records at once (${many}); it cannot be undone.`
				: 'Destructive: permanently deletes data; it cannot be undone.';
		case 'bulk write':
			return `Bulk write: ${op.kind === 'create' ? 'creates' : 'changes'} many records at once (${many}); check every record first.`;
		default:
			return op.kind === 'create' ? 'Write: creates data.' : 'Write: changes existing data.';
	}
}

/** The action the node creator and the tool list show, e.g. "Delete a person (destructive)". */
export const classAction = (op: OperationSpec): string => `${op.title} (${operationClass(op)})`;
