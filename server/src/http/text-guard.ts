/**
 * Text PostgreSQL cannot store, refused at the edge: a NUL character (`\u0000`, which a
 * `text` or `jsonb` column rejects) or a lone UTF-16 surrogate (not valid Unicode, so not
 * valid UTF-8 either) anywhere in a request's params, query or body — in values and in
 * object keys. Refusing here gives one 400 naming the field, instead of a 500 from the
 * database after part of the work was done.
 */
import type { ErrorDetail } from '../errors';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemOf(s: string): string | undefined {
  if (s.includes('\u0000')) return 'contains a NUL character (\\u0000), which cannot be stored';
  if (LONE_SURROGATE.test(s)) return 'contains a lone UTF-16 surrogate (not valid Unicode)';
  return undefined;
}

/** The first field whose text cannot be stored, or undefined. Bodies are depth-limited before parsing. */
export function unstorableText(value: unknown, path: string): ErrorDetail | undefined {
  if (typeof value === 'string') {
    const message = problemOf(value);
    return message ? { path, message } : undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableText(value[i], `${path}.${i}`);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const keyProblem = problemOf(k);
      if (keyProblem) return { path: `${path}.${JSON.stringify(k).slice(1, -1)}`, message: `key ${keyProblem}` };
      const found = unstorableText(v, `${path}.${k}`);
      if (found) return found;
    }
  }
  return undefined;
}
