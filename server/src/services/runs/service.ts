/**
 * Runs as a use-case: the list (everyone signed in sees every run: SOC transparency, a
 * shift hands over with the whole picture), one run with its trace, cancelling, and
 * starting the published version by hand.
 */
import type { AppContext } from '../../context';
import type { Executor } from '../../executor';
import type { RunMode, RunStatus } from '../../store/enums';
import type { Actor, CancelledRun, RerunBody, RunDetail, RunPage } from '@autonomic/api';
import { AppError, NotFoundError } from '../../errors';
import { approvalTasksOfRuns } from '../../store/approvals';
import { isUuid } from '../../store/runs-ids';
import { findRunDetail, findRunHead, listRuns } from '../../store/runs-query';
import { findReruns } from '../../store/runs-rerun';
import { prismaSql } from '../../store/runs-sql';
import { recordAudit } from '../audit';
import { decodeCursor, encodeCursor } from './cursor';
import { cancelRefusal, type Refusal, youMay } from './permissions';
import { rerunRun } from './rerun';
import type { RunStarterService } from './starter';
import { runDetailView, runListView } from './views';

export interface RunListQuery {
  workflowId?: string;
  status?: RunStatus;
  mode?: RunMode;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
}

export interface RunService {
  list(q: RunListQuery): Promise<RunPage>;
  /** One run with its trace, and what `actor` may do to it. */
  get(id: string, actor: Actor): Promise<RunDetail>;
  cancel(actor: Actor, id: string, reason?: string): Promise<CancelledRun>;
  /** A new run of the failed run's version with its event, from the start or from its failed step. */
  rerun(actor: Actor, id: string, from: RerunBody['from']): Promise<{ runId: string }>;
  startManual(actor: Actor, workflowRef: string, event: unknown): Promise<{ runId: string }>;
}

const refuse = (r: Refusal | null): void => {
  if (r) throw new AppError(r.status, r.code, r.message);
};

export function createRunService(
  ctx: AppContext,
  deps: { executor: Executor; starter: RunStarterService },
): RunService {
  const { executor, starter } = deps;
  const sql = prismaSql(ctx.prisma);
  return {
    async list(q) {
      const rows = await listRuns(ctx.prisma, {
        ...(q.workflowId ? { workflowId: q.workflowId } : {}),
        ...(q.status ? { status: q.status } : {}),
        ...(q.mode ? { mode: q.mode } : {}),
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
        ...(q.cursor ? { after: decodeCursor(q.cursor) } : {}),
        limit: q.limit + 1,
      });
      const page = rows.slice(0, q.limit);
      const last = page[page.length - 1];
      const nextCursor = rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null;
      return { runs: page.map(runListView), nextCursor };
    },

    async get(id, actor) {
      const run = isUuid(id) ? await findRunDetail(ctx.prisma, id) : null;
      if (!run) throw new NotFoundError(`run ${id}`);
      // A sub-workflow's approvals are part of what the run waits for: show them here too.
      const [tasks, reruns] = await Promise.all([
        approvalTasksOfRuns(ctx.prisma, [id, ...run.subRuns.map((c) => c.id)]),
        findReruns(sql, id),
      ]);
      return runDetailView(run, tasks, reruns, youMay(actor, run));
    },

    async cancel(actor, id, reason) {
      const head = isUuid(id) ? await findRunHead(ctx.prisma, id) : null;
      if (!head) throw new NotFoundError(`run ${id}`);
      refuse(cancelRefusal(actor, head));
      const summary = await executor.cancel(head.engineId, reason ?? `cancelled by ${actor.username}`);
      await recordAudit(ctx.prisma, {
        actor,
        action: 'run.cancelled',
        targetType: 'run',
        targetId: id,
        details: { workflowId: head.workflowId, from: head.status, to: summary.status, ...(reason ? { reason } : {}) },
      });
      return { id, status: summary.status };
    },

    rerun: (actor, id, from) => rerunRun(ctx, executor, actor, id, from),

    async startManual(actor, workflowRef, event) {
      const { runId } = await starter.startLiveAt(
        { workflowId: workflowRef, event, trigger: 'manual', actor },
        'body.event',
      );
      await recordAudit(ctx.prisma, {
        actor,
        action: 'run.started',
        targetType: 'run',
        targetId: runId,
        details: { workflow: workflowRef, trigger: 'manual' },
      });
      return { runId };
    },
  };
}
