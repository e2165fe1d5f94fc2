/** The alert's own time from the event: `timestamp`, `@timestamp` or `time` (ISO text, or epoch s/ms). */
export function eventTimeOf(event: unknown): number | undefined {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return undefined;
  for (const key of ['timestamp', '@timestamp', 'time']) {
    const v: unknown = Reflect.get(event, key);
    const ms = typeof v === 'string' ? Date.parse(v) : typeof v === 'number' ? (v < 1e11 ? v * 1000 : v) : NaN;
    // Beyond ±275,000 years a Date is invalid; keep to what a timestamptz column takes.
    if (Number.isFinite(ms) && Math.abs(ms) < 8.64e15) return ms;
  }
  return undefined;
}
