import { parseExpression } from '../expression';
import { ownExpressionPattern } from './stix';

const COMPARE = new Set(['=', '!=', '<', '>', '<=', '>=']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

type Operand = { text: string; object: boolean };
type Node = Record<string, unknown>;

function node(v: unknown): Node | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v)) : undefined;
}

/** `a.b.c` as names, when the path is only plain names (no filters, no stages). */
function names(n: Node): string[] | undefined {
  if (n['type'] !== 'path' || !Array.isArray(n['steps'])) return undefined;
  const out: string[] = [];
  for (const raw of n['steps']) {
    const s = node(raw);
    if (!s || s['type'] !== 'name' || typeof s['value'] !== 'string' || s['stages'] || s['predicate']) return undefined;
    out.push(s['value']);
  }
  return out;
}

function operand(n: Node): Operand | undefined {
  const v = n['value'];
  if (n['type'] === 'string' && typeof v === 'string')
    return { text: `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`, object: false };
  if (n['type'] === 'number' && typeof v === 'number') return { text: String(v), object: false };
  if (n['type'] === 'value' && typeof v === 'boolean') return { text: String(v), object: false };
  const path = names(n);
  if (path?.[0] === 'vars' && path.length === 2 && NAME.test(path[1] ?? ''))
    return { text: `__${path[1]}__:value`, object: false };
  if (
    path?.[0] === 'event' &&
    path.length >= 3 &&
    /^[a-z][a-z0-9-]*$/.test(path[1] ?? '') &&
    path.slice(2).every((p) => NAME.test(p))
  )
    return { text: `${path[1]}:${path.slice(2).join('.')}`, object: true };
  return undefined;
}

function stix(raw: unknown): string | undefined {
  const n = node(raw);
  if (!n) return undefined;
  const exprs = n['expressions'];
  if (n['type'] === 'block' && Array.isArray(exprs) && exprs.length === 1) return stix(exprs[0]);
  const op = n['value'];
  const [lhs, rhs] = [node(n['lhs']), node(n['rhs'])];
  if (n['type'] === 'binary' && typeof op === 'string' && lhs && rhs) {
    if (op === 'and' || op === 'or') {
      const [a, b] = [stix(lhs), stix(rhs)];
      return a && b ? `(${a} ${op.toUpperCase()} ${b})` : undefined;
    }
    if (!COMPARE.has(op)) return undefined;
    const [l, r] = [operand(lhs), operand(rhs)];
    if (!l || !r) return undefined;
    const text = `${l.text} ${op} ${r.text}`;
    return l.object || r.object ? `[${text}]` : text;
  }
  const fn = node(n['procedure']);
  const args = n['arguments'];
  if (
    n['type'] === 'function' &&
    fn?.['type'] === 'variable' &&
    fn['value'] === 'not' &&
    Array.isArray(args) &&
    args.length === 1
  ) {
    const inner = stix(args[0]);
    return inner ? `NOT ${inner}` : undefined;
  }
  return undefined;
}

/**
 * A JSONata predicate as a STIX pattern other CACAO tools can read, for the forms the
 * import maps (comparisons of vars and event object properties with literals, and, or,
 * $not); anything else in our own `x-autonomic-expression` pattern.
 */
export function toStixPattern(predicate: string): string {
  const parsed = parseExpression(predicate);
  const pattern = parsed.ok ? stix(parsed.ast) : undefined;
  return pattern ?? ownExpressionPattern(predicate);
}
