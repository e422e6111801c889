/**
 * Calls the sandboxes directly from an e2e test (to create records and read back what the node did),
 * with the same credentials the n8n instance uses.
 */
import { COPPER_APPLICATION_HEADER } from '../../../nodes/CopperCrm/applicationHeader';
import type { E2eState } from './state';

/** The headers of the Copper API-key credential. */
export const copperHeaders = (state: E2eState): Record<string, string> => ({
	'X-PW-AccessToken': state.copper.apiKey,
	'X-PW-UserEmail': state.copper.email,
	...COPPER_APPLICATION_HEADER,
	'Content-Type': 'application/json',
});

/** One Copper API call that must answer 200; its JSON body. */
export async function copperCall(state: E2eState, method: string, path: string, body?: unknown): Promise<any> {
	const res = await fetch(`${state.copper.url}${path}`, {
		method,
		headers: copperHeaders(state),
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	expect(res.status).toBe(200);
	return res.json();
}

/** One Ocoya GET that must answer 200; its JSON body. */
export async function ocoyaGet(state: E2eState, path: string): Promise<any> {
	const res = await fetch(`${state.ocoya.url}${path}`, { headers: { 'X-API-Key': state.ocoya.apiKey } });
	expect(res.status).toBe(200);
	return res.json();
}
