import { z } from 'zod';

/** Error kinds the engine distinguishes; a retry policy names the ones it retries. */
export const ErrorKind = z.enum([
  'timeout',
  'network',
  'http_5xx',
  'http_429',
  'http_4xx',
  'expression',
  'validation',
  'safety',
  'cancelled',
  'internal',
  'budget_exceeded',
  'output_too_large',
  /** A bounded loop ran its maximum of rounds with nothing connected to "Maximum reached". */
  'loop_bound',
]);
export type ErrorKind = z.infer<typeof ErrorKind>;

/** Kinds that are transient by nature; the default retry set. */
export const TRANSIENT_ERRORS: readonly ErrorKind[] = ['timeout', 'network', 'http_5xx', 'http_429'];

/**
 * How a step retries. Data, not code: validated, diffed and shown like any param.
 * Delay before attempt n (n ≥ 2) = min(maxDelay, initialDelay · multiplier^(n-2)),
 * then spread by ±jitter (a ratio).
 */
export const RetryPolicy = z
  .object({
    /** @default 1 (no retry) */
    maxAttempts: z.int().min(1).max(20).default(1),
    initialDelayMs: z.int().min(0).max(3_600_000).default(1_000),
    multiplier: z.number().min(1).max(10).default(2),
    maxDelayMs: z.int().min(0).max(86_400_000).default(60_000),
    jitter: z.number().min(0).max(1).default(0.2),
    retryOn: z.array(ErrorKind).default([...TRANSIENT_ERRORS]),
  })
  .strict();
export type RetryPolicy = z.infer<typeof RetryPolicy>;
