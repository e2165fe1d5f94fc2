import type { AutomationLevel } from '@autonomic/api';
/** Range presets and how the dashboard writes numbers, durations and bucket labels. */

export const PRESETS = [
  { id: '24h', label: 'Last 24 hours', ms: 24 * 3_600_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { id: '30d', label: 'Last 30 days', ms: 30 * 86_400_000 },
] as const;
export type PresetId = (typeof PRESETS)[number]['id'];
export type RangeChoice = { preset: PresetId } | { preset: 'custom'; from: string; to: string };

/** The from/to ISO instants of a choice; `now` rounded to the minute so that repeated renders agree. */
export function rangeOf(choice: RangeChoice, now: number): { from: string; to: string } {
  if (choice.preset === 'custom') return { from: choice.from, to: choice.to };
  const to = Math.ceil(now / 60_000) * 60_000;
  const ms = PRESETS.find((p) => p.id === choice.preset)?.ms ?? PRESETS[1].ms;
  return { from: new Date(to - ms).toISOString(), to: new Date(to).toISOString() };
}

/** `<input type="datetime-local">` value (local time) ↔ ISO instant. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
export function fromLocalInput(value: string): string | null {
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

export function percent(ratio: number | null, digits = 1): string {
  return ratio === null ? '—' : `${(ratio * 100).toFixed(digits)} %`;
}

/** 42 s, 4 min 12 s, 5 min, 2 h 05 min. */
export function duration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const s = Math.round(Math.abs(seconds));
  const sign = seconds < 0 ? '−' : '';
  if (s < 60) return `${sign}${s} s`;
  if (s < 3_600) return `${sign}${Math.floor(s / 60)} min${s % 60 ? ` ${String(s % 60).padStart(2, '0')} s` : ''}`;
  const min = Math.floor((s % 3_600) / 60);
  return `${sign}${Math.floor(s / 3_600)} h${min ? ` ${String(min).padStart(2, '0')} min` : ''}`;
}

export function hours(seconds: number): string {
  return `${(seconds / 3_600).toLocaleString('en', { maximumFractionDigits: 1 })} h`;
}

export function count(n: number): string {
  return n.toLocaleString('en');
}

/** A bucket's label: the hour for hourly buckets, the day otherwise (local time). */
export function bucketLabel(iso: string, bucket: 'hour' | 'day'): string {
  const d = new Date(iso);
  return bucket === 'hour'
    ? d.toLocaleString('en', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false })
    : d.toLocaleDateString('en', { day: 'numeric', month: 'short' });
}

export const AUTOMATION_LABELS = {
  manual: 'Manually triggered',
  automatic: 'Automatically triggered',
  approval_gated: 'Approval-gated',
  autonomous: 'Fully autonomous',
} as const satisfies Record<AutomationLevel, string>;

/** "1 workflow", "3 workflows". */
export function plural(n: number, word: string): string {
  return `${count(n)} ${word}${n === 1 ? '' : 's'}`;
}
