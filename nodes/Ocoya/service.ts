/** Ocoya-specific glue for the shared engine: credentials, paging, rate-limit headers, error shape. */
import type { ServiceSpec } from '../shared/service';
import { ocoyaOperations, ocoyaResources } from './catalog';
import { ocoyaToolShape } from './catalog/toolShape';

export const ocoyaService: ServiceSpec = {
	displayName: 'Ocoya',
	credentials: [
		{ authentication: 'apiKey', name: 'ocoyaApi' },
		{ authentication: 'oAuth2', name: 'ocoyaOAuth2Api' },
	],
	resources: ocoyaResources,
	operations: ocoyaOperations,
	pagination: {
		location: 'query',
		pageParam: 'page',
		sizeParam: 'perPage',
		firstPage: 0,
		maxPageSize: 50,
	},
	rateLimitHeaders: { remaining: 'X-RateLimit-Remaining', reset: 'X-RateLimit-Reset', limit: 'X-RateLimit-Limit' },
	throttle: { max: 60, windowMs: 60_000 },
	toolShape: ocoyaToolShape,
	errorMessage: (body) => {
		if (body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string') {
			return (body as { message: string }).message;
		}
		return typeof body === 'string' && body ? body : undefined;
	},
};
