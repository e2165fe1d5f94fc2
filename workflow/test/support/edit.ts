import { WorkflowDocument } from '../../src/document';
import { loadExample, setPath } from './examples';

/** The containment playbook: it has an enrichment read, an approval and a destructive block. */
export const BASE = loadExample('malicious-ip-containment');

/**
 * A re-parsed copy of `doc` after `change`, so both sides of a diff are parsed
 * documents the way the server hands them over.
 */
export function edit(doc: WorkflowDocument, change: (d: WorkflowDocument) => void): WorkflowDocument {
  const copy = structuredClone(doc);
  change(copy);
  return WorkflowDocument.parse(copy);
}

/** The params of a step, writable (a test may reach into the untyped params). */
export function params(d: WorkflowDocument, id: string): Record<string, unknown> {
  return d.steps[id]?.params as Record<string, unknown>;
}

/** Edits by dotted paths: `{ 'steps.block_ip.params.reason': 'x' }`; `undefined` deletes. */
export function editPaths(doc: WorkflowDocument, paths: Record<string, unknown>): WorkflowDocument {
  return edit(doc, (d) => {
    for (const [path, value] of Object.entries(paths)) setPath(d, path, value);
  });
}
