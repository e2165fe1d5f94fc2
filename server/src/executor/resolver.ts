/**
 * Published workflows as runs see them: what a new live run starts from (`findStartable`),
 * and the document a sub-workflow step calls (`createPublishedResolver`: live runs never run
 * drafts). Documents come from the shared RunDocuments cache, parsed once per version, so
 * the store can tell which version a run's document is.
 */
import type { WorkflowDocument } from '@autonomic/workflow';
import type { WorkflowResolver } from '../engine';
import type { RunDocuments } from '../store/runs-documents';
import type { Sql } from '../store/runs-sql';
import { findStartableWorkflow } from '../store/runs-workflows';

/** A workflow by id or slug, with what starting a run of it needs. */
export interface StartableWorkflow {
  id: string;
  killSwitch: boolean;
  /** Null when nothing is published. */
  published: { versionId: string; document: WorkflowDocument } | null;
}

export async function findStartable(
  sql: Sql,
  documents: RunDocuments,
  ref: string,
): Promise<StartableWorkflow | undefined> {
  const w = await findStartableWorkflow(sql, ref, documents.cachedVersionIds());
  if (!w) return undefined;
  const versionId = w.publishedVersionId;
  const published = versionId
    ? { versionId, document: documents.get(versionId) ?? documents.add({ workflowId: w.id, versionId }, w.document) }
    : null;
  return { id: w.id, killSwitch: w.killSwitch, published };
}

export function createPublishedResolver(sql: Sql, documents: RunDocuments): WorkflowResolver {
  return {
    async resolve(ref) {
      return (await findStartable(sql, documents, ref))?.published?.document;
    },
  };
}
