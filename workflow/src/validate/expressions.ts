import { parseExpression, splitTemplate, stepErrorReferences, stepReferences } from '../expression';
import { WORKFLOW_NODE, type Problem } from '../problem';
import { LIMITS } from './limits';
import type { ErrorPathTest, UpstreamTest } from './ancestors';
import { paramsJsonSchema, widgetFields } from './schema-walk';
import type { DocumentView, NodeView } from './view';

export interface Parsed {
  error?: { message: string; position?: number };
  refs: string[];
  /** Steps whose `.error` it reads (`steps.<id>.error…`); absent when none. */
  errorRefs?: string[];
}

const parsedCache = new Map<string, Parsed>();
const CACHE_SIZE = 10_000;

const SIMPLE_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const KEYWORDS = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function']);

/**
 * `event.host`, `steps.enrich.output.score`: the commonest expression (most `{{ }}` are
 * one) is a plain dotted path, always valid, and its reference is its second name.
 * JSONata takes ~50 µs to parse even that, a thousand-node graph has hundreds of them.
 */
export function parseSimplePath(source: string): Parsed | undefined {
  if (source.length > 512 || !SIMPLE_PATH.test(source)) return undefined;
  const names = source.split('.');
  if (names.some((n) => KEYWORDS.has(n))) return undefined;
  if (names[0] !== 'steps' || names[1] === undefined) return { refs: [] };
  return names[2] === 'error' ? { refs: [names[1]], errorRefs: [names[1]] } : { refs: [names[1]] };
}

/** How many more JSONata parses one validation may do, so that a hostile file cannot keep it busy. */
interface Budget {
  left: number;
  exhausted: boolean;
}

/**
 * Parses once per distinct source: the editor re-validates on every change, and most
 * expressions have not changed since the last time. `undefined` once the budget is spent.
 */
export function parse(source: string, budget?: Budget): Parsed | undefined {
  const hit = parsedCache.get(source) ?? parseSimplePath(source);
  if (hit) return hit;
  if (budget && budget.left <= 0) {
    budget.exhausted = true;
    return undefined;
  }
  if (budget) budget.left--;
  const r = parseExpression(source);
  const errorRefs = r.ok ? [...stepErrorReferences(r.ast)].sort() : [];
  const parsed: Parsed = r.ok
    ? { refs: [...stepReferences(r.ast)].sort(), ...(errorRefs.length > 0 ? { errorRefs } : {}) }
    : { error: { message: r.message, ...(r.position === undefined ? {} : { position: r.position }) }, refs: [] };
  if (parsedCache.size >= CACHE_SIZE) parsedCache.clear();
  parsedCache.set(source, parsed);
  return parsed;
}

const where = (position: number | undefined, offset: number) =>
  position === undefined ? '' : ` (at position ${position + offset})`;

/** The expressions of one field: the whole string, or each `{{ }}` of a template. */
function fieldProblems(
  node: NodeView,
  path: string,
  widget: string,
  source: string,
  budget: Budget,
): [Problem[], string[], string[]] {
  const problems: Problem[] = [];
  const refs: string[] = [];
  const errorRefs: string[] = [];
  const at = (message: string) => problems.push({ nodeId: node.id, path, message });
  if (widget === 'expression') {
    if (source.trim() === '') return [problems, refs, errorRefs]; // the schema says it is required, where it is
    const p = parse(source, budget);
    if (!p) return [problems, refs, errorRefs];
    if (p.error) at(`invalid expression: ${p.error.message}${where(p.error.position, 0)}`);
    refs.push(...p.refs);
    errorRefs.push(...(p.errorRefs ?? []));
    return [problems, refs, errorRefs];
  }
  for (const part of splitTemplate(source)) {
    if (part.kind === 'text') {
      if (part.text.includes('{{')) at('a "{{" without its closing "}}"');
      continue;
    }
    if (part.source === '') {
      at(`an empty {{ }} placeholder (at position ${part.offset})`);
      continue;
    }
    const p = parse(part.source, budget);
    if (!p) continue;
    let lead = 0; // splitTemplate trims the source; positions count from the template's start
    while (/\s/.test(source.charAt(part.offset + lead))) lead++;
    if (p.error) at(`invalid expression in {{ }}: ${p.error.message}${where(p.error.position, part.offset + lead)}`);
    refs.push(...p.refs);
    errorRefs.push(...(p.errorRefs ?? []));
  }
  return [problems, refs, errorRefs];
}

/**
 * Syntax of every expression and template field, and their `steps.<id>` references: a
 * step can only read the output of a step upstream of it. A step downstream, on another
 * parallel branch or missing has no output yet when the expression is evaluated. And
 * `steps.<id>.error` is set only when that step fails into its `error` port, so only
 * steps after that port may read it (`errorPath`).
 */
export function expressionProblems(
  view: DocumentView,
  upstream: UpstreamTest | undefined,
  maxParses: number = LIMITS.maxExpressions,
  errorPath?: ErrorPathTest,
): Problem[] {
  const problems: Problem[] = [];
  const budget: Budget = { left: maxParses, exhausted: false };
  const nodes = [...(view.trigger ? [view.trigger] : []), ...view.steps.values()];
  for (const node of nodes) {
    if (!node.def) continue;
    for (const field of widgetFields(paramsJsonSchema(node.def), node.params)) {
      if (field.widget !== 'expression' && field.widget !== 'template') continue;
      if (typeof field.value !== 'string' || field.value.length > (field.maxLength ?? Infinity)) continue;
      const path = ['params', ...field.path].join('.');
      const [found, refs, errorRefs] = fieldProblems(node, path, field.widget, field.value, budget);
      problems.push(...found);
      const misplaced = new Set<string>();
      for (const ref of new Set(refs)) {
        if (!view.steps.has(ref)) {
          problems.push({ nodeId: node.id, path, message: `references step ${ref} which does not exist` });
          misplaced.add(ref);
        } else if (upstream && !upstream(ref, node.id)) {
          problems.push({ nodeId: node.id, path, message: `references step ${ref} which is not upstream` });
          misplaced.add(ref);
        }
      }
      for (const ref of new Set(errorRefs)) {
        if (misplaced.has(ref) || !errorPath || errorPath(ref, node.id)) continue;
        const message = errorPath.connected(ref)
          ? `reads steps.${ref}.error outside ${ref}'s error path: it is set only on the steps after ${ref}'s error port`
          : `reads steps.${ref}.error, but ${ref}'s error port is not connected: the error is set only on the steps after it`;
        problems.push({ nodeId: node.id, path, message });
      }
    }
  }
  if (budget.exhausted) {
    const message = `more than ${maxParses} distinct expressions: the rest were not checked`;
    problems.push({ nodeId: WORKFLOW_NODE, path: '', message });
  }
  return problems;
}
