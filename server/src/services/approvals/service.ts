/**
 * Run-time approvals: the tasks people may decide, and deciding one. A decision is
 * recorded first — the vote on the task row and its audit line (`approval.decided`,
 * `breakGlass` when decided at a break-glass level) in one transaction, under the row's
 * lock — and then handed to the engine. If the engine refuses it (the run moved on
 * meanwhile: a timeout, a cancellation), the vote is taken back off the row and that is
 * audited too (`approval.decision_refused`). If the process dies in between, the vote is
 * recorded and audited but the run never heard of it: `reconcile()` (at start and every
 * minute) hands such votes to their runs. So no vote ever counts without its audit line.
 */
import type { AppContext } from '../../context';
import { EngineError, type Decision } from '../../engine';
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
import { lockApprovalTask, removeApprovalVote } from '../../store/approval-votes';
import { recordAudit } from '../audit';
import { involves, standingOf, type Standing } from './access';
import { approvalContext } from './context';
import { approvalView } from './views';

export type DecisionInput = DecisionBody;

export interface ApprovalService {
  /** Pending: the tasks the caller may decide now (admins: all). Other statuses: tasks naming the caller. */
  list(actor: Actor, filter: { status: ApprovalStatus; limit: number }): Promise<ApprovalTask[]>;
  get(actor: Actor, ref: string): Promise<ApprovalTask>;
  decide(actor: Actor, ref: string, input: DecisionInput): Promise<DecisionResult>;
  /**
   * Hands the votes recorded on pending tasks to their runs, for a vote whose process died
   * before the engine had it; a run that already has a vote refuses it again, harmlessly.
   * @returns how many votes a run took now
   */
  reconcile(): Promise<number>;
  /** Reconciles now, then every `everyMs` (the timer does not hold the process open). */
  start(everyMs?: number): Promise<void>;
  stop(): void;
}

export interface ApprovalServiceOptions {
  /** How long a decision request waits for the run to move on before answering. @default 5000 */
  decisionWaitMs?: number;
  /**
   * Votes younger than this are left to the request that recorded them (it is handing them
   * over now, perhaps in another process); older ones are reconciled. @default 30000
   */
  reconcileAfterMs?: number;
}

type Granted = Extract<Standing, { ok: true }>;

/** Whether these votes already decide the task: one rejection, or `quorum` approvals (the engine's rule). */
const settled = (votes: readonly ApprovalVote[], quorum: number): boolean =>
  votes.some((v) => v.decision === 'rejected') || votes.filter((v) => v.decision === 'approved').length >= quorum;

const engineDecision = (v: ApprovalVote): Decision => ({
  decision: v.decision,
  by: v.username,
  level: v.level,
  ...(v.comment ? { comment: v.comment } : {}),
});

