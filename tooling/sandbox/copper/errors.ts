/** Error responses of the sandbox. Handlers throw these; the router turns them into replies. */

export interface ErrorBody {
	success: false;
	status: number;
	message: string;
	[key: string]: unknown;
}

export function errorBody(status: number, message: string, extra?: Record<string, unknown>): ErrorBody {
	return { success: false, status, message, ...extra };
}

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
	) {
		super(
			typeof body === 'object' && body !== null && 'message' in body
				? String((body as { message: unknown }).message)
				: `HTTP ${status}`,
		);
	}
}

/**
 * A 422 about one field. `field` and `code` feed the per-element failure of bulk requests:
 * `{"success":false,"message":{"<field>":[{"error":"<code>"}]}}`.
 */
export class ValidationError extends ApiError {
	constructor(
		readonly field: string,
		message: string,
		readonly code: string = 'invalid',
	) {
		super(422, errorBody(422, `Validation Error: ${message}`));
	}
}

export const NOT_FOUND_MESSAGE = 'Resource not found';

export function notFound(): ApiError {
	return new ApiError(404, errorBody(404, NOT_FOUND_MESSAGE));
}

/** 422 `{"success":false,"status":422,"message":"Invalid input: ..."}`. */
export function invalidInput(message: string, extra?: Record<string, unknown>): ApiError {
	return new ApiError(422, errorBody(422, `Invalid input: ${message}`, extra));
}

export function unprocessable(message: string, extra?: Record<string, unknown>): ApiError {
	return new ApiError(422, errorBody(422, message, extra));
}

export function badRequest(message: string): ApiError {
	return new ApiError(400, errorBody(400, message));
}

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad Request',
	401: 'Invalid credentials',
	403: 'Forbidden',
	404: NOT_FOUND_MESSAGE,
	408: 'Request Timeout',
	409: 'Conflict',
	422: 'Unprocessable Entity',
	429: 'Rate limit exceeded',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

export function statusText(status: number): string {
	return STATUS_TEXT[status] ?? `HTTP ${status}`;
}
