/**
 * JSON that PostgreSQL's jsonb accepts. jsonb refuses two escapes that `JSON.stringify`
 * writes: `\u0000` (a NUL character) and `\ud800`–`\udfff` alone (a lone UTF-16 surrogate,
 * which well-formed `JSON.stringify` escapes; a valid pair is written as the character
 * itself). Requests carrying either are refused at the edge (http/text-guard.ts), but run
 * state also holds text from the outside world — a vendor's HTTP answer, an event field an
 * expression rebuilt — and refusing it there would fail the commit and lose the run. So at
 * this one boundary, every store write of run state, step runs, run results, simulations
 * and approval tasks replaces each with U+FFFD (the replacement character), the same way
 * PostgreSQL's UTF-8 text input treats invalid bytes.
 */

/**
 * A NUL or lone-surrogate escape preceded by an even number of backslashes (after an odd
 * number, the `\u` is an escaped backslash followed by the letter u: text, not an escape).
 */
const UNSTORABLE_ESCAPE = /(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/g;

/** `JSON.stringify(value)` with NULs and lone surrogates turned into U+FFFD: safe to cast to jsonb. */
export function jsonbText(value: unknown): string {
  return JSON.stringify(value).replace(UNSTORABLE_ESCAPE, '$1\\ufffd');
}

/**
 * The value as jsonb will store it, for writes through Prisma's `Json` fields: itself when
 * it holds nothing jsonb refuses, else a copy with NULs and lone surrogates as U+FFFD.
 */
export function storableJson<T>(value: T): T {
  if (value === undefined) return value;
  const text = JSON.stringify(value);
  const clean = text.replace(UNSTORABLE_ESCAPE, '$1\\ufffd');
  return clean === text ? value : JSON.parse(clean);
}
