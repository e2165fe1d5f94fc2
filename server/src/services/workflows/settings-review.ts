/**
 * Loosening safety is reviewed (issue 14 §6). Of a settings request, what tightens (a
 * lower limit, a limit where there was none, the kill switch on) applies at once; what
 * loosens (a higher limit, lifting a limit, the kill switch or auto-rollback off) is filed as a pending
 * change, not in force, until a reviewer or admin other than the requester approves it.
 * Every step is audited.
 */
import type { Actor, KillSwitchStatus, SafetySettings, SettingsChange, SettingsDecisionBody } from '@autonomic/api';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import { AppError, ConflictError, ForbiddenError, NotFoundError } from '../../errors';
import { transaction, type Db } from '../../store/db';
import {
  closeSettingsChange,
  insertSettingsChange,
  listSettingsChanges,
  lockSettingsChange,
  type SettingsChangeRow,
} from '../../store/settings-changes';
import { findLastKillSwitchChange } from '../../store/trigger-status';
import { updateWorkflowSettings, type WorkflowRow, type WorkflowSettings } from '../../store/workflows';
import { recordAudit } from '../audit';
import { isReviewerRole } from './access';
import { workflowOrThrow } from './lookup';

const LIMITS = ['maxDestructivePerRun', 'maxDestructivePerHour'] as const;
type LimitKey = (typeof LIMITS)[number];
/** autoRollback may be left out (it defaults to on). */
type Before = Pick<WorkflowRow, 'killSwitch' | LimitKey> & Partial<Pick<WorkflowRow, 'autoRollback'>>;

/** Whether `to` allows more than `from` (null: no limit, the loosest). */
const raises = (from: number | null, to: number | null): boolean =>
  to === null ? from !== null : from !== null && to > from;

/**
 * Splits a request into what applies now and what waits for review.
 * @example splitSettings({ killSwitch: true, maxDestructivePerRun: 3, … }, { killSwitch: false, maxDestructivePerRun: 1 })
 *   // → { now: { maxDestructivePerRun: 1 }, later: { killSwitch: false } }
 */
export function splitSettings(
  before: Before,
  changes: WorkflowSettings,
): { now: WorkflowSettings; later: SafetySettings } {
  const now: WorkflowSettings = {};
  const later: SafetySettings = {};
  if (changes.manualBaselineMinutes !== undefined) now.manualBaselineMinutes = changes.manualBaselineMinutes;
  if (changes.killSwitch !== undefined) {
    if (before.killSwitch && !changes.killSwitch) later.killSwitch = false;
    else now.killSwitch = changes.killSwitch;
  }
  // Rollback by policy off loosens (a bad version then stays published); on applies at once.
  if (changes.autoRollback !== undefined) {
    if (before.autoRollback !== false && !changes.autoRollback) later.autoRollback = false;
    else now.autoRollback = changes.autoRollback;
  }
  for (const k of LIMITS) {
    const to = changes[k];
    if (to === undefined) continue;
    if (raises(before[k], to)) later[k] = to;
    else now[k] = to;
  }
  return { now, later };
}

/** The settings a change names, as they are on `w`. */
export function settingsOf(w: Before, keys: SafetySettings): SafetySettings {
  const out: SafetySettings = {};
  if (keys.killSwitch !== undefined) out.killSwitch = w.killSwitch;
  if (keys.autoRollback !== undefined) out.autoRollback = w.autoRollback !== false;
  for (const k of LIMITS) if (keys[k] !== undefined) out[k] = w[k];
  return out;
}

/** Files the loosening part of a request (in the caller's transaction), audited. */
export async function fileSettingsChange(
  tx: Db,
  actor: Actor,
  workflow: WorkflowRow,
  later: SafetySettings,
  reason: string,
): Promise<SettingsChangeRow> {
  const before = settingsOf(workflow, later);
  const { row, superseded } = await insertSettingsChange(tx, {
    workflowId: workflow.id,
    changes: later,
    before,
    reason,
    requestedById: actor.userId,
  });
  await recordAudit(tx, {
    actor,
    action: 'workflow.settings_change_requested',
    targetType: 'workflow',
    targetId: workflow.id,
    details: { changeId: row.id, before, after: later, reason, ...(superseded.length ? { superseded } : {}) },
  });
  return row;
}

