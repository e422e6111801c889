/**
 * The retry budget of one execution: a token bucket as in AWS's "standard" retry mode. A retry costs
 * RETRY_COST tokens (a timeout TIMEOUT_COST: it also held a connection for the whole timeout), a
 * success gives SUCCESS_REFUND back, up to the capacity; a retry the bucket cannot pay is not made.
 * A service that is down therefore costs the first items their retries and every later item one
 * attempt, instead of each item its full retry series. 429s cost nothing: they are pacing, already
 * bounded by Max Retries and the request's time budget.
 *
 * Capacity 100 pays for 20 retries (10 after timeouts) in a row; AWS uses 500 per long-lived client,
 * this bucket lives for one execution of one node.
 */
import type { FailureCost } from './retryPolicy';

export const RETRY_BUDGET = { capacity: 100, retryCost: 5, timeoutCost: 10, successRefund: 1 } as const;

export interface RetryBudget {
	tokens: number;
}

export function newRetryBudget(): RetryBudget {
	return { tokens: RETRY_BUDGET.capacity };
}

/** Takes the tokens of one retry; false (and nothing taken) when the budget cannot pay for it. */
export function payForRetry(budget: RetryBudget, cost: FailureCost): boolean {
	const price = cost === 'none' ? 0 : cost === 'timeout' ? RETRY_BUDGET.timeoutCost : RETRY_BUDGET.retryCost;
	if (budget.tokens < price) return false;
	budget.tokens -= price;
	return true;
}

export function refundSuccess(budget: RetryBudget): void {
	budget.tokens = Math.min(RETRY_BUDGET.capacity, budget.tokens + RETRY_BUDGET.successRefund);
}
