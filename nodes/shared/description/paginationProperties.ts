/** Return All / Limit, for every paginated operation and the paginated Custom API Call. */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { RETURN_ALL_HINT } from './builderHints';

const LIMIT: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	default: 50,
	typeOptions: { minValue: 1 },
	description: 'Max number of results to return',
};

export const DEFAULT_LIMIT = LIMIT.default as number;

export function paginationProperties(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			...RETURN_ALL_HINT,
			displayOptions,
		},
		{ ...LIMIT, displayOptions: { show: { ...displayOptions.show, returnAll: [false] } } },
	];
}
