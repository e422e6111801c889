/** Fault injection: queued faults matched by method/path, each consumed `times` times (default 1). */

import type { Fault } from './types';

interface ActiveFault {
	fault: Fault;
	remaining: number;
}

function pathMatches(matcher: string | RegExp, relativePath: string, fullPath: string): boolean {
	if (matcher instanceof RegExp) {
		matcher.lastIndex = 0;
		if (matcher.test(relativePath)) return true;
		matcher.lastIndex = 0;
		return matcher.test(fullPath);
	}
	const strip = (p: string) => (p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p);
	const want = strip(matcher.split('?')[0]);
	return want === strip(relativePath) || want === strip(fullPath);
}

export class FaultQueue {
	private faults: ActiveFault[] = [];

	add(fault: Fault): void {
		const times = fault.times ?? 1;
		if (times <= 0) return;
		this.faults.push({ fault, remaining: times });
	}

	clear(): void {
		this.faults = [];
	}

	get size(): number {
		return this.faults.length;
	}

	/** Finds the first matching fault, consumes one use and returns it. */
	take(method: string, relativePath: string, fullPath: string): Fault | undefined {
		const index = this.faults.findIndex(
			({ fault }) =>
				(fault.method === undefined || fault.method.toUpperCase() === method.toUpperCase()) &&
				(fault.path === undefined || pathMatches(fault.path, relativePath, fullPath)),
		);
		if (index < 0) return undefined;
		const active = this.faults[index];
		active.remaining--;
		if (active.remaining <= 0) this.faults.splice(index, 1);
		return active.fault;
	}
}

export const INVALID_JSON_BODY = '{"id": 1,';

export const DEFAULT_FAULT_MESSAGES: Record<number, string> = {
	400: 'Bad request.',
	401: 'Missing API token.',
	403: 'Invalid API token.',
	404: 'Not found.',
	408: 'Request timeout.',
	422: 'Validation error.',
	429: "You've exceeded the request limit.",
	500: 'Unknown error.',
	502: 'Bad gateway.',
	503: 'Service unavailable.',
	504: 'Gateway timeout.',
};
