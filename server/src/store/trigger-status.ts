/** Read-only rows for a workflow's settings page: its published trigger, last schedule tick, last kill-switch change. */
import { Prisma, type PrismaClient } from '../generated/prisma/client';

export interface PublishedTriggerRow {
  /** null when nothing is published. */
  type: string | null;
  /** `document.trigger.params` (unchecked JSON). */
  params: unknown;
  /** `document.trigger.inputSchema` (unchecked JSON Schema). */
  inputSchema: unknown;
}

/** The published version's trigger; undefined when there is no such workflow. */
export async function findPublishedTrigger(
  prisma: PrismaClient,
  workflowId: string,
): Promise<PublishedTriggerRow | undefined> {
  const rows = await prisma.$queryRaw<{ type: string | null; params: unknown; input_schema: unknown }[]>(Prisma.sql`
    SELECT v.document->'trigger'->>'type' AS type, v.document->'trigger'->'params' AS params,
           v.document->'trigger'->'inputSchema' AS input_schema
    FROM workflows w LEFT JOIN workflow_versions v ON v.id = w.published_version_id
    WHERE w.id = ${workflowId}::uuid`);
  const row = rows[0];
  return row ? { type: row.type, params: row.params, inputSchema: row.input_schema } : undefined;
}

/** The latest recorded schedule tick of a workflow and the run it started. */
export async function findLastTick(
  prisma: PrismaClient,
  workflowId: string,
): Promise<{ at: Date; runId: string | null } | null> {
  const row = await prisma.scheduleTick.findFirst({
    where: { workflowId },
    orderBy: { tickAt: 'desc' },
    select: { tickAt: true, runId: true },
  });
  return row ? { at: row.tickAt, runId: row.runId } : null;
}

export interface KillSwitchChangeRow {
  on: boolean;
  by: string | null;
  at: Date;
  reason: string | null;
}

/**
 * The last `workflow.kill_switch_engaged` / `_released` audit line of a workflow, with the
 * actor's username (as the line names it: `user:<id>:<username>`) and the reason (its own, or that of the settings change it approved).
 */
export async function findLastKillSwitchChange(
  prisma: PrismaClient,
  workflowId: string,
): Promise<KillSwitchChangeRow | null> {
  const rows = await prisma.$queryRaw<
    { action: string; created_at: Date; username: string | null; reason: string | null; change_reason: string | null }[]
  >(Prisma.sql`
    SELECT a.action, a.created_at,
           CASE WHEN a.actor LIKE 'user:%' OR a.actor LIKE 'token:%' THEN NULLIF(split_part(a.actor, ':', 3), '') END
             AS username,
           a.details->>'reason' AS reason, c.reason AS change_reason
    FROM audit_events a
    LEFT JOIN workflow_settings_changes c ON c.id::text = a.details->>'changeId'
    WHERE a.target_type = 'workflow' AND a.target_id = ${workflowId}
      AND a.action IN ('workflow.kill_switch_engaged', 'workflow.kill_switch_released')
    ORDER BY a.created_at DESC, a.id DESC LIMIT 1`);
  const row = rows[0];
  if (!row) return null;
  const reason = row.reason?.trim() || row.change_reason?.trim() || null;
  return { on: row.action === 'workflow.kill_switch_engaged', by: row.username, at: row.created_at, reason };
}
