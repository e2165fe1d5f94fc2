/**
 * Runs as a use-case: the list (everyone signed in sees every run: SOC transparency, a
 * shift hands over with the whole picture), one run with its trace, cancelling, and
 * starting the published version by hand.
 */
import type { AppContext } from '../../context';
import type { Executor } from '../../executor';
import type { RunMode, RunStatus } from '../../store/enums';
import type { Actor, CancelledRun, RunDetail, RunPage } from '@autonomic/api';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors';
import { approvalTasksOfRuns } from '../../store/approvals';
import { isUuid } from '../../store/runs-ids';
import { findRunDetail, findRunHead, listRuns } from '../../store/runs-query';
import { recordAudit } from '../audit';
import { decodeCursor, encodeCursor } from './cursor';
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
  get(id: string): Promise<RunDetail>;
  cancel(actor: Actor, id: string, reason?: string): Promise<CancelledRun>;
  startManual(actor: Actor, workflowRef: string, event: unknown): Promise<{ runId: string }>;
}

const ENDED = new Set(['succeeded', 'failed', 'cancelled']);

export function createRunService(
  ctx: AppContext,
  deps: { executor: Executor; starter: RunStarterService },
): RunService {
  const { executor, starter } = deps;
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

    async get(id) {
      const run = isUuid(id) ? await findRunDetail(ctx.prisma, id) : null;
      if (!run) throw new NotFoundError(`run ${id}`);
      // A sub-workflow's approvals are part of what the run waits for: show them here too.
      const tasks = await approvalTasksOfRuns(ctx.prisma, [id, ...run.subRuns.map((c) => c.id)]);
      return runDetailView(run, tasks);
    },

    async cancel(actor, id, reason) {
      const head = isUuid(id) ? await findRunHead(ctx.prisma, id) : null;
      if (!head) throw new NotFoundError(`run ${id}`);
      if (actor.role === 'analyst' && head.createdById !== actor.userId) {
        throw new ForbiddenError('analysts may cancel only the runs they started');
      }
      if (ENDED.has(head.status)) throw new ConflictError(`the run has already ${head.status}`, 'already_ended');
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
