/** Secrets shorter than this are not scrubbed: replacing "a" everywhere would wreck any output. */
const MIN_SECRET_LENGTH = 6;
export const REDACTED = '[redacted]';

const usable = (secrets: readonly string[]) => secrets.filter((s) => s.length >= MIN_SECRET_LENGTH);

/** Text with every secret value replaced. */
export function scrubText(text: string, secrets: readonly string[]): string {
  return usable(secrets).reduce((acc, secret) => acc.split(secret).join(REDACTED), text);
}

/**
 * Replaces the secret values in strings anywhere inside `value` (an API that echoes its
 * Authorization header must not put the token into the run's trace).
 */
export function scrub(value: unknown, secrets: readonly string[]): unknown {
  const list = usable(secrets);
  if (list.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrubText(v, list);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value);
}
