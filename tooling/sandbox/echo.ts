/**
 * Error bodies that echo the request's own headers (credentials included), in every shape a vendor
 * might use: the redaction tests make the sandboxes answer with these and check that no credential
 * value reaches any output.
 */
import type { EchoShape } from './contract';

export const ECHO_SHAPES: EchoShape[] = ['message', 'headerObject', 'errorObject', 'nested', 'array', 'jsonString', 'text', 'html', 'urlEncoded'];

type Headers = Record<string, string | string[] | undefined>;

/** The request's credential-carrying header values, without their names. */
function credentialValues(headers: Headers): string[] {
	const names = ['x-pw-accesstoken', 'x-pw-useremail', 'x-api-key', 'authorization'];
	return names.map((name) => headers[name]).filter((value): value is string => typeof value === 'string');
}

function plainHeaders(headers: Headers): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) if (value !== undefined) result[name] = Array.isArray(value) ? value.join(', ') : value;
	return result;
}

export function echoBody(shape: EchoShape, headers: Headers): { body: string; contentType: string } {
	const all = plainHeaders(headers);
	const values = credentialValues(headers);
	const bare = values.map((value) => value.replace(/^Bearer\s+/i, ''));
	const pairs = Object.entries(all)
		.map(([name, value]) => `${name}=${value}`)
		.join(', ');
	const json = (body: unknown) => ({ body: JSON.stringify(body), contentType: 'application/json' });
	switch (shape) {
		case 'message':
			return json({ message: `Rejected ${bare.join(' / ')}; request headers: ${pairs}` });
		case 'headerObject':
			return json({ message: all });
		case 'errorObject':
			return json({ error: { request: { headers: all }, token: bare[0] } });
		case 'nested':
			return json({ message: [{ error: `token ${bare.join(' and ')}` }, { error: all }], details: { headers: all } });
		case 'array':
			return json([{ message: `Invalid credentials ${bare.join(', ')}`, headers: all }]);
		case 'jsonString':
			return json(`Invalid credentials: ${bare.join(' ')} (${pairs})`);
		case 'text':
			return { body: `Forbidden for ${bare.join(' ')}\n${Object.entries(all).map(([n, v]) => `${n}: ${v}`).join('\n')}`, contentType: 'text/plain' };
		case 'html':
			return { body: `<html><body><h1>Forbidden</h1><pre>${pairs} ${bare.join(' ')}</pre></body></html>`, contentType: 'text/html' };
		case 'urlEncoded':
			return json({ message: `Rejected ${bare.map(encodeURIComponent).join('&')} ${values.map((v) => JSON.stringify(v)).join(' ')}` });
	}
}
