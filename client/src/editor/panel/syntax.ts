/** Live syntax checks of expression and template fields, and the ranges to highlight. */
import { parseExpression, splitTemplate } from '@autonomic/workflow';

export interface Highlight {
  from: number;
  to: number;
  bad: boolean;
}

export interface SyntaxIssue {
  message: string;
  /** Offset into the whole field's text. */
  position?: number;
}

export interface SyntaxReport {
  highlights: Highlight[];
  issues: SyntaxIssue[];
}

/**
 * "line 2, column 5" for a JSONata error position, which points just past the offending
 * token: the column is that of the token's last character (1-based, as editors count).
 */
export function lineColumn(text: string, position: number): string {
  const last = Math.max(0, Math.min(position, text.length) - 1);
  const before = text.slice(0, last);
  const line = before.split('\n').length;
  return `line ${line}, column ${last - (before.lastIndexOf('\n') + 1) + 1}`;
}

/** The message shown under the field: "Syntax error at line 1, column 4: …" (no place when there is none). */
export function syntaxMessage(text: string, issue: SyntaxIssue): string {
  return `Syntax error${issue.position === undefined ? '' : ` at ${lineColumn(text, issue.position)}`}: ${issue.message}`;
}

/** The word that ends where JSONata reported the error, to underline it. */
function errorRange(text: string, position: number): Highlight | undefined {
  if (text.length === 0) return undefined;
  const to = Math.min(Math.max(position, 1), text.length);
  let from = to - 1;
  const word = /[\w$]/;
  while (from > 0 && word.test(text[from - 1] ?? '') && word.test(text[from] ?? '')) from--;
  return { from, to, bad: true };
}

/** A whole-field JSONata expression: the parser's message and where it points. */
export function checkExpression(text: string): SyntaxReport {
  if (text.trim() === '') return { highlights: [], issues: [] };
  const r = parseExpression(text);
  if (r.ok) return { highlights: [], issues: [] };
  const range = r.position === undefined ? undefined : errorRange(text, r.position);
  return {
    highlights: range ? [range] : [],
    issues: [{ message: r.message, ...(r.position === undefined ? {} : { position: r.position }) }],
  };
}

/** Each `{{ … }}` of a template: highlighted, and parsed on its own. */
export function checkTemplate(text: string): SyntaxReport {
  const highlights: Highlight[] = [];
  const issues: SyntaxIssue[] = [];
  let end = 0;
  for (const part of splitTemplate(text)) {
    if (part.kind === 'text') continue;
    const close = text.indexOf('}}', part.offset);
    const from = part.offset - 2;
    end = close + 2;
    if (part.source === '') {
      highlights.push({ from, to: end, bad: true });
      issues.push({ message: 'an empty {{ }}', position: from });
      continue;
    }
    const r = parseExpression(part.source);
    highlights.push({ from, to: end, bad: !r.ok });
    if (!r.ok) {
      const lead = text.slice(part.offset).length - text.slice(part.offset).trimStart().length;
      const at = r.position === undefined ? undefined : part.offset + lead + r.position;
      issues.push({ message: `{{ ${part.source} }}: ${r.message}`, ...(at === undefined ? {} : { position: at }) });
    }
  }
  const open = text.indexOf('{{', end);
  if (open >= 0) issues.push({ message: 'a {{ is not closed with }}', position: open });
  return { highlights, issues };
}
