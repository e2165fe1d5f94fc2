import jsonata from 'jsonata';

/** What every expression sees. */
export interface ExpressionContext {
  event: unknown;
  steps: Record<string, { output: unknown }>;
  vars: Record<string, unknown>;
  /** Inside a for-each body only. */
  item?: unknown;
  index?: number;
}

export type ParseResult = { ok: true; ast: jsonata.ExprNode } | { ok: false; message: string; position?: number };

const MAX_EXPRESSION_LENGTH = 20_000;

/** Parses JSONata without evaluating it. Never throws. */
export function parseExpression(source: string): ParseResult {
  if (source.length > MAX_EXPRESSION_LENGTH)
    return { ok: false, message: `longer than ${MAX_EXPRESSION_LENGTH} characters` };
  try {
    return { ok: true, ast: jsonata(source).ast() };
  } catch (e) {
    const err = e as { message?: string; position?: number };
    return {
      ok: false,
      message: err.message ?? 'invalid expression',
      ...(err.position === undefined ? {} : { position: err.position }),
    };
  }
}

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'expr'; source: string; offset: number };

/** Splits `Hello {{ event.user }}!` into text and expression parts. */
export function splitTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{{', i);
    if (open < 0) break;
    const close = template.indexOf('}}', open + 2);
    if (close < 0) break;
    if (open > i) parts.push({ kind: 'text', text: template.slice(i, open) });
    parts.push({ kind: 'expr', source: template.slice(open + 2, close).trim(), offset: open + 2 });
    i = close + 2;
  }
  if (i < template.length) parts.push({ kind: 'text', text: template.slice(i) });
  return parts;
}

/**
 * Step ids an expression reads through `steps.<id>` (also `$$.steps.<id>`).
 * Walks the AST, so `"steps.x"` inside a string literal is not a reference.
 */
export function stepReferences(ast: jsonata.ExprNode): Set<string> {
  const refs = new Set<string>();
  walkStepPaths(ast, (id) => refs.add(id));
  return refs;
}

/**
 * Step ids whose error an expression reads through `steps.<id>.error` (set only on the
 * path after the step's `error` port).
 */
export function stepErrorReferences(ast: jsonata.ExprNode): Set<string> {
  const refs = new Set<string>();
  walkStepPaths(ast, (id, field) => field === 'error' && refs.add(id));
  return refs;
}

/**
 * The output fields an expression reads through `steps.<id>.output.<field>` (also from
 * `$$` or `$`): a safety policy's guard is a condition that reads a safety lookup's `autoOk`.
 */
export function stepOutputReads(ast: jsonata.ExprNode): Array<{ stepId: string; field: string }> {
  const reads: Array<{ stepId: string; field: string }> = [];
  const add = (stepId: string, field: string | undefined, next: string | undefined) => {
    if (field === 'output' && next !== undefined) reads.push({ stepId, field: next });
  };
  walkStepPaths(ast, add, ['$', '']);
  return reads;
}

/** Calls `found(id, field, next)` for each `steps.<id>[.<field>[.<next>]]` path of the AST. */
function walkStepPaths(
  ast: jsonata.ExprNode,
  found: (id: string, field: string | undefined, next: string | undefined) => void,
  roots: readonly string[] = ['$'],
): void {
  const visit = (node: unknown, depth: number): void => {
    if (!node || typeof node !== 'object' || depth > 500) return;
    const n = node as Record<string, unknown> & { type?: string; steps?: unknown[] };
    if (n.type === 'path' && Array.isArray(n.steps)) {
      const s = n.steps as Array<{ type?: string; value?: unknown }>;
      // `steps.x…` or `$$.steps.x…`
      const start = s[0]?.type === 'variable' && roots.includes(String(s[0]?.value)) ? 1 : 0;
      if (s[start]?.type === 'name' && s[start]?.value === 'steps' && s[start + 1]?.type === 'name') {
        const name = (i: number) => (s[i]?.type === 'name' ? String(s[i]?.value) : undefined);
        found(String(s[start + 1]?.value), name(start + 2), name(start + 3));
      }
    }
    for (const v of Object.values(n)) {
      if (Array.isArray(v)) v.forEach((c) => visit(c, depth + 1));
      else if (v && typeof v === 'object') visit(v, depth + 1);
    }
  };
  visit(ast, 0);
}
