/**
 * Seams between the editor (canvas, store) and the features that draw on it (diff,
 * simulation trace, run overlay) or plug into it (the config forms).
 */
import type { EditorNode } from '@autonomic/workflow';

/** How a node is drawn on top of its normal look. */
export type NodeState =
  'added' | 'removed' | 'changed' | 'succeeded' | 'failed' | 'running' | 'waiting' | 'skipped' | 'refused';

export interface NodeDecoration {
  state: NodeState;
  /** Short text on the node, e.g. "2 attempts", "refused: protected asset". */
  note?: string;
}

/** A marker on a node drawn by the page (e.g. its comment count); a button when it has an action. */
export interface NodeMarker {
  /** The short visible text, e.g. "3". */
  text: string;
  /** The accessible name, e.g. "3 comments". */
  label: string;
  /** Drawn muted (e.g. every comment thread on the node is resolved). */
  muted?: boolean;
  /** What pressing it does (e.g. open the node's comment threads). */
  onActivate?(): void;
}

/**
 * An overlay the canvas draws over a graph: the visual diff (added green, removed red
 * ghosts, changed amber) or a run's trace (nodes coloured by outcome, path highlighted).
 */
export interface CanvasOverlay {
  nodes: Record<string, NodeDecoration>;
  /**
   * Edge ids (`${source}:${port}->${target}`) on the path taken, added/removed in a diff,
   * or that no test case went along (dimmed while test results are shown).
   */
  edges?: Record<string, 'taken' | 'added' | 'removed' | 'uncovered'>;
  /** Nodes that are not in the graph but drawn as ghosts (removed in a diff). */
  ghosts?: EditorNode[];
  /**
   * One path drawn on top of the rest (a safety policy's offending path): node ids in order,
   * `ports[i]` the port leaving `nodes[i]`. Its nodes and edges get the `policy-path` classes
   * and a `data-policy-path` attribute.
   */
  path?: { nodes: readonly string[]; ports: readonly string[] };
  /** Markers by node id, drawn in the node's head (the review page's comment counts). */
  markers?: Record<string, NodeMarker>;
}

/** Completion sources for expression fields: dotted paths with a short description. */
export interface CompletionItem {
  path: string;
  detail?: string;
  /** The values the field may take, when its schema lists them (`enum`): switch cases offer them. */
  values?: readonly (string | number | boolean)[];
}

/** Props of the generated params form (one per node type, from its JSON Schema). */
export interface ParamsFormProps {
  nodeType: string;
  value: Record<string, unknown>;
  onChange(value: Record<string, unknown>): void;
  /** Paths an expression in this node may use: `event.*`, upstream `steps.<id>.output.*`, `vars.*`. */
  completions: CompletionItem[];
  /** Problems of this node from the validator, to show next to their fields (`params.url`). */
  problems: { path: string; message: string }[];
  readOnly?: boolean;
}
