/**
 * The editor's graph in the shapes @xyflow/react holds. `data` carries the node's logic
 * only (never callbacks): the canvas reads behaviour from the store, not from nodes.
 */
import type { Edge, Node } from '@xyflow/react';
import type { EditorGraph, MetadataInput, OnFailure } from '@autonomic/workflow';

/** The canvas component of a node: a trigger, a step, or a sticky note. */
export type CanvasKind = 'step' | 'trigger' | 'note';

export type NodeData = {
  /** A catalogue type (`http`, `trigger.webhook` …) or `note`. */
  nodeType: string;
  label?: string;
  params?: Record<string, unknown>;
  /** A RetryPolicy as written (validated by the compiler). */
  retry?: Record<string, unknown>;
  timeout?: string;
  /** Triggers only: JSON Schema of the event. */
  inputSchema?: Record<string, unknown>;
  /** Notes only. */
  text?: string;
};

export type FlowNode = Node<NodeData, CanvasKind>;
export type FlowEdge = Edge;

/** Everything a command reads and writes: the document's content plus positions. */
export interface Graph {
  nodes: FlowNode[];
  edges: FlowEdge[];
  metadata: MetadataInput;
  vars: Record<string, unknown>;
  tests: NonNullable<EditorGraph['tests']>;
  /** The workflow's exception handler (`null`: an unhandled failure fails the run). */
  onFailure?: OnFailure | null;
}

/**
 * A pure editor command: the next graph, or the same object when nothing changes (then
 * no history entry is written).
 */
export type Command<A> = (graph: Graph, args: A) => Graph;

export interface XY {
  x: number;
  y: number;
}

/** Default size of a node before the canvas has measured it (layout, centring, paste). */
export const NODE_SIZE = { width: 216, height: 96 } as const;
