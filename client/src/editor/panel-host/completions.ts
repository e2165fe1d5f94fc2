/** What an expression in a node may read: the event, upstream steps' outputs (and errors), vars. */
import { nodeDefinition } from '@autonomic/workflow';
import { actionOf, EMPTY_CATALOG, type ConnectorCatalog } from '../connectors/catalog';
import type { CompletionItem } from '../contracts';
import { isRecord } from '../graph/json';
import { upstreamOf } from '../graph/upstream';
import type { Graph } from '../types';

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** A JSONata path segment: names that are not identifiers go in backticks. */
const seg = (key: string) => (IDENT.test(key) ? key : `\`${key.replace(/`/g, '')}\``);
const MAX_DEPTH = 4;
const isScalar = (v: unknown): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v);

/** `event.*` paths from the trigger's JSON Schema (object properties, nested). */
export function schemaPaths(root: string, schema: unknown, depth = 0): CompletionItem[] {
  if (!isRecord(schema) || depth > MAX_DEPTH) return [];
  const props = isRecord(schema['properties']) ? schema['properties'] : {};
  return Object.entries(props).flatMap(([key, sub]) => {
    const path = `${root}.${seg(key)}`;
    const detail = isRecord(sub)
      ? [sub['type'], sub['description']].filter((x) => typeof x === 'string').join(' — ')
      : '';
    const values = isRecord(sub) && Array.isArray(sub['enum']) ? sub['enum'].filter(isScalar) : [];
    return [
      { path, ...(detail ? { detail } : {}), ...(values.length > 0 ? { values } : {}) },
      ...schemaPaths(path, sub, depth + 1),
    ];
  });
}

/** Top-level keys of an example value, for `steps.<id>.output.*`. */
function examplePaths(root: string, example: unknown): CompletionItem[] {
  return isRecord(example)
    ? Object.keys(example).map((k) => ({ path: `${root}.${seg(k)}`, detail: 'example output' }))
    : [];
}

/** Whether `nodeId` can be reached from the `error` port of `stepId` (a failure of it leads there). */
function afterErrorPort(edges: Graph['edges'], stepId: string, nodeId: string): boolean {
  const seen = new Set<string>();
  const todo = edges.filter((e) => e.source === stepId && e.sourceHandle === 'error').map((e) => e.target);
  for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
    if (id === nodeId) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of edges) if (e.source === id) todo.push(e.target);
  }
  return false;
}

const ERROR_FIELDS: readonly CompletionItem[] = [
  { path: 'kind', detail: 'error kind, e.g. http_4xx, timeout' },
  { path: 'message', detail: 'what went wrong' },
  { path: 'status', detail: 'HTTP status, when an HTTP answer failed it' },
];

/**
 * Completions for the node `nodeId`: `event` and its fields, `steps.<id>.output` of every
 * step that can run before it (graph reachability), `steps.<id>.error.*` of the steps whose
 * error port leads to it (the engine sets it there), `vars.*`, `item`/`index` inside a
 * for-each, `loop.round` in a repeat-until loop (its condition and body), and `failure.*` on the failure
 * handler's path. A connector step's output paths come from its pinned action's response schema.
 */
export function completionsFor(
  graph: Graph,
  nodeId: string,
  connectors: ConnectorCatalog = EMPTY_CATALOG,
): CompletionItem[] {
  const trigger = graph.nodes.find((n) => n.type === 'trigger');
  const items: CompletionItem[] = [{ path: 'event', detail: 'the event that started the run' }];
  items.push(...schemaPaths('event', trigger?.data.inputSchema));
  const upstream = upstreamOf(graph.edges, nodeId);
  const steps = graph.nodes.filter((n) => n.type === 'step' && upstream.has(n.id));
  for (const s of [...steps].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const def = nodeDefinition(s.data.nodeType);
    const root = `steps.${s.id}.output`;
    items.push({ path: root, detail: `output of ${s.data.label || def?.label || s.id}` });
    // A connector step's output is its action's answer: the response schema says its fields.
    const pinned = s.data.nodeType === 'connector' ? actionOf(connectors, s.data.params) : undefined;
    if (pinned) items.push(...schemaPaths(root, pinned.action.response));
    else items.push(...examplePaths(root, def?.exampleOutput));
    if (afterErrorPort(graph.edges, s.id, nodeId)) {
      const error = `steps.${s.id}.error`;
      items.push({ path: error, detail: `why ${s.data.label || def?.label || s.id} failed (its error path)` });
      items.push(...ERROR_FIELDS.map((f) => ({ path: `${error}.${f.path}`, detail: f.detail })));
    }
  }
  if (steps.some((s) => s.data.nodeType === 'foreach')) {
    items.push({ path: 'item', detail: 'the current for-each element' }, { path: 'index', detail: 'its position' });
  }
  const self = graph.nodes.find((n) => n.id === nodeId);
  // In a loop's body: the loop comes before the node and the node leads back to the loop.
  const inBody = (loopId: string) => upstreamOf(graph.edges, loopId).has(nodeId);
  if (self?.data.nodeType === 'loop' || steps.some((s) => s.data.nodeType === 'loop' && inBody(s.id))) {
    items.push({ path: 'loop.round', detail: 'the round of the repeat-until loop, from 1' });
  }
  const handler = graph.onFailure?.continueAt;
  if (handler !== undefined && (handler === nodeId || upstream.has(handler))) {
    items.push(
      { path: 'failure.step', detail: 'the step whose failure nothing handled' },
      { path: 'failure.error.kind', detail: 'what kind of failure (timeout, http_4xx …)' },
      { path: 'failure.error.message', detail: 'what went wrong, in words' },
      { path: 'failure.error.status', detail: 'the HTTP status, when the failure was an HTTP answer' },
    );
  }
  for (const key of Object.keys(graph.vars).sort())
    items.push({ path: `vars.${seg(key)}`, detail: 'workflow constant' });
  return items;
}
