import { parseExpression } from '../expression';
import type { Comparison, Condition, ConditionRow, Scalar } from './model';

export type ParsedCondition = { ok: true; condition: Condition } | { ok: false; reason: string };

/** A JSONata syntax tree node as the parser leaves it. */
type Node = { type?: string; value?: unknown } & Record<string, unknown>;

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const COMPARISONS: Record<string, Comparison | undefined> = {
  '=': 'equals',
  '!=': 'not_equals',
  '>': 'greater_than',
  '<': 'less_than',
  '>=': 'at_least',
  '<=': 'at_most',
};
/** The same comparison read from the other side: `70 <= x` is `x >= 70`. */
const MIRRORED: Record<string, string> = { '=': '=', '!=': '!=', '>': '<', '<': '>', '>=': '<=', '<=': '>=' };

/** Keys a plain node may carry besides the ones it is read by (the parser adds `position`). */
function only(n: Node, keys: readonly string[]): boolean {
  return Object.keys(n).every((k) => k === 'position' || keys.includes(k));
}

/** `steps.x.output.score` or `` event.`x-y` ``: a path of plain names, nothing else (no filters, no `$`). */
function field(n: Node | undefined): string | undefined {
  if (!n || n.type !== 'path' || !only(n, ['type', 'steps']) || !Array.isArray(n.steps)) return undefined;
  const names: string[] = [];
  for (const s of n.steps as Node[]) {
    if (s.type !== 'name' || typeof s.value !== 'string' || !only(s, ['type', 'value'])) return undefined;
    names.push(
      IDENT.test(s.value) && s.value !== 'and' && s.value !== 'or' && s.value !== 'in' ? s.value : `\`${s.value}\``,
    );
  }
  return names.length > 0 ? names.join('.') : undefined;
}

function scalar(n: Node | undefined): { v: Scalar } | undefined {
  if (!n || !only(n, ['type', 'value'])) return undefined;
  if (n.type === 'string' && typeof n.value === 'string') return { v: n.value };
  if (n.type === 'number' && typeof n.value === 'number') return { v: n.value };
  if (n.type === 'value' && (n.value === true || n.value === false || n.value === null)) return { v: n.value };
  return undefined;
}

function list(n: Node | undefined): Scalar[] | undefined {
  if (!n || n.type !== 'unary' || n.value !== '[' || !only(n, ['type', 'value', 'expressions'])) return undefined;
  const items = (n.expressions as Node[]).map(scalar);
  return items.every((i) => i !== undefined) ? items.map((i) => i.v) : undefined;
}

/** `$name(args…)` with exactly `arity` arguments: the arguments. */
function call(n: Node | undefined, name: string, arity: number): Node[] | undefined {
  if (!n || n.type !== 'function' || n.value !== '(' || !only(n, ['type', 'name', 'value', 'procedure', 'arguments']))
    return undefined;
  const p = n.procedure as Node | undefined;
  const args = n.arguments as Node[];
  return p?.type === 'variable' && p.value === name && args.length === arity ? args : undefined;
}

function binary(n: Node | undefined): { op: string; lhs: Node; rhs: Node } | undefined {
  if (!n || n.type !== 'binary' || !only(n, ['type', 'value', 'lhs', 'rhs'])) return undefined;
  return { op: String(n.value), lhs: n.lhs as Node, rhs: n.rhs as Node };
}

/** `(x)` is `x`. */
function unwrap(n: Node): Node {
  let cur = n;
  while (cur.type === 'block' && Array.isArray(cur.expressions) && cur.expressions.length === 1)
    cur = cur.expressions[0] as Node;
  return cur;
}

/** The terms of a chain of one operator: `a and b and c` → [a, b, c]. */
function chain(n: Node, op: 'and' | 'or'): Node[] {
  const b = binary(n);
  return b && b.op === op ? [...chain(b.lhs, op), ...chain(b.rhs, op)] : [n];
}