export function createApprovalService(
  ctx: AppContext,
  executor: Executor,
  options: ApprovalServiceOptions = {},
): ApprovalService {
  const waitMs = options.decisionWaitMs ?? 5_000;
  const reconcileAfterMs = options.reconcileAfterMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;

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

  /** Whether `actor` may vote on `t` as it stands; throws the refusal. */
  function mayVote(t: ApprovalRow, actor: Actor): Granted {
    if (t.status !== 'pending') throw new ConflictError(`the task is ${t.status}`, 'already_decided');
    if (t.decisions.some((d) => d.userId === actor.userId)) {
      throw new ConflictError('you have already decided on this task', 'already_voted');
    }
    if (settled(t.decisions, t.quorum)) throw new ConflictError('the task is already decided', 'already_decided');
    const standing = standingOf(actor, t.spec, t.escalationLevel);
    if (standing.ok) return standing;
    const message =
      standing.code === 'not_yet_escalated'
        ? 'you may decide only once the task has escalated to your level'
        : 'you are not an approver of this task';
    throw new AppError(403, standing.code, message);
  }

  /** The vote on the row and its audit line, in one transaction, checked again under the row's lock. */
  async function record(taskId: string, actor: Actor, input: DecisionInput): Promise<ApprovalVote> {
    return transaction(ctx.prisma, async (tx) => {
      const t = await lockApprovalTask(tx, taskId);
      if (!t) throw new NotFoundError(`approval task ${taskId}`);
      const standing = mayVote(t, actor);
      const entry: ApprovalVote = {
        userId: actor.userId,
        username: actor.username,
        decision: input.decision,
        level: standing.level,
        breakGlass: standing.breakGlass,
        at: new Date(ctx.clock.now()).toISOString(),
        ...(input.comment ? { comment: input.comment } : {}),
      };
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
      return entry;
    });
  }

  /** The run refused a recorded vote: off the row it goes, audited. */
  async function withdraw(t: ApprovalRow, actor: Actor, vote: ApprovalVote, why: string): Promise<void> {
    await transaction(ctx.prisma, async (tx) => {
      await removeApprovalVote(tx, t.taskId, actor.userId);
      await recordAudit(tx, {
        actor,
        action: 'approval.decision_refused',
        targetType: 'approval_task',
        targetId: t.taskId,
        details: { runId: t.runId, stepKey: t.stepKey, decision: vote.decision, reason: why },
      });
    });
  }

  /** Hands a vote to the engine; answers once the run moved on or after `waitMs` (it goes on anyway). */
  async function deliver(t: ApprovalRow, decision: Decision) {
    const driving = executor.decide(t.spec.runId, t.taskId, decision);
    driving.catch((err: unknown) => {
      if (!(err instanceof EngineError))
        ctx.log.warn({ err, taskId: t.taskId }, 'approvals: run stopped after a decision');
    });
    let wait: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((r) => (wait = setTimeout(r, waitMs, undefined)));
    try {
      return await Promise.race([driving, late]);
    } finally {
      clearTimeout(wait);
    }
  }

  /** The task as the caller sees it, with its context (left out, and logged, when it cannot be built). */
  async function withContext(t: ApprovalRow, actor: Actor): Promise<ApprovalTask> {
    const view = approvalView(t, actor);
    try {
      return { ...view, context: await approvalContext(ctx.prisma, t, { now: ctx.clock.now() }) };
    } catch (err) {
      ctx.log.warn({ err, taskId: t.taskId }, 'approvals: the task context could not be built');
      return view;
    }
  }

  async function reconcile(): Promise<number> {
    const before = ctx.clock.now() - reconcileAfterMs;
    const tasks = await listApprovalTasks(ctx.prisma, { status: 'pending', limit: 1_000 });
    let taken = 0;
    for (const t of tasks) {
      for (const v of t.decisions) {
        if (Date.parse(v.at) > before) continue;
        try {
          await deliver(t, engineDecision(v));
          taken++;
          ctx.log.info({ taskId: t.taskId, by: v.username }, 'approvals: a recorded vote was handed to its run');
        } catch (err) {
          // EngineError: the run has this vote already, or has moved on; either way nothing to do.
          if (!(err instanceof EngineError))
            ctx.log.warn({ err, taskId: t.taskId }, 'approvals: reconciling a vote failed');
        }
      }
    }
    return taken;
  }

  return {
    async list(actor, filter) {
      const rows = await listApprovalTasks(ctx.prisma, { status: filter.status, limit: 1_000 });
      const shown = rows.filter((t) => visible(actor, t, filter.status)).slice(0, filter.limit);
      return Promise.all(shown.map((t) => withContext(t, actor)));
    },

    async get(actor, ref) {
      return withContext(await load(ref), actor);
    },

    async decide(actor, ref, input) {
      const t = await load(ref);
      mayVote(t, actor); // refuses at once, without taking the row's lock
      // Recorded and audited first: the engine never holds a vote the audit log lacks.
      const vote = await record(t.taskId, actor, input);
      let summary;
      try {
        summary = await deliver(t, engineDecision(vote));
      } catch (e) {
        if (!(e instanceof EngineError)) throw e; // recorded; `reconcile` hands it over
        await withdraw(t, actor, vote, e.message);
        if (e.code === 'not_found') throw new ConflictError('the task is no longer open', 'already_decided');
        throw new ConflictError(e.message, 'already_voted');
      }
      return { task: approvalView(await load(t.taskId), actor), run: { status: summary?.status ?? 'running' } };
    },

    reconcile,

    async start(everyMs = 60_000) {
      await reconcile();
      timer ??= setInterval(() => {
        reconcile().catch((err: unknown) => ctx.log.warn({ err }, 'approvals: reconciling votes failed'));
      }, everyMs).unref();
    },

    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
