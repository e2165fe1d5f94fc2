/**
 * People's votes on approval tasks, as the approval service records them: one at a time
 * per task (the row is locked while a vote is checked and written), and taken back when
 * the run refused it.
 */
import { findApprovalTask, type ApprovalRow } from './approvals';
import type { Db } from './db';

/** The task, its row locked until the caller's transaction ends; null when there is none. */
export async function lockApprovalTask(db: Db, taskId: string): Promise<ApprovalRow | null> {
  await db.$queryRaw`SELECT 1 FROM approval_tasks WHERE task_id = ${taskId} FOR UPDATE`;
  return findApprovalTask(db, taskId);
}

/** Takes a user's vote off a task (the others keep their order). */
export async function removeApprovalVote(db: Db, taskId: string, userId: string): Promise<void> {
  await db.$executeRaw`UPDATE approval_tasks SET decisions = (
      SELECT coalesce(jsonb_agg(e.v ORDER BY e.n), '[]'::jsonb)
      FROM jsonb_array_elements(decisions) WITH ORDINALITY AS e(v, n)
      WHERE e.v->>'userId' IS DISTINCT FROM ${userId})
    WHERE task_id = ${taskId}`;
}