const mayDecide = (actor: Actor, c: SettingsChangeRow) =>
  c.status === 'pending' && isReviewerRole(actor.role) && actor.userId !== c.requestedBy.id;

function view(c: SettingsChangeRow, actor: Actor): SettingsChange {
  return {
    id: c.id,
    workflowId: c.workflowId,
    status: c.status,
    changes: c.changes,
    before: c.before,
    reason: c.reason,
    requestedBy: c.requestedBy,
    requestedAt: c.requestedAt.toISOString(),
    decidedBy: c.decidedBy,
    decidedAt: c.decidedAt ? c.decidedAt.toISOString() : null,
    comment: c.comment,
    youMayDecide: mayDecide(actor, c),
  };
}

export function createSettingsReviewService(ctx: AppContext) {
  const { prisma } = ctx;

  async function list(actor: Actor, ref: string): Promise<SettingsChange[]> {
    const w = await workflowOrThrow(prisma, ref);
    return (await listSettingsChanges(prisma, w.id)).map((c) => view(c, actor));
  }

  /** Approve: the change's values are written to the workflow, in force from now. Reject: nothing changes. */
  async function decide(
    actor: Actor,
    ref: string,
    changeId: string,
    body: SettingsDecisionBody,
  ): Promise<SettingsChange> {
    const decided = await transaction(prisma, async (tx) => {
      const w = await workflowOrThrow(tx, ref);
      const c = await lockSettingsChange(tx, changeId);
      if (!c || c.workflowId !== w.id) throw new NotFoundError(`settings change ${changeId}`);
      if (c.status !== 'pending') throw new ConflictError(`the change is ${c.status}`, 'change_closed');
      if (actor.userId === c.requestedBy.id) {
        throw new AppError(403, 'own_settings_change', 'you asked for this change: another reviewer or admin decides');
      }
      if (!isReviewerRole(actor.role))
        throw new ForbiddenError('only a reviewer or an admin decides a settings change');
      const at = new Date(ctx.clock.now());
      const comment = body.comment ?? null;
      const closed = await closeSettingsChange(tx, c.id, {
        status: body.decision,
        decidedById: actor.userId,
        decidedAt: at,
        comment,
      });
      const target = { targetType: 'workflow', targetId: w.id } as const;
      const details = { changeId: c.id, requestedBy: c.requestedBy.username, ...(comment ? { comment } : {}) };
      if (body.decision === 'rejected') {
        await recordAudit(tx, { actor, action: 'workflow.settings_change_rejected', ...target, details });
        return closed;
      }
      const before = settingsOf(w, c.changes);
      await updateWorkflowSettings(tx, w.id, c.changes);
      await recordAudit(tx, {
        actor,
        action: 'workflow.settings_change_approved',
        ...target,
        details: { ...details, before, after: c.changes },
      });
      if (c.changes.killSwitch === false && w.killSwitch) {
        await recordAudit(tx, {
          actor,
          action: 'workflow.kill_switch_released',
          ...target,
          details: { killSwitch: false, changeId: c.id },
        });
      }
      return closed;
    });
    return view(decided, actor);
  }

  /** The kill switch now and who last turned it on or off, when and why (from the audit log). */
  async function killSwitch(ref: string): Promise<z.input<typeof KillSwitchStatus>> {
    const w = await workflowOrThrow(prisma, ref);
    return { on: w.killSwitch, lastChange: await findLastKillSwitchChange(prisma, w.id) };
  }

  return { list, decide, killSwitch };
}

export type SettingsReviewService = ReturnType<typeof createSettingsReviewService>;
