import { z } from 'zod';
import {
  buildGraph,
  durationMs,
  isLoopBackEdge,
  nodeDefinition,
  RetryPolicy,
  type NodeDefinition,
  type WorkflowDocument,
  type WorkflowGraph,
} from '@autonomic/workflow';
import { stepError, StepFailure } from './errors';

/** A step as the engine runs it: its definition, wiring and policies resolved once. */
export interface PreparedStep {
  id: string;
  type: string;
  def: NodeDefinition;
  /** As written; handlers parse them with their typed definition (see `paramReader`). */
  rawParams: unknown;
  transitions: Record<string, string[]>;
  retry: RetryPolicy;
  timeoutMs?: number;
  /** Param paths holding expressions: evaluated by the step handler, never template-rendered. */
  expressionPaths: ReadonlySet<string>;
  hasErrorPort: boolean;
}

/** A document prepared for running: built once per document object and reused. */
export interface Program {
  doc: WorkflowDocument;
  graph: WorkflowGraph;
  steps: Map<string, PreparedStep>;
  /** Steps the trigger starts. */
  entry: string[];
  /** Steps reachable from a step along forward edges (its for-each body included). */
  reach(stepId: string): ReadonlySet<string>;
  isLoopBack(from: string, to: string): boolean;
}

const NO_RETRY: RetryPolicy = RetryPolicy.parse({});
const programs = new WeakMap<WorkflowDocument, Program>();
const pathsByType = new Map<string, ReadonlySet<string>>();

export function programOf(doc: WorkflowDocument): Program {
  let p = programs.get(doc);
  if (!p) {
    p = prepare(doc);
    programs.set(doc, p);
  }
  return p;
}

function prepare(doc: WorkflowDocument): Program {
  const graph = buildGraph(doc);
  const steps = new Map<string, PreparedStep>();
  for (const [id, step] of Object.entries(doc.steps)) {
    const def = nodeDefinition(step.type);
    if (!def) throw new Error(`unknown step type "${step.type}" at ${id}`);
    const prepared: PreparedStep = {
      id,
      type: step.type,
      def,
      rawParams: step.params,
      transitions: step.transitions,
      retry: step.retry ?? NO_RETRY,
      expressionPaths: expressionPathsOf(def),
      hasErrorPort: (step.transitions.error?.length ?? 0) > 0,
    };
    if (step.timeout !== undefined) prepared.timeoutMs = durationMs(step.timeout);
    steps.set(id, prepared);
  }
  const reachCache = new Map<string, ReadonlySet<string>>();
  const isLoopBack = (from: string, to: string) => isLoopBackEdge(graph, { from, to, port: '' });
  const reach = (start: string): ReadonlySet<string> => {
    let seen = reachCache.get(start);
    if (seen) return seen;
    const found = new Set<string>();
    const stack = [start];
    for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
      for (const e of graph.out.get(id) ?? []) {
        if (found.has(e.to) || isLoopBack(e.from, e.to)) continue;
        found.add(e.to);
        stack.push(e.to);
      }
    }
    seen = found;
    reachCache.set(start, seen);
    return seen;
  };
  return { doc, graph, steps, entry: doc.trigger.transitions.out ?? [], reach, isLoopBack };
}

/** Paths of the params whose JSON Schema says `widget: 'expression'`. */
export function expressionPathsOf(def: NodeDefinition): ReadonlySet<string> {
  let paths = pathsByType.get(def.type);
  if (!paths) {
    const found = new Set<string>();
    walk(z.toJSONSchema(def.params, { io: 'input', unrepresentable: 'any' }), '', found);
    paths = found;
    pathsByType.set(def.type, paths);
  }
  return paths;
}

function walk(schema: unknown, path: string, found: Set<string>): void {
  if (typeof schema !== 'object' || schema === null) return;
  const s: Record<string, unknown> = { ...schema };
  if (s.widget === 'expression') {
    found.add(path);
    return;
  }
  const join = (k: string) => (path === '' ? k : `${path}.${k}`);
  if (typeof s.properties === 'object' && s.properties !== null) {
    for (const [k, v] of Object.entries(s.properties)) walk(v, join(k), found);
  }
  walk(s.additionalProperties, join('*'), found);
  walk(s.items, `${path}[]`, found);
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const list = s[key];
    if (Array.isArray(list)) for (const v of list) walk(v, path, found);
  }
}

/**
 * A typed, cached reader of a step's params for one node type: parses them with the
 * catalogue schema (defaults filled in) the first time, then answers from the cache.
 */
export function paramReader<S extends z.ZodType>(schema: S): (step: PreparedStep) => z.output<S> {
  const cache = new WeakMap<PreparedStep, z.output<S>>();
  return (step) => {
    let p = cache.get(step);
    if (p === undefined) {
      const parsed = schema.safeParse(step.rawParams);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.join('.') ?? '';
        throw new StepFailure(
          stepError('validation', `invalid params${where ? ` at ${where}` : ''}: ${issue?.message}`),
        );
      }
      p = parsed.data;
      cache.set(step, p);
    }
    return p;
  };
}
