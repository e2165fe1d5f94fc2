/**
 * An approval step that policy decided (every target it guards auto-OK) opens no task: its
 * audit line is the record that nobody was asked, and why. Written once per task id: the
 * engine may call again after a crash.
 */
import type { ApprovalTask, PolicyApproval } from '../engine';
import { recordAudit } from '../services/audit';
import { listAuditEvents } from '../store/audit';
import { transaction, type DbClient } from '../store/db';
import { dbRunId } from '../store/runs-ids';

export const POLICY_SKIP_ACTION = 'approval.skipped_by_policy';

export async function auditPolicySkip(prisma: DbClient, task: ApprovalTask, policy: PolicyApproval): Promise<void> {
  await transaction(prisma, async (tx) => {
    const where = { targetType: 'approval_task', targetId: task.id, action: POLICY_SKIP_ACTION } as const;
    if ((await listAuditEvents(tx, { ...where, limit: 1 })).length > 0) return;
    await recordAudit(tx, {
      actor: 'system:executor',
      ...where,
      details: {
        runId: dbRunId(task.runId),
        stepKey: task.stepKey,
        decision: 'approved',
        decidedBy: 'policy',
        guards: policy.guards.map((g) => ({
          stepId: g.stepId,
          effect: g.effect,
          target: g.target,
          entry: g.entry,
          ...(g.reason === undefined ? {} : { reason: g.reason }),
          ...(g.criticality === undefined ? {} : { criticality: g.criticality }),
        })),
      },
    });
  });
}
