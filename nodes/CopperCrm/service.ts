/** Copper-specific glue for the shared engine: credentials, headers, paging, rate limits, error shape, custom fields. */
import type { ServiceSpec } from '../shared/service';
import { COPPER_APPLICATION_HEADER } from './applicationHeader';
import { copperOperations, copperResources } from './catalog';
import { copperToolShape } from './catalog/toolShape';
import { copperCustomFields } from './methods/customFieldSupport';

/**
 * Copper's error bodies: `{message}` (string or field → errors map) or `{error}` (bulk size). The text may
 * quote the request: the transport masks every credential value in it (transport/redact.ts).
 */
export function copperErrorMessage(body: unknown): string | undefined {
	if (!body || typeof body !== 'object') return typeof body === 'string' && body ? body : undefined;
	const { message, error } = body as { message?: unknown; error?: unknown };
	const value = message ?? error;
	if (typeof value === 'string') return value;
	if (value && typeof value === 'object') {
		return Object.entries(value as Record<string, unknown>)
			.map(([field, problems]) => {
				const list = Array.isArray(problems) ? problems : [problems];
				const text = list
					.map((problem) => {
						const text = problem && typeof problem === 'object' && 'error' in problem ? (problem as { error: unknown }).error : problem;
						return text && typeof text === 'object' ? JSON.stringify(text) : String(text);
					})
					.join(', ');
				return `${field}: ${text}`;
			})
			.join('; ');
	}
	return undefined;
}

export const copperService: ServiceSpec = {
	displayName: 'Copper CRM',
	credentials: [
		{ authentication: 'apiKey', name: 'copperCrmApi' },
		{ authentication: 'oAuth2', name: 'copperCrmOAuth2Api' },
	],
	extraHeaders: COPPER_APPLICATION_HEADER,
	resources: copperResources,
	operations: copperOperations,
	pagination: {
		location: 'body',
		pageParam: 'page_number',
		sizeParam: 'page_size',
		firstPage: 1,
		maxPageSize: 200,
		totalHeader: 'X-PW-TOTAL',
		maxRecords: 100_000,
	},
	throttle: { max: 180, windowMs: 60_000 },
	bulkThrottle: { max: 3, windowMs: 1000 },
	errorMessage: copperErrorMessage,
	isBulkItemError: (element) =>
		!!element && typeof element === 'object' && (element as { success?: unknown }).success === false,
	customFields: copperCustomFields,
	toolShape: copperToolShape,
};
