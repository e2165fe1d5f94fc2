import { UiBlock } from '@autonomic/workflow';
import { documentForSave, type Graph } from '../../editor';
import type { VersionSummary } from '@autonomic/api';
import { saveVersion } from '../versions/api';
import { createWorkflow, putLayout } from './api';
import { layoutKey } from './layout';

export type SaveOutcome =
  | { kind: 'created'; workflowId: string; version: VersionSummary }
  | { kind: 'saved'; version: VersionSummary }
  /** The content hash exists: no version was written; the layout was stored when it had moved. */
  | { kind: 'unchanged'; version: VersionSummary; layoutSaved: boolean };

export class CannotSave extends Error {}

/**
 * Saves the graph as a new version (or a new workflow). When the logic is identical to a
 * stored version but the layout moved, the layout is stored on its own.
 */
export async function saveGraph(input: {
  workflowId: string | null;
  graph: Graph;
  changeNote: string;
  /** `layoutKey` of the last loaded or saved document. */
  savedLayout: string;
}): Promise<SaveOutcome & { layout: string }> {
  const { document } = documentForSave(input.graph);
  if (!document) throw new CannotSave('Add a trigger first: a workflow starts from one.');
  const layout = layoutKey(input.graph);
  if (!input.workflowId) {
    const r = await createWorkflow(document, input.changeNote);
    return { kind: 'created', workflowId: r.workflow.id, version: r.version, layout };
  }
  const r = await saveVersion(input.workflowId, document, input.changeNote);
  if (r.created) return { kind: 'saved', version: r.version, layout };
  const moved = layout !== input.savedLayout;
  if (moved) await putLayout(input.workflowId, UiBlock.parse(document['ui']));
  return { kind: 'unchanged', version: r.version, layoutSaved: moved, layout };
}

/** What the header says after a save. */
export function describeOutcome(o: SaveOutcome): string {
  if (o.kind === 'unchanged')
    return `No changes (identical to v${o.version.number})${o.layoutSaved ? '; layout saved' : ''}`;
  return `Saved as v${o.version.number}`;
}
