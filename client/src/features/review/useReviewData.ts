import type { EditorGraph } from '@autonomic/workflow';
import type { ReviewDetail, WorkflowDetail } from '@autonomic/api';
import { getVersion, getWorkflow } from '../versions/api';
import { EMPTY_GRAPH, graphOfDocument } from '../versions/graph';
import { useAsync } from '../versions/useAsync';
import { getReview } from './api';

export interface ReviewData {
  review: ReviewDetail;
  workflow: WorkflowDetail;
  /** The published version's graph the diff is against (empty for a first version). */
  fromGraph: EditorGraph;
  toGraph: EditorGraph;
}

async function graphOrThrow(workflowId: string, number: number): Promise<EditorGraph> {
  const g = graphOfDocument((await getVersion(workflowId, number)).document);
  if (!g) throw new Error(`version ${number} cannot be drawn: its document does not parse`);
  return g;
}

/** A review with what its page draws: the workflow, and the graphs of both sides of its diff. */
export async function loadReview(id: string): Promise<ReviewData> {
  const review = await getReview(id);
  const wid = review.workflow.id;
  const [workflow, toGraph, fromGraph] = await Promise.all([
    getWorkflow(wid),
    graphOrThrow(wid, review.version.number),
    review.against ? graphOrThrow(wid, review.against.number) : Promise.resolve(EMPTY_GRAPH),
  ]);
  return { review, workflow, fromGraph, toGraph };
}

export function useReviewData(id: string) {
  return useAsync(() => loadReview(id), id);
}
