/**
 * The one place API failures become NodeApiErrors: the vendor's message, a description of what was
 * sent and why it failed (and why it was not retried), never a credential value.
 */
import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import type { ServiceSpec } from '../service';
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
		case 'ENOTFOUND':
			return 'the host name could not be resolved';
		default:
			return 'the connection failed';
	}
}

export function apiError(
	node: INode,
	service: ServiceSpec,
	where: string,
	failure: Failure,
	itemIndex: number,
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
	const errorBody: JsonObject = { message: failure.message };
	if (failure.status) errorBody.httpCode = String(failure.status);
	return new NodeApiError(node, errorBody, {
		message: failure.message,
		description,
		httpCode: failure.status ? String(failure.status) : undefined,
		itemIndex,
	});
}

/** An error n8n raised before any exchange (e.g. a missing OAuth2 token), as this node's error. */
export function helperError(node: INode, error: NodeApiError, itemIndex: number): NodeApiError {
	return new NodeApiError(node, { message: error.message } as JsonObject, {
		message: error.message,
		description: error.description ?? undefined,
		itemIndex,
	});
}
