/** Which workflows a person's dashboard shows, and the workflow list of its filter. */
import type { DashboardWorkflow } from '@autonomic/api';
import { Prisma } from '../generated/prisma/client';
import { workflowFilter, type Db } from './dashboard-sql';

/**
 * The workflows someone owns or reviews: owner, a requested reviewer of one of its
 * versions, or the author of a review decision on one.
 */
export async function ownedOrReviewedWorkflowIds(db: Db, userId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT w.id::text AS id FROM workflows w WHERE w.owner_id = ${userId}::uuid
    UNION
    SELECT v.workflow_id::text FROM reviews rv JOIN workflow_versions v ON v.id = rv.version_id
    WHERE ${userId}::uuid = ANY(rv.requested_reviewer_ids)
    UNION
    SELECT v.workflow_id::text FROM review_decisions d JOIN reviews rv ON rv.id = d.review_id
      JOIN workflow_versions v ON v.id = rv.version_id
    WHERE d.reviewer_id = ${userId}::uuid`);
  return rows.map((r) => r.id);
}

/** The workflows of a scope (null: all), by name. */
export async function listScopeWorkflows(db: Db, ids: readonly string[] | null): Promise<DashboardWorkflow[]> {
  return db.$queryRaw<DashboardWorkflow[]>(Prisma.sql`
    SELECT w.id::text AS id, w.slug, w.name, w.manual_baseline_minutes AS "manualBaselineMinutes",
      (w.published_version_id IS NOT NULL) AS published
    FROM workflows w WHERE ${workflowFilter({ workflowIds: ids }, Prisma.sql`w.id`)}
    ORDER BY w.name, w.id`);
}
