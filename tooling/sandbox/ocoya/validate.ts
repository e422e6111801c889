/** Validation helpers shared by handlers. All failures throw HttpError with `{"message"}` bodies. */

import { HttpError, MESSAGES, type Query, type RouteContext } from './http';
import { isOneOf } from './enums';
import type { Workspace } from './types';

/** First value of a query parameter, or undefined when absent/empty. */
export function queryValue(query: Query, key: string): string | undefined {
	const raw = query[key];
	const value = Array.isArray(raw) ? raw[0] : raw;
	return value === undefined || value === '' ? undefined : value;
}

/** All values of an array-ish query parameter: `k=a&k=b`, `k=a,b`, `k[]=a`, `k[0]=a`. */
export function queryList(query: Query, key: string): string[] {
	const out: string[] = [];
	const pattern = new RegExp(`^${key}(\\[\\d*\\])?$`);
	for (const [k, v] of Object.entries(query)) {
		if (!pattern.test(k)) continue;
		for (const item of Array.isArray(v) ? v : [v]) {
			for (const part of item.split(',')) {
				const trimmed = part.trim();
				if (trimmed !== '') out.push(trimmed);
			}
		}
	}
	return out;
}

/** Resolves `?workspaceId=`; 400 when missing, 404 when unknown. Falls back to the default when `optional`. */
export function requireWorkspace(ctx: RouteContext, optional = false): Workspace {
	const id = queryValue(ctx.query, 'workspaceId');
	if (id === undefined) {
		if (optional && ctx.store.workspaces.length > 0) return ctx.store.workspaces[0];
		throw new HttpError(400, MESSAGES.workspaceRequired);
	}
	const ws = ctx.store.getWorkspace(id);
	if (!ws) throw new HttpError(404, MESSAGES.workspaceNotFound);
	return ws;
}

/** The body as a plain object (empty body → {}); 422 for arrays/primitives. */
export function bodyObject(ctx: RouteContext): Record<string, unknown> {
	if (ctx.body === undefined) return {};
	if (ctx.body === null || typeof ctx.body !== 'object' || Array.isArray(ctx.body)) {
		throw new HttpError(422, 'Request body must be a JSON object.');
	}
	return ctx.body as Record<string, unknown>;
}

export function optionalString(body: Record<string, unknown>, key: string, opts: { min?: number; max?: number } = {}): string | undefined {
	const v = body[key];
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'string') throw new HttpError(422, `${key} must be a string.`);
	if (opts.max !== undefined && v.length > opts.max) {
		throw new HttpError(422, `${key} must be at most ${opts.max} characters.`);
	}
	if (opts.min !== undefined && v.trim().length < opts.min) {
		throw new HttpError(422, `${key} must be at least ${opts.min} characters.`);
	}
	return v;
}

export function optionalEnum<T extends string>(body: Record<string, unknown>, key: string, values: readonly T[]): T | undefined {
	const v = body[key];
	if (v === undefined || v === null) return undefined;
	if (!isOneOf(values, v)) throw new HttpError(422, `${key} must be one of: ${values.join(', ')}.`);
	return v;
}

export function optionalBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
	const v = body[key];
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'boolean') throw new HttpError(422, `${key} must be a boolean.`);
	return v;
}

export function optionalInteger(body: Record<string, unknown>, key: string, min: number, max: number): number | undefined {
	const v = body[key];
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
		throw new HttpError(422, `${key} must be an integer between ${min} and ${max}.`);
	}
	return v;
}

export function optionalStringArray(body: Record<string, unknown>, key: string, maxItems?: number): string[] | undefined {
	const v = body[key];
	if (v === undefined || v === null) return undefined;
	if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
		throw new HttpError(422, `${key} must be an array of strings.`);
	}
	if (maxItems !== undefined && v.length > maxItems) {
		throw new HttpError(422, `${key} must contain at most ${maxItems} items.`);
	}
	return v as string[];
}

export function isHttpUrl(value: string): boolean {
	try {
		const u = new URL(value);
		return u.protocol === 'http:' || u.protocol === 'https:';
	} catch {
		return false;
	}
}

export function optionalUrlArray(body: Record<string, unknown>, key: string, maxItems?: number): string[] | undefined {
	const list = optionalStringArray(body, key, maxItems);
	if (list && list.some((u) => !isHttpUrl(u))) throw new HttpError(422, `${key} must be an array of valid URLs.`);
	return list;
}

/** Ocoya date rule: UTC `2024-01-01T00:00:00Z` (milliseconds optional), and a real calendar date. */
export const UTC_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

export function parseUtcDate(value: unknown): string {
	if (typeof value !== 'string' || !UTC_DATE_PATTERN.test(value)) throw new HttpError(422, MESSAGES.invalidDate);
	const d = new Date(value);
	// Reject impossible dates such as 2024-02-30 (Date would roll them over).
	if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 19) !== value.slice(0, 19)) {
		throw new HttpError(422, MESSAGES.invalidDate);
	}
	return d.toISOString();
}

/** Validates that every id belongs to the workspace's social profiles (422 otherwise). */
export function validateSocialProfileIds(ctx: RouteContext, workspaceId: string, ids: string[] | undefined): string[] {
	if (!ids) return [];
	const unknown = ids.filter((id) => !ctx.store.getSocialProfile(workspaceId, id));
	if (unknown.length > 0) {
		throw new HttpError(422, `Invalid social profile IDs for this workspace: ${unknown.join(', ')}.`);
	}
	return ids.filter((id, i) => ids.indexOf(id) === i);
}
