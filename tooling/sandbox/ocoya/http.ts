/** Shared request/response types and helpers for route handlers. */

import type { OcoyaStore } from './store';

export type Query = Record<string, string | string[]>;

export interface RouteContext {
	store: OcoyaStore;
	method: string;
	/** Path after the base prefix, raw. */
	path: string;
	/** Decoded path parameters, e.g. { postId }. */
	params: Record<string, string>;
	query: Query;
	/** Parsed JSON body, or undefined when the body was empty. */
	body: unknown;
}

export interface HandlerResult {
	status: number;
	body: unknown;
}

export type Handler = (ctx: RouteContext) => HandlerResult;

/** Thrown by handlers/validators; turned into `{"message": ...}` with the given status. */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
		this.name = 'HttpError';
	}
}

export const ok = (body: unknown): HandlerResult => ({ status: 200, body });
export const created = (body: unknown): HandlerResult => ({ status: 201, body });

export const MESSAGES = {
	notFound: 'Not found.',
	methodNotAllowed: 'Method not allowed.',
	missingToken: 'Missing API token.',
	invalidToken: 'Invalid API token.',
	rateLimited: "You've exceeded the request limit.",
	invalidJson: 'Invalid JSON body.',
	workspaceRequired: 'workspaceId is required.',
	workspaceNotFound: 'Workspace not found.',
	postNotFound: 'Post not found.',
	invalidDate: 'Invalid date format. Use UTC: 2024-01-01T00:00:00Z',
	unknownError: 'Unknown error.',
} as const;
