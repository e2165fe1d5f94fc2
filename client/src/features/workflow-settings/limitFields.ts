/**
 * The blast-radius form's fields: typed text read as a whole number or "none", each
 * refusal in words for its own field (a negative baseline is told at the baseline).
 */

export type LimitField = 'maxDestructivePerRun' | 'maxDestructivePerHour' | 'manualBaselineMinutes';

export const LIMIT_FIELDS: { key: LimitField; label: string; max: number; empty: string }[] = [
  { key: 'maxDestructivePerRun', label: 'Destructive actions per run', max: 1_000_000, empty: 'no limit' },
  { key: 'maxDestructivePerHour', label: 'Destructive actions per hour', max: 1_000_000, empty: 'no limit' },
  {
    key: 'manualBaselineMinutes',
    label: 'Minutes a person needs by hand (time-saved baseline)',
    max: 10_000,
    empty: 'not set',
  },
];

export type Parsed = { ok: true; value: number | null } | { ok: false; message: string };

/** Empty: none; otherwise a whole number from 0 to `max`. */
export function parseWhole(text: string, max: number, empty: string): Parsed {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  const n = Number(t);
  if (!Number.isFinite(n)) return { ok: false, message: `Enter a number, or leave it empty for ${empty}.` };
  if (n < 0) return { ok: false, message: `It cannot be negative: enter 0 or more, or leave it empty for ${empty}.` };
  if (!Number.isInteger(n)) return { ok: false, message: 'Enter a whole number (no decimals).' };
  if (n > max) return { ok: false, message: `Enter at most ${max.toLocaleString('en')}.` };
  return { ok: true, value: n };
}

/** The server's field errors (`body.maxDestructivePerRun`) by form field; other paths are left out. */
export function serverFieldErrors(errors: ReadonlyMap<string, string>): Partial<Record<LimitField, string>> {
  const out: Partial<Record<LimitField, string>> = {};
  for (const { key } of LIMIT_FIELDS) {
    const m = errors.get(`body.${key}`);
    if (m) out[key] = m;
  }
  return out;
}
