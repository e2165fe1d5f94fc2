import type { z } from 'zod';
import type { TestCaseInput } from '../cases/schema';
import type { Metadata, OnFailure, UiBlock } from '../document';

/** The `type` of a sticky note on the canvas: layout, not logic. */
export const NOTE_TYPE = 'note';

/** What the editor keeps in a node's `data`: the node's logic, apart from its layout. */
export interface EditorNodeData {
  /** A node type of the catalogue (`http`, `trigger.webhook`…), or `note`. */
  nodeType: string;
  label?: string;
  params?: unknown;
  retry?: unknown;
  timeout?: string;
  /** Triggers only. */
  inputSchema?: unknown;
  /** Notes only: the note's text. */
  text?: string;
}

/** A canvas node, shaped like an `@xyflow/react` node (not imported: workflow/ stays pure). */
export interface EditorNode {
  id: string;
  /** The canvas component; `note` for a sticky note. */
  type?: string;
  position: { x: number; y: number };
  width?: number;
  height?: number;
  data: EditorNodeData;
}

/** A canvas edge; `sourceHandle` is the output port (none means `out`). */
export interface EditorEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

export type MetadataInput = z.input<typeof Metadata>;

/** The editor's whole graph: what `compileGraph` turns into a workflow document. */
export interface EditorGraph {
  nodes: EditorNode[];
  edges: EditorEdge[];
  metadata: MetadataInput;
  vars?: Record<string, unknown>;
  tests?: TestCaseInput[];
  /** The workflow's exception handler (a document setting, not a node or an edge). */
  onFailure?: OnFailure;
  /** Notes kept outside the node list; notes drawn as nodes are added to them. */
  notes?: z.input<typeof UiBlock>['notes'];
}
