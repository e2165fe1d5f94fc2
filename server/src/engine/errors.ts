import { TRANSIENT_ERRORS, type ErrorKind } from '@autonomic/workflow';

/**
 * A step's failure as data: stored on the attempt, shown in the trace, matched by a
 * retry policy. `retryable` is the error's own say; the policy's `retryOn` has the other.
 */
export interface StepError {
  kind: ErrorKind;
  message: string;
  retryable: boolean;
  /** The HTTP status, when the failure was an HTTP answer. */
  status?: number;
}

/**
 * Builds a StepError; `retryable` defaults to whether the kind is transient.
 * @example stepError('http_5xx', 'upstream said 503', { status: 503 })
 */
export function stepError(
  kind: ErrorKind,
  message: string,
  opts: { retryable?: boolean; status?: number } = {},
): StepError {
  const error: StepError = { kind, message, retryable: opts.retryable ?? TRANSIENT_ERRORS.includes(kind) };
  if (opts.status !== undefined) error.status = opts.status;
  return error;
}

/** Thrown by ports and step handlers to fail a step with a specific StepError. */
export class StepFailure extends Error {
  constructor(readonly error: StepError) {
    super(error.message);
    this.name = 'StepFailure';
  }
}

export function isStepError(value: unknown): value is StepError {
  if (typeof value !== 'object' || value === null) return false;
  const v: { kind?: unknown; message?: unknown; retryable?: unknown } = value;
  return typeof v.kind === 'string' && typeof v.message === 'string' && typeof v.retryable === 'boolean';
}

/**
 * Whatever a port threw, as a StepError. Unknown throws are `internal` and not retried:
 * a bug does not get better by trying again.
 */
export function toStepError(thrown: unknown): StepError {
  if (thrown instanceof StepFailure) return thrown.error;
  if (isStepError(thrown)) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return stepError('internal', message, { retryable: false });
}

/** An HTTP status as an error kind: 429 and 5xx are transient, other 4xx are not. */
export function httpErrorKind(status: number): ErrorKind {
  if (status === 429) return 'http_429';
  if (status >= 500) return 'http_5xx';
  return 'http_4xx';
}

/** A refused engine call (unknown run, no such open task, a second vote): the caller's mistake. */
export class EngineError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict',
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
