/** The document the editor saves, also while the schema still refuses it (a draft). */
import { compileGraph, FORMAT_VERSION, type CompileResult } from '@autonomic/workflow';
import type { FlowNode, Graph } from '../types';
import { toEditorGraph } from './convert';
import { canvasKindOf } from './ports';

function transitionsOf(graph: Graph, id: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of graph.edges) {
    if (e.source !== id) continue;
    const port = e.sourceHandle || 'out';
    (out[port] ??= []).push(e.target);
  }
  for (const targets of Object.values(out)) targets.sort();
  return out;
}

function bodyOf(graph: Graph, n: FlowNode): Record<string, unknown> {
  const { nodeType, label, params, retry, timeout } = n.data;
  return {
    type: nodeType,
    ...(label === undefined ? {} : { label }),
    params: params ?? {},
    transitions: transitionsOf(graph, n.id),
    ...(retry === undefined ? {} : { retry }),
    ...(timeout === undefined ? {} : { timeout }),
  };
}

/**
 * The document as written, for a graph the schema refuses: the server keeps such a draft
 * as long as it has a name and a trigger. Mirrors `compileGraph`'s layout of the document.
 */
export function draftDocument(graph: Graph): Record<string, unknown> | undefined {
  const wired = graph.nodes.filter((n) => n.type !== 'note');
  const [trigger] = wired
    .filter((n) => canvasKindOf(n.data.nodeType) === 'trigger')
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  if (!trigger) return undefined;
  const { label, params, inputSchema } = trigger.data;
  return {
    formatVersion: FORMAT_VERSION,
    metadata: graph.metadata,
    trigger: {
      id: trigger.id,
      type: trigger.data.nodeType,
      ...(label === undefined ? {} : { label }),
      params: params ?? {},
      ...(inputSchema === undefined ? {} : { inputSchema }),
      transitions: transitionsOf(graph, trigger.id),
    },
    steps: Object.fromEntries(wired.filter((n) => n !== trigger).map((n) => [n.id, bodyOf(graph, n)])),
    vars: graph.vars,
    tests: graph.tests,
    ...(graph.onFailure ? { onFailure: graph.onFailure } : {}),
    ui: {
      positions: Object.fromEntries(wired.map((n) => [n.id, { x: n.position.x, y: n.position.y }])),
      notes: graph.nodes
        .filter((n) => n.type === 'note')
        .map((n) => ({ id: n.id, x: n.position.x, y: n.position.y, text: n.data.text ?? '' })),
    },
  };
}

export interface SavePayload {
  /** What to POST; missing when the graph cannot be saved at all (no trigger). */
  document?: Record<string, unknown>;
  compiled: CompileResult;
}

/** The document to save: the compiled one when the schema accepts it, else the draft as written. */
export function documentForSave(graph: Graph): SavePayload {
  const compiled = compileGraph(toEditorGraph(graph));
  const document = compiled.document ?? draftDocument(graph);
  return document ? { document, compiled } : { compiled };
}
