/**
 * A tiny router: routes are `METHOD /literal/:param/...` templates matched segment by segment
 * (percent-decoded) in registration order, so register literal paths before parameterised ones.
 */

import { notFound } from './errors';
import type { CopperStore } from './store';

export interface Ctx {
	method: string;
	/** Decoded path parameters. */
	params: Record<string, string>;
	query: Record<string, string>;
	/** Parsed JSON body (undefined when empty). */
	body: unknown;
	store: CopperStore;
	/** e.g. http://127.0.0.1:4010 (used to build the signed upload URL). */
	origin: string;
	/** `?custom_field_computed_values=true`. */
	computed: boolean;
}

export interface Reply {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

interface Route {
	method: string;
	segments: string[];
	handler: Handler;
}

export function ok(body: unknown, headers?: Record<string, string>): Reply {
	return { status: 200, body, headers };
}

/** Parses an integer id path parameter; anything else is a 404 (like Copper). */
export function idParam(ctx: Ctx, name = 'id'): number {
	const raw = ctx.params[name];
	if (raw === undefined || !/^\d{1,15}$/.test(raw)) throw notFound();
	return Number(raw);
}

export class Router {
	private readonly routes: Route[] = [];

	add(method: string, template: string, handler: Handler): this {
		this.routes.push({ method: method.toUpperCase(), segments: split(template), handler });
		return this;
	}

	get(template: string, handler: Handler): this {
		return this.add('GET', template, handler);
	}

	post(template: string, handler: Handler): this {
		return this.add('POST', template, handler);
	}

	put(template: string, handler: Handler): this {
		return this.add('PUT', template, handler);
	}

	delete(template: string, handler: Handler): this {
		return this.add('DELETE', template, handler);
	}

	/** Number of registered method + path templates. */
	get size(): number {
		return this.routes.length;
	}

	match(method: string, rawPath: string): { handler: Handler; params: Record<string, string> } | undefined {
		let segs: string[];
		try {
			segs = split(rawPath).map((s) => decodeURIComponent(s));
		} catch {
			return undefined;
		}
		const m = method.toUpperCase();
		for (const route of this.routes) {
			if (route.method !== m || route.segments.length !== segs.length) continue;
			const params: Record<string, string> = {};
			let hit = true;
			for (let i = 0; i < segs.length; i++) {
				const t = route.segments[i];
				if (t.startsWith(':')) params[t.slice(1)] = segs[i];
				else if (t !== segs[i]) {
					hit = false;
					break;
				}
			}
			if (hit) return { handler: route.handler, params };
		}
		return undefined;
	}
}

function split(path: string): string[] {
	return path.split('/').filter((s) => s !== '');
}
