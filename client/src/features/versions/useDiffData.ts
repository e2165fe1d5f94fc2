import type { WorkflowDiff } from '@autonomic/api';
import type { EditorGraph } from '@autonomic/workflow';
import { getDiff, getVersion } from './api';
import { graphOfDocument } from './graph';
import { useAsync } from './useAsync';

export interface DiffData {
  from: number;
  to: number;
  diff: WorkflowDiff;
  fromGraph: EditorGraph;
  toGraph: EditorGraph;
}

async function graphOf(workflowId: string, number: number): Promise<EditorGraph> {
  const v = await getVersion(workflowId, number);
  const g = graphOfDocument(v.document);
  if (!g) throw new Error(`version ${number} cannot be drawn: its document does not parse`);
  return g;
}

/** Loads the semantic diff of two versions and both graphs to draw it. */
export async function loadDiff(workflowId: string, from: number | 'published', to: number): Promise<DiffData> {
  const d = await getDiff(workflowId, from, to);
  // The server compares with an empty workflow when nothing is published: there is no version to draw.
  if (d.from.number === null) throw new Error('nothing is published yet: there is no version to compare with');
  const [fromGraph, toGraph] = await Promise.all([
    graphOf(workflowId, d.from.number),
    graphOf(workflowId, d.to.number),
  ]);
  return { from: d.from.number, to: d.to.number, diff: d.diff, fromGraph, toGraph };
}

export function useDiffData(workflowId: string, from: number | 'published' | null, to: number | null) {
  return useAsync<DiffData | null>(
    () => (from === null || to === null ? Promise.resolve(null) : loadDiff(workflowId, from, to)),
    `${workflowId}|${from}|${to}`,
  );
}
