import type { RetryPolicy } from '@autonomic/workflow';
import type { StepError } from './errors';
import type { Random } from './ports';

/**
 * Whether a failed attempt is tried again: the error must say it is retryable, the
 * policy must list its kind, and attempts must be left.
 */
export function shouldRetry(policy: RetryPolicy, error: StepError, attempt: number): boolean {
  return error.retryable && policy.retryOn.includes(error.kind) && attempt < policy.maxAttempts;
}

/**
 * Backoff before attempt `next` (≥ 2): min(maxDelay, initialDelay · multiplier^(next-2)),
 * spread by ±jitter using the Random port, so a seeded Random gives the same delays.
 * @example retryDelayMs({ initialDelayMs: 1000, multiplier: 2, jitter: 0, ... }, 3, r) === 2000
 */
export function retryDelayMs(policy: RetryPolicy, next: number, random: Random): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** Math.max(0, next - 2));
  const spread = policy.jitter === 0 ? 0 : base * policy.jitter * (2 * random.next() - 1);
  return Math.max(0, Math.round(base + spread));
}