/** `$not($exists(f)) or f = null or f = ""` (is empty) and its negation, in this order of terms. */
function emptiness(n: Node): ConditionRow | undefined {
  const b = binary(n);
  if (!b || (b.op !== 'or' && b.op !== 'and')) return undefined;
  const terms = chain(n, b.op);
  if (terms.length !== 3) return undefined;
  const [first, second, third] = terms;
  const exists = b.op === 'or' ? call(first, 'not', 1)?.[0] : first;
  const f = field(call(exists, 'exists', 1)?.[0]);
  const eq = b.op === 'or' ? '=' : '!=';
  const is = (t: Node | undefined, v: Scalar) => {
    const c = binary(t);
    return c?.op === eq && field(c.lhs) === f && scalar(c.rhs)?.v === v && scalar(c.rhs) !== undefined;
  };
  if (f === undefined || !is(second, null) || !is(third, '')) return undefined;
  return { field: f, op: b.op === 'or' ? 'is_empty' : 'is_not_empty' };
}

/** One row from one term, or undefined when the term is not a simple comparison. */
function row(node: Node): ConditionRow | undefined {
  const n = unwrap(node);
  const empty = emptiness(n);
  if (empty) return empty;
  for (const [name, op] of [
    ['contains', 'contains'],
    ['inCidr', 'in_cidr'],
  ] as const) {
    const args = call(n, name, 2);
    const f = field(args?.[0]);
    const v = scalar(args?.[1])?.v;
    if (f !== undefined && typeof v === 'string') return { field: f, op, value: v };
  }
  const b = binary(n);
  if (!b) return undefined;
  if (b.op === 'in') {
    const f = field(b.lhs);
    const one = scalar(b.rhs);
    const values = list(b.rhs) ?? (one ? [one.v] : undefined);
    return f !== undefined && values ? { field: f, op: 'in_list', value: values } : undefined;
  }
  const flipped = field(b.lhs) === undefined;
  const f = field(flipped ? b.rhs : b.lhs);
  const v = scalar(flipped ? b.lhs : b.rhs);
  const op = COMPARISONS[flipped ? (MIRRORED[b.op] ?? '') : b.op];
  if (f === undefined || !v || !op) return undefined;
  if (op === 'equals' && typeof v.v === 'boolean') return { field: f, op: v.v ? 'is_true' : 'is_false' };
  return { field: f, op, value: v.v };
}

/**
 * Reads a predicate back into builder rows, from the JSONata syntax tree (never the text):
 * what `generateCondition` writes and hand-written equivalents (`70 <= x`, `(a = 1) and b`).
 * Anything else is not a builder condition, with the reason to show beside the free editor.
 * An empty predicate is a builder condition without rows.
 */
export function parseCondition(source: string): ParsedCondition {
  if (source.trim() === '') return { ok: true, condition: { join: 'all', rows: [] } };
  const parsed = parseExpression(source);
  if (!parsed.ok) return { ok: false, reason: `the expression does not parse: ${parsed.message}` };
  const root = unwrap(parsed.ast as unknown as Node);
  const single = row(root);
  if (single) return { ok: true, condition: { join: 'all', rows: [single] } };
  const top = binary(root);
  if (!top || (top.op !== 'and' && top.op !== 'or'))
    return { ok: false, reason: 'it is not a field compared with a value' };
  const terms = chain(root, top.op);
  const rows: ConditionRow[] = [];
  for (const [i, term] of terms.entries()) {
    const r = row(term);
    if (r) {
      rows.push(r);
      continue;
    }
    const inner = binary(unwrap(term));
    const mixed = inner && (inner.op === 'and' || inner.op === 'or');
    return {
      ok: false,
      reason: mixed
        ? 'it mixes “and” with “or”: the builder joins all rows one way'
        : `part ${i + 1} of ${terms.length} is not a field compared with a value`,
    };
  }
  return { ok: true, condition: { join: top.op === 'and' ? 'all' : 'any', rows } };
}

/**
 * The field a switch reads, when its expression is one plain path (`event.severity`);
 * undefined for anything else (a computed value stays in the JSONata editor).
 */
export function parseField(source: string): string | undefined {
  const parsed = parseExpression(source);
  return parsed.ok ? field(unwrap(parsed.ast as unknown as Node)) : undefined;
}
