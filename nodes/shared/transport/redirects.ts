/**
 * Redirects, decided by the transport rather than n8n's helper: the helper is told not to follow
 * any (its redirect layer strips only Authorization and Cookie, so X-PW-AccessToken,
 * X-PW-UserEmail or X-API-Key would reach whatever host a server names).
 *
 * The rule: the credential never leaves the origin (scheme, host and port) of its Base URL.
 * - A redirect to the same origin is followed (at most MAX_REDIRECTS): the credential is already
 *   trusted there, and an API that moves a path keeps working. 303, and 301/302 after a POST,
 *   continue as a GET without a body (what browsers and HTTP clients do); 307/308 keep the method
 *   and body.
 * - A redirect anywhere else (another host, port or scheme, http→https included) is refused with
 *   an error that names the target, before anything is sent there.
 */
import type { HttpMethod } from '../catalog';

export const MAX_REDIRECTS = 5;

const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

export type RedirectDecision =
	| { follow: { url: string; method: HttpMethod; keepBody: boolean } }
	| { refuse: string }
	| undefined;

/** The origin of an absolute URL, or undefined when it does not parse. */
function originOf(url: string): string | undefined {
	try {
		return new URL(url).origin;
	} catch {
		return undefined;
	}
}

/** The target, shown without its query (which the server chose and may carry anything). */
function shown(url: URL): string {
	return `${url.origin}${url.pathname}`;
}

/**
 * What to do with an answer: undefined when it is not a redirect, else follow (same origin) or
 * refuse (with the reason). `currentUrl` is the URL that was asked (relative Locations resolve
 * against it), `baseUrl` the credential's Base URL.
 */
export function decideRedirect(
	status: number,
	location: string | undefined,
	currentUrl: string,
	baseUrl: string,
	method: HttpMethod,
	hops: number,
	serviceName: string,
): RedirectDecision {
	if (!REDIRECT_STATUS.has(status)) return undefined;
	if (!location) return { refuse: `${serviceName} answered HTTP ${status} (a redirect) without a Location` };
	let target: URL;
	try {
		target = new URL(location, currentUrl);
	} catch {
		return { refuse: `${serviceName} redirected to an address that is not a valid URL` };
	}
	if (target.origin !== originOf(baseUrl)) {
		return {
			refuse: `${serviceName} redirected the request to ${shown(target)}, outside the credential's Base URL (${originOf(baseUrl) ?? baseUrl}); the redirect was refused so the credential is not sent there`,
		};
	}
	if (hops >= MAX_REDIRECTS) return { refuse: `${serviceName} redirected more than ${MAX_REDIRECTS} times (last to ${shown(target)})` };
	const toGet = status === 303 || ((status === 301 || status === 302) && method === 'POST');
	return { follow: { url: target.href, method: toGet ? 'GET' : method, keepBody: !toGet } };
}
