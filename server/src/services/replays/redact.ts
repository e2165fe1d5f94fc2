/**
 * What a live run's event looks like once stored for replay (issue 15 §1): the trigger's
 * body only (request headers are never part of it), and the value of every key whose name
 * says it holds a secret — at any depth, in objects inside arrays too — replaced by
 * `[redacted]`. A replay then simulates on the redacted event: a candidate that branches
 * on a secret's value sees the marker, never the secret.
 */

/** Key names that hold secrets: passwords, tokens, API keys, authorisation, cookies, signatures, private keys. */
export const SECRET_KEY =
  /pass(word|phrase)?|secret|token|api[-_]?key|authori[sz]ation|cookie|signature|private[-_]?key/i;

export const REDACTED = '[redacted]';

/** The deepest nesting kept; deeper values are dropped (a stored event is data, not a parser test). */
const MAX_DEPTH = 64;

/** A copy of `value` with every secret-named key's value redacted; the input is not changed. */
export function redactEvent(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return null;
  if (Array.isArray(value)) return value.map((v) => redactEvent(v, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? REDACTED : redactEvent(v, depth + 1);
  }
  return out;
}
