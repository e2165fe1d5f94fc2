/**
 * Which expressions may run in the server's own thread instead of a sandbox process: those
 * whose cost is bounded by their own size times the size of their input, so no playbook can
 * stall the event loop or blow the heap with one (the sandbox's reason to exist). Most steps'
 * expressions are of this kind (`steps.enrich.output.score >= 70`, `"contain " & event.ip`,
 * `{ "ip": event.src_ip }`), and a sandbox round trip costs each of them two process hops.
 *
 * Allowed, by the JSONata syntax tree: literals; paths of names and `*` with filters `[…]`;
 * `$` (the context); comparisons, `and`/`or`, `in`, arithmetic and `&`; `-x`; conditions;
 * blocks; array and object constructors. Everything else goes to the sandbox: any function
 * call (`$pad`, `$reduce`, `$now`…) or lambda, ranges `[1..n]`, regexes, variables and
 * bindings, `**`, sorting, grouping, `~>`, transforms, tuple streams (`#`, `@`) — and `$$`
 * (the root), which inside a step that maps or filters would cost a power of the input
 * (`list.($$.list)`). Each path step then visits at most the input once, so the cost is at
 * most the expression's size times the input's.
 */
import jsonata from 'jsonata';
import { splitTemplate } from '@autonomic/workflow';

/** The parts of JSONata's syntax tree read here (its own typings leave out `path`, `expr`, …). */
interface Node {
  type: string;
  value?: unknown;
  lhs?: Node | Node[][];
  rhs?: Node;
  expression?: Node;
  expressions?: Node[];
  steps?: Node[];
  stages?: Node[];
  predicate?: Node[];
  expr?: Node;
  condition?: Node;
  then?: Node;
  else?: Node;
  group?: unknown;
  focus?: unknown;
  index?: unknown;
  tuple?: boolean;
}

const OPERATORS = new Set(['=', '!=', '<', '<=', '>', '>=', 'and', 'or', 'in', '&', '+', '-', '*', '/', '%']);

/** Filters (`[…]`) on any node: each a bounded expression. */
const filtersBounded = (filters: Node[] | undefined) =>
  (filters ?? []).every((f) => f.type === 'filter' && bounded(f.expr));

function bounded(node: Node | undefined): boolean {
  if (!node) return true;
  if (node.group !== undefined || node.focus !== undefined || node.index !== undefined || node.tuple) return false;
  if (!filtersBounded(node.stages) || !filtersBounded(node.predicate)) return false;
  switch (node.type) {
    case 'string':
    case 'number':
    case 'value':
    case 'wildcard':
    case 'name':
      return true;
    case 'variable':
      // `$` only: `$$` (the root) inside a step that maps or filters would cost a power of the input.
      return node.value === '';
    case 'path':
      return (node.steps ?? []).every(bounded);
    case 'binary':
      return OPERATORS.has(String(node.value)) && !Array.isArray(node.lhs) && bounded(node.lhs) && bounded(node.rhs);
    case 'unary':
      if (node.value === '-') return bounded(node.expression);
      if (node.value === '[') return (node.expressions ?? []).every(bounded);
      if (node.value === '{') return Array.isArray(node.lhs) && node.lhs.every((pair) => pair.every(bounded));
      return false;
    case 'condition':
      return bounded(node.condition) && bounded(node.then) && bounded(node.else);
    case 'block':
      return (node.expressions ?? []).every(bounded);
    default:
      return false;
  }
}

const CACHE_LIMIT = 5_000;
const known = new Map<string, boolean>();

/** Whether a JSONata expression is of the bounded kind (false when it does not parse: the sandbox says why). */
export function isBoundedExpression(source: string): boolean {
  let answer = known.get(source);
  if (answer !== undefined) return answer;
  try {
    // JSONata's typings describe fewer node kinds than its parser makes; Node names what is read.
    answer = bounded(jsonata(source).ast() as unknown as Node);
  } catch {
    answer = false;
  }
  if (known.size >= CACHE_LIMIT) known.clear();
  known.set(source, answer);
  return answer;
}

/** Whether every `{{ }}` of a template is a bounded expression. */
export function isBoundedTemplate(template: string): boolean {
  if (!template.includes('{{')) return true;
  return splitTemplate(template).every((p) => p.kind === 'text' || isBoundedExpression(p.source));
}

/** Whether every string in a step's params is a bounded template (conservative: skipped paths count too). */
export function isBoundedParams(value: unknown): boolean {
  if (typeof value === 'string') return isBoundedTemplate(value);
  if (Array.isArray(value)) return value.every(isBoundedParams);
  if (typeof value === 'object' && value !== null) return Object.values(value).every(isBoundedParams);
  return true;
}
