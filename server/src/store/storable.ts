/**
 * Text PostgreSQL can store. A NUL character (`\u0000`) is refused by `text` and `jsonb`
 * columns alike; a lone UTF-16 surrogate is not valid Unicode, and jsonb refuses its escape
 * (`JSON.stringify` writes `\ud800` for it; a valid pair is written as the character). Requests
 * carrying either are refused at the edge (http/text-guard.ts), but run state also holds
 * text from the outside world — a vendor's HTTP answer, a value an expression built, a
 * dedupe key rendered from an event — and refusing it there would fail the write and lose
 * the run. So at this one boundary, each becomes U+FFFD (the replacement character), as
 * PostgreSQL's UTF-8 input treats invalid bytes: in run state, step runs, run results,
 * simulations, approval tasks and dedupe keys.
 */

/** With the `u` flag, half of a valid pair is part of one code point: only a lone surrogate matches. */
const LONE_SURROGATE = /[\ud800-\udfff]/gu;

/** The text with NULs and lone surrogates as U+FFFD: safe for a `text` column. */
export function storableText(text: string): string {
  return text.replaceAll('\u0000', '\ufffd').replace(LONE_SURROGATE, '\ufffd');
}

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
