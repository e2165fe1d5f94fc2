import { documentToGraph, validateDocument, type EditorGraph, type WorkflowDocument } from '@autonomic/workflow';

/** The graph of a stored document (migrated and parsed), or null when it does not parse. */
export function graphOfDocument(raw: unknown): EditorGraph | null {
  const doc = parsedOrNull(raw);
  return doc ? documentToGraph(doc) : null;
}

/** A stored document migrated and parsed; semantic problems do not stop it. */
export function parsedOrNull(raw: unknown): WorkflowDocument | null {
  return validateDocument(raw).document ?? null;
}

/** An empty graph: the "before" of a first version that has nothing published to compare with. */
export const EMPTY_GRAPH: EditorGraph = { nodes: [], edges: [], metadata: { name: '' } };
