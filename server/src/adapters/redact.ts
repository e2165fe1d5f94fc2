/**
 * Keeps credentials out of what a live step stores (its output, its error message): every
 * secret value the call used is replaced wherever its exact text appears, however short
 * (a short secret mangles an output; storing it would leak it), and the value under a
 * credential header name (`authorization`, `cookie`, `x-api-key`, …) is dropped whatever
 * it is, so an API that echoes the request's headers stores none of them.
 */
import { isCredentialHeader, REDACTED } from '@autonomic/workflow';

export { REDACTED };

/**
 * One pattern for every secret: each as it is, and as it appears inside a JSON string or a
 * URL (an error body is raw text). Longest first, so that a secret containing another is
 * replaced whole; one pass, so that a short secret is not found again inside `[redacted]`.
 * Undefined when there is no secret.
 */
function patternOf(secrets: readonly string[]): RegExp | undefined {
  const all = new Set<string>();
  for (const s of secrets) {
    if (s.length === 0) continue;
    all.add(s);
    all.add(JSON.stringify(s).slice(1, -1));
    try {
      all.add(encodeURIComponent(s));
    } catch {
      // A lone surrogate has no URL form: nothing to add.
    }
  }
  if (all.size === 0) return undefined;
  const escaped = [...all].sort((a, b) => b.length - a.length).map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return new RegExp(escaped.join('|'), 'g');
}

/** Text with every secret value replaced. */
export function scrubText(text: string, secrets: readonly string[]): string {
  const pattern = patternOf(secrets);
  return pattern ? text.replace(pattern, REDACTED) : text;
}

/**
 * `value` with the secret values replaced in every string inside it and every value under
 * a credential header name (any case, at any depth) replaced whole.
 */
export function scrub(value: unknown, secrets: readonly string[]): unknown {
  const pattern = patternOf(secrets);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return pattern ? v.replace(pattern, REDACTED) : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, isCredentialHeader(k) ? REDACTED : walk(x)]));
    }
    return v;
  };
  return walk(value);
}
