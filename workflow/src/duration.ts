import { z } from 'zod';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION_RE = /^(\d{1,9})(ms|s|m|h|d)$/;

/**
 * A duration as people write it in a form: `500ms`, `30s`, `15m`, `4h`, `2d`.
 * Stored as the string so that a reviewer reads what the author typed.
 */
export const Duration = z
  .string()
  .regex(DURATION_RE, 'a duration such as 30s, 15m, 4h or 2d')
  .meta({ widget: 'duration' });
export type Duration = z.infer<typeof Duration>;

/** Milliseconds in a duration string; throws on a malformed one (validate first). */
export function durationMs(d: string): number {
  const m = DURATION_RE.exec(d);
  if (!m) throw new Error(`not a duration: ${d}`);
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}
