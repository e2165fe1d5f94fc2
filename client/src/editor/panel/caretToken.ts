/** Where completion applies in an expression or a template, given the text and the caret. */

export type TokenKind = 'path' | 'function';

export interface CaretToken {
  /** Start of the word being completed. */
  from: number;
  /** End of that word (the caret, or further when the caret sits inside a word). */
  to: number;
  /** What is typed between `from` and the caret. */
  prefix: string;
  kind: TokenKind;
}

const WORD_BEFORE = /(?:\$[A-Za-z0-9_]*|[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*\.?)$/;
const WORD_AFTER = /^[A-Za-z0-9_]*/;

/** True when the caret is inside a "…" or '…' literal (backslash escapes honoured). */
function insideString(source: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quote && c === '\\') i++;
    else if (quote && c === quote) quote = undefined;
    else if (!quote && (c === '"' || c === "'")) quote = c;
  }
  return quote !== undefined;
}

/** The start of the `{{ … }}` the caret is in, just after `{{`, or undefined outside braces. */
export function templateExpressionStart(text: string, caret: number): number | undefined {
  const before = text.slice(0, caret);
  const open = before.lastIndexOf('{{');
  if (open < 0 || before.indexOf('}}', open + 2) >= 0) return undefined;
  return open + 2;
}

/**
 * The word before the caret that a completion would replace: a dotted path (`steps.en`,
 * `event.`) or a function name (`$co`). Undefined inside a string literal, outside
 * `{{ }}` in a template, or when nothing is typed, except right after `{{` / `{{ ` and
 * when asked for (`explicit`, Ctrl+Space): then every path is a candidate.
 */
export function tokenAt(
  text: string,
  caret: number,
  mode: 'expression' | 'template',
  explicit = false,
): CaretToken | undefined {
  const start = mode === 'template' ? templateExpressionStart(text, caret) : 0;
  if (start === undefined) return undefined;
  const source = text.slice(start, caret);
  if (insideString(source)) return undefined;
  const after = WORD_AFTER.exec(text.slice(caret))?.[0] ?? '';
  const m = WORD_BEFORE.exec(source);
  if (!m || m[0] === '') {
    const justOpened = mode === 'template' && source.trim() === '';
    return explicit || justOpened ? { from: caret, to: caret + after.length, prefix: '', kind: 'path' } : undefined;
  }
  const prefix = m[0];
  const from = caret - prefix.length;
  return { from, to: caret + after.length, prefix, kind: prefix.startsWith('$') ? 'function' : 'path' };
}
