/** A value of a diff or a trace in one line: JSON, shortened; `undefined` is "(absent)". */
export function formatValue(v: unknown, max = 160): string {
  if (v === undefined) return '(absent)';
  const text = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A date and time in the reader's locale. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

/** How long between two instants: "850 ms", "12.3 s", "4 min 05 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** A run or task id short enough to read and still tell apart: UUIDv7s share their time prefix. */
export function shortId(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}
