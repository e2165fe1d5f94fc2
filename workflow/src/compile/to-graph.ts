import type { WorkflowDocument } from '../document';
import { NOTE_TYPE, type EditorEdge, type EditorGraph, type EditorNode } from './types';

const ORIGIN = { x: 0, y: 0 };

function edgesOf(from: string, transitions: Record<string, string[]>): EditorEdge[] {
  return Object.keys(transitions)
    .sort()
    .flatMap((port) =>
      (transitions[port] ?? []).map((to) => ({
        id: `${from}:${port}->${to}`,
        source: from,
        target: to,
        sourceHandle: port,
      })),
    );
}

/**
 * The editor graph of a saved document, to open a version on the canvas: the inverse
 * of `compileGraph`. A node without a saved position is put at the origin.
 */
export function documentToGraph(doc: WorkflowDocument): EditorGraph {
  const position = (id: string) => ({ ...(doc.ui.positions[id] ?? ORIGIN) });
  const { trigger } = doc;
  const triggerNode: EditorNode = {
    id: trigger.id,
    type: trigger.type,
    position: position(trigger.id),
    data: { nodeType: trigger.type, label: trigger.label, params: trigger.params, inputSchema: trigger.inputSchema },
  };
  const stepNodes = Object.entries(doc.steps).map(([id, step]): EditorNode => ({
    id,
    type: step.type,
    position: position(id),
    data: {
      nodeType: step.type,
      label: step.label,
      params: step.params,
      ...(step.retry === undefined ? {} : { retry: step.retry }),
      ...(step.timeout === undefined ? {} : { timeout: step.timeout }),
    },
  }));
  const noteNodes = doc.ui.notes.map((note): EditorNode => ({
    id: note.id,
    type: NOTE_TYPE,
    position: { x: note.x, y: note.y },
    ...(note.width === undefined ? {} : { width: note.width }),
    ...(note.height === undefined ? {} : { height: note.height }),
    data: { nodeType: NOTE_TYPE, text: note.text },
  }));
  return {
    nodes: [triggerNode, ...stepNodes, ...noteNodes],
    edges: [
      ...edgesOf(trigger.id, trigger.transitions),
      ...Object.entries(doc.steps).flatMap(([id, step]) => edgesOf(id, step.transitions)),
    ],
    metadata: doc.metadata,
    vars: doc.vars,
    tests: doc.tests,
    ...(doc.onFailure === undefined ? {} : { onFailure: { ...doc.onFailure } }),
  };
}
