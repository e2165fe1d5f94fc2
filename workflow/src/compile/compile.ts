import { canonicalJson, hashOfCanonical } from '../canonical';
import { FORMAT_VERSION, Step, type WorkflowDocument } from '../document';
import { validateDocument } from '../load';
import { nodeDefinition } from '../nodes';
import { WORKFLOW_NODE, type Problem } from '../problem';
import { issuesToProblems } from '../validate/zod-issues';
import { NOTE_TYPE, type EditorEdge, type EditorGraph, type EditorNode } from './types';

export interface CompileResult {
  /** There whenever the schema accepts the result, even with semantic problems (a draft). */
  document?: WorkflowDocument;
  /** RFC 8785 JSON of the document's logic; what is stored and diffed. */
  canonical?: string;
  /** sha-256 of `canonical`; what an approval binds to. */
  hash?: string;
  problems: Problem[];
  /** Worth a second look, never blocking (`validateDocument`'s warnings); only with a document. */
  warnings?: Problem[];
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byId = (a: { id: string }, b: { id: string }) => compareIds(a.id, b.id);
const isNote = (n: EditorNode) => n.type === NOTE_TYPE || n.data.nodeType === NOTE_TYPE;
const isTrigger = (n: EditorNode) => nodeDefinition(n.data.nodeType)?.category === 'trigger';

type Transitions = Record<string, string[]>;

/** Edges grouped by source and port, ports and targets sorted: the drawing order is not logic. */
function transitionsOf(
  edges: readonly EditorEdge[],
  nodes: ReadonlyMap<string, EditorNode>,
  dropped: ReadonlySet<string>,
  problems: Problem[],
): Map<string, Transitions> {
  const grouped = new Map<string, Map<string, Set<string>>>();
  for (const edge of [...edges].sort(byId)) {
    if (dropped.has(edge.source) || dropped.has(edge.target)) continue; // reported with the extra trigger
    const port = edge.sourceHandle || 'out';
    if (!nodes.has(edge.source)) {
      const message = `edge "${edge.id}" comes from unknown node "${edge.source}"`;
      problems.push({ nodeId: WORKFLOW_NODE, path: '', message });
      continue;
    }
    if (!nodes.has(edge.target)) {
      const message = `edge "${edge.id}" leads to unknown node "${edge.target}"`;
      problems.push({ nodeId: edge.source, path: `transitions.${port}`, message });
      continue;
    }
    const ports = grouped.get(edge.source) ?? new Map<string, Set<string>>();
    const targets = ports.get(port) ?? new Set<string>();
    targets.add(edge.target);
    ports.set(port, targets);
    grouped.set(edge.source, ports);
  }
  const sorted = new Map<string, Transitions>();
  for (const [source, ports] of grouped) {
    const entries = [...ports].sort(([a], [b]) => compareIds(a, b));
    sorted.set(source, Object.fromEntries(entries.map(([port, targets]) => [port, [...targets].sort(compareIds)])));
  }
  return sorted;
}

/** What a trigger and a step share; fields the author left unset stay unset (defaults apply). */
function nodeBody(node: EditorNode, transitions: Transitions | undefined) {
  const { nodeType, label, params } = node.data;
  return {
    type: nodeType,
    ...(label === undefined ? {} : { label }),
    params: params ?? {},
    transitions: transitions ?? {},
  };
}

function stepBody(node: EditorNode, transitions: Transitions | undefined) {
  const { retry, timeout } = node.data;
  return {
    ...nodeBody(node, transitions),
    ...(retry === undefined ? {} : { retry }),
    ...(timeout === undefined ? {} : { timeout }),
  };
}

/** Without a trigger there is no document; the steps' own schema problems are still worth showing. */
function stepProblems(steps: ReadonlyArray<[string, unknown]>): Problem[] {
  const raw = { steps: Object.fromEntries(steps) };
  return steps.flatMap(([id, body]) => {
    const parsed = Step.safeParse(body);
    if (parsed.success) return [];
    return issuesToProblems(
      parsed.error.issues.map((i) => ({ ...i, path: ['steps', id, ...i.path] })),
      raw,
    );
  });
}

function notesOf(graph: EditorGraph, notes: readonly EditorNode[]) {
  return [
    ...(graph.notes ?? []),
    ...notes.map((n) => ({
      id: n.id,
      x: n.position.x,
      y: n.position.y,
      ...(n.width === undefined ? {} : { width: n.width }),
      ...(n.height === undefined ? {} : { height: n.height }),
      text: n.data.text ?? n.data.label ?? '',
    })),
  ];
}

function compile(graph: EditorGraph): CompileResult {
  const problems: Problem[] = [];
  const nodes = new Map<string, EditorNode>();
  for (const node of graph.nodes.filter((n) => !isNote(n)).sort(byId)) {
    if (nodes.has(node.id))
      problems.push({ nodeId: node.id, path: '', message: `two nodes share the id "${node.id}"` });
    else nodes.set(node.id, node);
  }
  // The first trigger by id is kept, so that the choice never depends on the drawing order.
  const [trigger, ...extra] = [...nodes.values()].filter(isTrigger);
  for (const t of extra) {
    const message = `a workflow has a single trigger ("${trigger?.id ?? ''}"); remove this one`;
    problems.push({ nodeId: t.id, path: '', message });
  }
  const steps = [...nodes.values()].filter((n) => !isTrigger(n));
  const transitions = transitionsOf(graph.edges, nodes, new Set(extra.map((t) => t.id)), problems);
  const stepEntries = steps.map((n): [string, unknown] => [n.id, stepBody(n, transitions.get(n.id))]);
  if (!trigger) {
    problems.push({ nodeId: WORKFLOW_NODE, path: '', message: 'a workflow needs a trigger' });
    return { problems: [...problems, ...stepProblems(stepEntries)] };
  }

  const { inputSchema } = trigger.data;
  const validated = validateDocument({
    formatVersion: FORMAT_VERSION,
    metadata: graph.metadata,
    trigger: {
      id: trigger.id,
      ...nodeBody(trigger, transitions.get(trigger.id)),
      ...(inputSchema === undefined ? {} : { inputSchema }),
    },
    steps: Object.fromEntries(stepEntries),
    vars: graph.vars ?? {},
    tests: graph.tests ?? [],
    ...(graph.onFailure === undefined ? {} : { onFailure: graph.onFailure }),
    ui: {
      positions: Object.fromEntries([trigger, ...steps].map((n) => [n.id, { x: n.position.x, y: n.position.y }])),
      notes: notesOf(graph, [...graph.nodes.filter(isNote)].sort(byId)),
    },
  });
  problems.push(...validated.problems);
  const { document } = validated;
  if (!document) return { problems };
  const canonical = canonicalJson(document);
  const out: CompileResult = { document, canonical, hash: hashOfCanonical(canonical), problems };
  if (validated.warnings) out.warnings = validated.warnings;
  return out;
}

/**
 * Compiles the editor's graph into a workflow document, then validates it. The result
 * depends on the graph's logic only: the same nodes and edges in any order and at any
 * position give byte-identical canonical JSON, hence the same hash. Never throws.
 *
 * @example
 * const { document, hash, problems } = compileGraph(store.getState().graph());
 */
export function compileGraph(graph: EditorGraph): CompileResult {
  try {
    return compile(graph);
  } catch (e) {
    const message = `the compiler failed: ${e instanceof Error ? e.message : String(e)}`;
    return { problems: [{ nodeId: WORKFLOW_NODE, path: '', message }] };
  }
}
