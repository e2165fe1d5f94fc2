/**
 * `Retry-After` in milliseconds from now: delta-seconds (`120`) or an HTTP date. Undefined
 * when absent or unreadable, so the caller falls back to its own backoff.
 */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1_000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
