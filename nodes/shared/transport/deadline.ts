/**
 * Time limits of one request that n8n's idle `timeout` cannot give: the idle timeout only fires when
 * no byte arrives for a while, so a server that trickles its answer keeps a request alive for as long
 * as it likes. Two limits bound that, both from Request Options:
 * - the attempt deadline: one attempt, connecting and receiving the whole body, aborts after it;
 * - the request deadline: the whole request (every attempt, rate-limit and retry waits) ends by it.
 * Each attempt is given an AbortSignal that fires at the earlier of the two (AbortSignal.timeout, a
 * web-standard global, not a timer of this package) or when the execution is cancelled, so stopping
 * the execution still aborts the request.
 */
export interface RequestClock {
	startedAt: number;
	deadlineAt: number;
}

export function startClock(requestDeadlineMs: number): RequestClock {
	const startedAt = Date.now();
	return { startedAt, deadlineAt: startedAt + requestDeadlineMs };
}

export const remainingMs = (clock: RequestClock) => clock.deadlineAt - Date.now();

/** The execution's cancel signal, where the context has one. */
function cancelSignalOf(fn: object): AbortSignal | undefined {
	const candidate = fn as { getExecutionCancelSignal?: () => AbortSignal | undefined };
	return typeof candidate.getExecutionCancelSignal === 'function' ? candidate.getExecutionCancelSignal() : undefined;
}

export interface AttemptSignal {
	signal: AbortSignal;
	/** The attempt's own limit (ms) and whether it is the request's remaining budget rather than the attempt deadline. */
	limitMs: number;
	byRequestDeadline: boolean;
	/** Whether the execution was cancelled (not a deadline): then nothing is retried. */
	cancelled(): boolean;
	/** Ends the attempt's ties to the timer and the execution's cancel signal (call when the attempt is over). */
	release(): void;
}

/**
 * The signal of one attempt. Node holds AbortSignal.timeout signals (and the sources of
 * AbortSignal.any) only weakly: a timer nobody references is collected and never fires, which
 * happened to a 60 s deadline under garbage collection. So the timeout signal is referenced here
 * until `release`, and the attempt's own AbortController follows it and the cancel signal.
 */
export function attemptSignal(fn: object, attemptDeadlineMs: number, clock: RequestClock): AttemptSignal {
	const left = Math.max(1, remainingMs(clock));
	const limitMs = Math.min(attemptDeadlineMs, left);
	const controller = new AbortController();
	const timeout = AbortSignal.timeout(limitMs);
	const cancel = cancelSignalOf(fn);
	const onTimeout = () => controller.abort(timeout.reason);
	const onCancel = () => controller.abort(cancel?.reason);
	timeout.addEventListener('abort', onTimeout, { once: true });
	if (cancel?.aborted) controller.abort(cancel.reason);
	else cancel?.addEventListener('abort', onCancel, { once: true });
	return {
		signal: controller.signal,
		limitMs,
		byRequestDeadline: left < attemptDeadlineMs,
		cancelled: () => !!cancel?.aborted,
		release: () => {
			timeout.removeEventListener('abort', onTimeout);
			cancel?.removeEventListener('abort', onCancel);
		},
	};
}

/**
 * The context to call n8n's request helper with. In execution contexts the helper replaces the
 * request's `abortSignal` with `this.getExecutionCancelSignal()`; this context (the node's own,
 * one prototype level down) answers that call with the attempt's signal, which includes the
 * execution's cancel signal. In other contexts the helper passes `abortSignal` through as given.
 */
export function contextWithSignal<T extends object>(fn: T, signal: AbortSignal): T {
	return Object.create(fn, { getExecutionCancelSignal: { value: () => signal } }) as T;
}
