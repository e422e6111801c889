/**
 * The tool-only output choice of every read: Simplified (the default for tools), Selected Fields or
 * Full. Shown only when the node runs as an AI tool (`@tool` in displayOptions), so the node's own
 * screen and its output are unchanged; `execution/toolOutput.ts` applies the choice.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { ServiceSpec } from '../service';

export const TOOL_OUTPUT = 'toolOutput';
export const TOOL_FIELDS = 'toolFields';

export type ToolOutputMode = 'simplified' | 'selected' | 'full';

/** Operation values of the service's reads (no value is a read in one resource and a write in another). */
export function readOperationValues(service: ServiceSpec): string[] {
	return [...new Set(service.operations.filter((op) => op.kind === 'read').map((op) => op.value))].sort();
}

export function toolOutputProperties(service: ServiceSpec): INodeProperties[] {
	const reads = readOperationValues(service);
	return [
		{
			displayName: 'Tool Output',
			name: TOOL_OUTPUT,
			type: 'options',
			noDataExpression: true,
			default: 'simplified',
			description: 'What the tool answers the agent: every answer costs the model tokens',
			options: [
				{
					name: 'Simplified',
					value: 'simplified',
					description: 'IDs, names, emails, phones, company, stage, status, owner, dates (ISO), custom fields by name; no empty values',
				},
				{ name: 'Selected Fields', value: 'selected', description: 'Only the fields listed below' },
				{ name: 'Full', value: 'full', description: 'Every field of every record, as the API returns it' },
			],
			displayOptions: { show: { '@tool': [true], operation: reads } },
		},
		{
			displayName: 'Fields',
			name: TOOL_FIELDS,
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. name, emails, company_name',
			description: 'Comma-separated fields of each record to return; dotted paths reach nested values (e.g. address.city)',
			displayOptions: { show: { '@tool': [true], operation: reads, [TOOL_OUTPUT]: ['selected'] } },
		},
	];
}
