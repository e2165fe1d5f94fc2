/**
 * How long a vendor asked to wait, in milliseconds from now. The standard `Retry-After`
 * holds delay seconds (`120`) or an HTTP date; a definition may name its vendor's own
 * header and form (CrowdStrike: `X-RateLimit-RetryAfter`, the Unix time in seconds to try
 * again at). Undefined when absent or unreadable, so the caller falls back to its backoff.
 */
import type { ConnectorRetryAfter } from '@autonomic/workflow';

type Form = ConnectorRetryAfter['form'];

/** The standard header, read when a definition names none or its own is absent. */
export const STANDARD_RETRY_AFTER: ConnectorRetryAfter = { header: 'Retry-After', form: 'seconds_or_date' };

/** One header value in the given form; `now` in epoch milliseconds. */
export function retryAfterMs(
  header: string | undefined,
  now: number,
  form: Form = 'seconds_or_date',
): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  const digits = /^\d+$/.test(text);
  if (form === 'epoch_seconds') return digits ? Math.max(0, Number(text) * 1_000 - now) : undefined;
  if (digits) return Number(text) * 1_000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * The wait an answer asks for: the definition's header when it names one and the answer
 * has it (and it reads), else the standard Retry-After. `headers` have lower-case names.
 */
export function askedWaitMs(
  headers: Readonly<Record<string, string | undefined>>,
  now: number,
  rule: ConnectorRetryAfter | undefined,
): number | undefined {
  const own = rule ? retryAfterMs(headers[rule.header.toLowerCase()], now, rule.form) : undefined;
  return own ?? retryAfterMs(headers['retry-after'], now);
}
