import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WorkflowDocument } from '../../src/document';
import { parseWorkflowJson } from '../../src/load';
import { setPath } from './examples';

/**
 * The containment playbook as it was before the examples moved to vendor connectors (an
 * `http` enrichment read, an approval, a destructive `block-ip` and `notify` steps, format
 * 1), loaded the way the server loads it: migrated to the current format, so the block and
 * the notifications are `autonomic-gateway` connector steps. A frozen copy, so the
 * examples may change without moving these diff tests.
 */
export const BASE: WorkflowDocument = (() => {
  const text = readFileSync(fileURLToPath(new URL('./containment-legacy.json', import.meta.url)), 'utf8');
  const { document, problems } = parseWorkflowJson(text);
  if (!document) throw new Error(`containment-legacy.json does not load: ${JSON.stringify(problems)}`);
  return document;
})();

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
