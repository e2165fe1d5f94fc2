/**
 * Finds the document a sub-workflow step calls: the PUBLISHED version of the workflow
 * named by id or slug (live runs never run drafts). Documents come from the shared
 * RunDocuments cache, so the store can tell which version a child run's document is.
 */
import type { WorkflowResolver } from '../engine';
import type { RunDocuments } from '../store/runs-documents';
import type { Sql } from '../store/runs-sql';
import { findStartableWorkflow } from '../store/runs-workflows';

export function createPublishedResolver(sql: Sql, documents: RunDocuments): WorkflowResolver {
  return {
    async resolve(ref) {
      const w = await findStartableWorkflow(sql, ref, documents.cachedVersionIds());
      if (!w?.publishedVersionId) return undefined;
      return (
        documents.get(w.publishedVersionId) ??
        documents.add({ workflowId: w.id, versionId: w.publishedVersionId }, w.document)
      );
    },
  };
}
