/**
 * Run-time approvals: the tasks people may decide, and deciding one. A decision goes to
 * the engine first (which refuses a closed task or a second vote), then is recorded on
 * the task and in the audit log (`approval.decided`, `breakGlass` when decided at a
 * break-glass level).
 */
import type { AppContext } from '../../context';
import { EngineError } from '../../engine';
import type { Executor } from '../../executor';
import { transaction } from '../../store/db';
import type { ApprovalStatus } from '../../store/enums';
import type { Actor, ApprovalTask, DecisionBody, DecisionResult } from '@autonomic/api';
import { AppError, ConflictError, NotFoundError } from '../../errors';
import {
  appendApprovalVote,
  findApprovalTask,
  listApprovalTasks,
  type ApprovalRow,
  type ApprovalVote,
} from '../../store/approvals';
import { recordAudit } from '../audit';
import { involves, standingOf } from './access';
import { approvalView } from './views';

export type DecisionInput = DecisionBody;

export interface ApprovalService {
  /** Pending: the tasks the caller may decide now (admins: all). Other statuses: tasks naming the caller. */
  list(actor: Actor, filter: { status: ApprovalStatus; limit: number }): Promise<ApprovalTask[]>;
  get(actor: Actor, ref: string): Promise<ApprovalTask>;
  decide(actor: Actor, ref: string, input: DecisionInput): Promise<DecisionResult>;
}

export interface ApprovalServiceOptions {
  /** How long a decision request waits for the run to move on before answering. @default 5000 */
  decisionWaitMs?: number;
}

export function createApprovalService(
  ctx: AppContext,
  executor: Executor,
  options: ApprovalServiceOptions = {},
): ApprovalService {
  const waitMs = options.decisionWaitMs ?? 5_000;

  const visible = (actor: Actor, t: ApprovalRow, status: ApprovalStatus): boolean => {
    if (actor.role === 'admin') return true;
    if (status === 'pending') return standingOf(actor, t.spec, t.escalationLevel).ok;
    return involves(actor, t.spec);
  };

  async function load(ref: string): Promise<ApprovalRow> {
    const t = await findApprovalTask(ctx.prisma, ref);
    if (!t) throw new NotFoundError(`approval task ${ref}`);
    return t;
  }

  /** Hands the vote to the engine; answers once the run moved on or after `waitMs` (it goes on anyway). */
  async function vote(t: ApprovalRow, actor: Actor, input: DecisionInput, level: number) {
    const decision = {
      decision: input.decision,
      by: actor.username,
      level,
      ...(input.comment ? { comment: input.comment } : {}),
    };
    const driving = executor.decide(t.spec.runId, t.taskId, decision);
    driving.catch((err: unknown) => ctx.log.warn({ err, taskId: t.taskId }, 'approvals: run stopped after a decision'));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((r) => (timer = setTimeout(r, waitMs, undefined)));
    try {
      return await Promise.race([driving, late]);
    } catch (e) {
      if (e instanceof EngineError && e.code === 'not_found')
        throw new ConflictError('the task is no longer open', 'already_decided');
      if (e instanceof EngineError) throw new ConflictError(e.message, 'already_voted');
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async list(actor, filter) {
      const rows = await listApprovalTasks(ctx.prisma, { status: filter.status, limit: 1_000 });
      return rows
        .filter((t) => visible(actor, t, filter.status))
        .slice(0, filter.limit)
        .map((t) => approvalView(t, actor));
    },

    async get(actor, ref) {
      return approvalView(await load(ref), actor);
    },

    async decide(actor, ref, input) {
      const t = await load(ref);
      if (t.status !== 'pending') throw new ConflictError(`the task is ${t.status}`, 'already_decided');
      if (t.decisions.some((d) => d.userId === actor.userId)) {
        throw new ConflictError('you have already decided on this task', 'already_voted');
      }
      const standing = standingOf(actor, t.spec, t.escalationLevel);
      if (!standing.ok) {
        const message =
          standing.code === 'not_yet_escalated'
            ? 'you may decide only once the task has escalated to your level'
            : 'you are not an approver of this task';
        throw new AppError(403, standing.code, message);
      }
      const summary = await vote(t, actor, input, standing.level);
      const entry: ApprovalVote = {
        userId: actor.userId,
        username: actor.username,
        decision: input.decision,
        level: standing.level,
        breakGlass: standing.breakGlass,
        at: new Date(ctx.clock.now()).toISOString(),
        ...(input.comment ? { comment: input.comment } : {}),
      };
      await transaction(ctx.prisma, async (tx) => {
        await appendApprovalVote(tx, t.taskId, entry);
        await recordAudit(tx, {
          actor,
          action: 'approval.decided',
          targetType: 'approval_task',
          targetId: t.taskId,
          details: {
            runId: t.runId,
            stepKey: t.stepKey,
            decision: input.decision,
            level: standing.level,
            breakGlass: standing.breakGlass,
            ...(input.comment ? { comment: input.comment } : {}),
          },
        });
      });
      return { task: approvalView(await load(t.taskId), actor), run: { status: summary?.status ?? 'running' } };
    },
  };
}
