/**
 * What converting a value needs to know (the node, the item, the timezone, the custom fields of the
 * operation's entity), and how a bad value is reported: a NodeOperationError naming the field and
 * the item, raised before any request is sent.
 */
import { NodeOperationError, type INode } from 'n8n-workflow';

import type { CustomFieldInfo, CustomFieldShape } from '../service';

export interface ValueContext {
	node: INode;
	itemIndex: number;
	/** IANA zone used for date-times entered without an offset. */
	timezone: string;
	/** Custom field definitions available to this operation (for custom fields by name); loaded once per execution. */
	customFields?: CustomFieldInfo[];
	/** The keys of the service's custom-field entries and filters. */
	customFieldShape?: CustomFieldShape;
}

export function fieldError(ctx: ValueContext, label: string, problem: string): NodeOperationError {
	return new NodeOperationError(ctx.node, `Invalid value for "${label}": ${problem}`, {
		itemIndex: ctx.itemIndex,
		description: `Check the "${label}" field of item ${ctx.itemIndex}.`,
	});
}

export function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(Array.isArray(value) && value.length === 0)
	);
}

/** A short rendering of a bad value for messages. */
export const describeValue = (value: unknown): string => {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/** Whether text holds a control character (U+0000–U+001F or U+007F): IDs and request paths refuse them. */
export function hasControlCharacter(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x20 || code === 0x7f) return true;
	}
	return false;
}
