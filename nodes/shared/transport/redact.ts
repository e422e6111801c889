/**
 * Credential redaction: every text that leaves the transport (error messages, descriptions, the
 * errorResponse of a NodeApiError, per-record bulk errors, Continue On Fail items) passes through
 * one Redactor made from the credential of the run.
 *
 * Two layers, so a vendor body that echoes the request in any shape (a string, a nested object, an
 * array, plain text or HTML) cannot carry a secret out:
 * 1. known values: every credential value whose key names a key, token, secret, password or email
 *    (API key, OAuth2 access and refresh tokens, client secret, Copper's account email), matched
 *    case-insensitively, in every form it can take on the wire (trimmed, without control characters,
 *    without characters outside Latin-1), each also percent-encoded and JSON-escaped;
 * 2. shapes: `Bearer …`/`Basic …` credentials and the value after any credential-carrying header or
 *    field name (`X-PW-AccessToken`, `X-API-Key`, `X-PW-UserEmail`, `Authorization`, `access_token`,
 *    `client_secret`, …), which also covers a token n8n refreshed during the run.
 * The secrets live in the Redactor's closure on the Transport; nothing here is ever output.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const MASK = '***';

export interface Redactor {
	/** The text with every secret masked. */
	text(value: string): string;
	/** A copy of any JSON value (strings, objects, arrays; keys too) with every secret masked. */
	value(value: unknown): unknown;
}

/** Credential fields whose values are secrets (or, like Copper's email, identify the account). */
const SECRET_KEY = /key|token|secret|password|email/i;
/** ...except where the value is a URL or a type name (`accessTokenUrl`, `token_type: Bearer`). */
const NOT_SECRET_KEY = /url$|type$/i;
/** Values this short are not treated as secrets (masking "a" everywhere would garble every message). */
const MIN_SECRET_LENGTH = 4;

/** Header and field names whose value is a credential, in any letter case. */
const SENSITIVE_NAMES = [
	'x-pw-accesstoken',
	'x-pw-useremail',
	'x-api-key',
	'authorization',
	'proxy-authorization',
	'cookie',
	'set-cookie',
	'access_token',
	'accesstoken',
	'refresh_token',
	'refreshtoken',
	'id_token',
	'client_secret',
	'clientsecret',
	'api_key',
	'apikey',
	'password',
];
const SENSITIVE_KEY = new Set(SENSITIVE_NAMES);
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `name: value`, `"name":"value"`, `name=value` (the scheme word of an Authorization value kept). */
const NAMED_VALUE = new RegExp(
	`((?:${SENSITIVE_NAMES.map(escapeRegExp).join('|')})["']?\\s*[:=]\\s*["']?(?:(?:bearer|basic|token)\\s+)?)[^"'\\s,;&}<>\\]]+`,
	'gi',
);
/** `Bearer <token>` / `Basic <base64>`: a value of 8 or more token characters with a digit or punctuation (not "basic information"). */
const SCHEME_VALUE = /\b(bearer|basic)\s+(?=[A-Za-z0-9._~+/=-]*[0-9._~+/=-])[A-Za-z0-9._~+/=-]{8,}/gi;

/** Every secret value of a credential (nested objects such as oauthTokenData included). */
export function credentialSecrets(credentials: ICredentialDataDecryptedObject | undefined): string[] {
	const secrets = new Set<string>();
	const walk = (value: unknown, key: string, depth: number) => {
		if (depth > 4 || value === null || value === undefined) return;
		if (typeof value === 'object') {
			for (const [name, entry] of Object.entries(value as Record<string, unknown>)) walk(entry, name, depth + 1);
			return;
		}
		if ((typeof value === 'string' || typeof value === 'number') && SECRET_KEY.test(key) && !NOT_SECRET_KEY.test(key)) {
			const text = String(value).trim();
			if (text.length >= MIN_SECRET_LENGTH) secrets.add(text);
		}
	};
	walk(credentials, '', 0);
	return [...secrets];
}

/** Control characters (CR, LF, tab, …) and characters outside Latin-1, which never reach a header as typed. */
const CONTROL = /[\u0000-\u001f\u007f]/g;
const NOT_LATIN1 = /[^\u0000-\u00ff]/g;

/** Percent-encoded (a lone surrogate, which encodeURIComponent refuses, stays as is). */
function percentEncoded(text: string): string {
	try {
		return encodeURIComponent(text);
	} catch {
		return text;
	}
}

/**
 * The forms a secret can take on the wire and in a vendor's echo of it: as stored, trimmed, with no
 * whitespace at all (the API-key credentials' generic block sends the key so), without
 * its control characters (a key pasted with a line break is sent without it), without characters
 * outside Latin-1 (what a header can carry), both; each also percent-encoded and JSON-escaped.
 */
function formsOf(secret: string): string[] {
	const trimmed = secret.trim();
	const wire = [secret, trimmed, trimmed.replace(CONTROL, ''), trimmed.replace(NOT_LATIN1, ''), trimmed.replace(CONTROL, '').replace(NOT_LATIN1, ''), secret.replace(/\s+/g, '')];
	const forms = new Set<string>();
	for (const form of wire) {
		if (form.length < MIN_SECRET_LENGTH) continue;
		forms.add(form);
		forms.add(percentEncoded(form));
		forms.add(JSON.stringify(form).slice(1, -1));
	}
	return [...forms].sort((a, b) => b.length - a.length);
}

export function createRedactor(secrets: string[]): Redactor {
	const known = secrets.flatMap(formsOf).sort((a, b) => b.length - a.length);
	const knownPattern = known.length ? new RegExp(known.map(escapeRegExp).join('|'), 'gi') : undefined;
	const text = (value: string): string => {
		let result = knownPattern ? value.replace(knownPattern, MASK) : value;
		result = result.replace(SCHEME_VALUE, `$1 ${MASK}`);
		return result.replace(NAMED_VALUE, (match, prefix: string) => (match.slice(prefix.length) === MASK ? match : `${prefix}${MASK}`));
	};
	const value = (input: unknown, depth = 0): unknown => {
		if (typeof input === 'string') return text(input);
		if (input === null || typeof input !== 'object' || depth > 20) return input;
		if (Array.isArray(input)) return input.map((entry) => value(entry, depth + 1));
		const result: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(input as Record<string, unknown>)) {
			const sensitive = SENSITIVE_KEY.has(key.toLowerCase()) && (typeof entry === 'string' || typeof entry === 'number');
			result[text(key)] = sensitive ? MASK : value(entry, depth + 1);
		}
		return result;
	};
	return { text, value: (input) => value(input) };
}
