/**
 * The one place API failures become NodeApiErrors: the vendor's message, a description of what was
 * sent and why it failed (and why it was not retried), never a credential value: message,
 * description and errorResponse all pass through the run's Redactor (redact.ts), whatever the shape
 * of the vendor's body.
 */
import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import type { ServiceSpec } from '../service';
import type { Redactor } from './redact';
import type { Failure } from './retryPolicy';

/**
 * Plain words for a network failure. The code itself goes into the description only: n8n replaces
 * any error message containing a code such as ECONNRESET with its own generic text.
 */
export function describeNetworkFailure(code: string | undefined, timeoutMs: number): string {
	switch (code) {
		case 'ETIMEDOUT':
		case 'ECONNABORTED':
		case 'ESOCKETTIMEDOUT':
		case 'ERR_SOCKET_CONNECTION_TIMEOUT':
			return `timed out after ${timeoutMs} ms`;
		case 'ECONNRESET':
		case 'EPIPE':
			return 'the connection was reset';
		case 'ECONNREFUSED':
			return 'the connection was refused';
		case 'EAI_AGAIN':
			return 'the host name could not be resolved (temporary DNS failure)';
		case 'ENOTFOUND':
			return 'the host name does not exist; check the Base URL of the credential';
		case 'EHOSTUNREACH':
		case 'ENETUNREACH':
		case 'ENETDOWN':
			return 'the host is unreachable';
		default:
			if (code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(code)) {
				return "the server's TLS certificate was rejected; check the Base URL, or the certificate of the server or proxy";
			}
			return 'the connection failed';
	}
}

export function apiError(
	node: INode,
	service: ServiceSpec,
	where: string,
	failure: Failure,
	itemIndex: number,
	redact: Redactor,
	note?: string,
): NodeApiError {
	const description = [
		failure.status
			? `${service.displayName} answered HTTP ${failure.status} to ${where}.`
			: `Request ${where} failed${failure.code ? ` (${failure.code})` : ''}.`,
		failure.status === 401 || failure.status === 403
			? `Check the credential (API key or OAuth2 token) and its permissions for this request.`
			: undefined,
		note,
	]
		.filter(Boolean)
		.join(' ');
	const message = redact.text(failure.message);
	const errorBody: JsonObject = { message };
	if (failure.status) errorBody.httpCode = String(failure.status);
	return new NodeApiError(node, errorBody, {
		message,
		description: redact.text(description),
		httpCode: failure.status ? String(failure.status) : undefined,
		itemIndex,
	});
}

/** An error n8n raised before any exchange (e.g. a missing OAuth2 token), as this node's error. */
export function helperError(node: INode, error: NodeApiError, itemIndex: number, redact: Redactor, note?: string): NodeApiError {
	const message = redact.text(error.message);
	const description = [error.description, note].filter(Boolean).join(' ');
	return new NodeApiError(node, { message } as JsonObject, {
		message,
		description: description ? redact.text(description) : undefined,
		itemIndex,
	});
}

/** An error made outside the send loop from vendor text (e.g. a bulk record Copper rejected), redacted the same way. */
export function vendorError(node: INode, message: string, description: string, itemIndex: number, redact: Redactor): NodeApiError {
	const text = redact.text(message);
	return new NodeApiError(node, { message: text } as JsonObject, { message: text, description: redact.text(description), itemIndex });
}
