/**
 * SLOs per workflow: read with their compliance and burn (scoped like every aggregate),
 * set and reset by managers and admins (the route admits only them; audited). The
 * Prometheus gauges read `all()`.
 */
import type { AppContext } from '../../context';
import type { Actor, SloBody, SloList, SloStatus } from '@autonomic/api';
import { NotFoundError } from '../../errors';
import { transaction } from '../../store/db';
import { deleteSlo, findSlo, sloCounts, upsertSlo, workflowExists } from '../../store/dashboard-slos';
import { recordAudit } from '../audit';
import { BURN_WINDOWS, DEFAULT_SLO, evaluateSlo } from './slo';

const BURN_HOURS = BURN_WINDOWS.map((w) => w.hours);

export function createSloService(ctx: AppContext, scopeIds: (actor: Actor) => Promise<string[] | null>) {
  const db = ctx.prisma;

  async function statuses(workflowIds: readonly string[] | null): Promise<SloStatus[]> {
    const now = new Date(ctx.clock.now());
    const counts = await sloCounts(db, { workflowIds, now, defaults: DEFAULT_SLO, burnHours: BURN_HOURS });
    return counts.map(evaluateSlo);
  }

  async function one(workflowId: string): Promise<SloStatus> {
    const [status] = await statuses([workflowId]);
    if (!status) throw new NotFoundError(`workflow ${workflowId}`);
    return status;
  }

  async function mustExist(workflowId: string): Promise<void> {
    if (!(await workflowExists(db, workflowId))) throw new NotFoundError(`workflow ${workflowId}`);
  }

  return {
    defaults: DEFAULT_SLO,

    /** Every workflow's SLO status, for the metrics endpoint (no scope). */
    all: () => statuses(null),

    async list(actor: Actor, workflowId?: string): Promise<SloList> {
      const ids = await scopeIds(actor);
      if (workflowId && ids && !ids.includes(workflowId)) {
        throw new NotFoundError(`workflow ${workflowId} on your dashboard`);
      }
      return { defaults: DEFAULT_SLO, slos: await statuses(workflowId ? [workflowId] : ids) };
    },

    async set(actor: Actor, workflowId: string, target: SloBody): Promise<SloStatus> {
      await mustExist(workflowId);
      await transaction(db, async (tx) => {
        const before = await findSlo(tx, workflowId);
        await upsertSlo(tx, workflowId, target, actor.userId);
        await recordAudit(tx, {
          actor,
          action: 'slo.set',
          targetType: 'workflow',
          targetId: workflowId,
          details: { before, after: target },
        });
      });
      return one(workflowId);
    },

    /** Back to the defaults; a no-op (not audited) when none was stored. */
    async reset(actor: Actor, workflowId: string): Promise<SloStatus> {
      await mustExist(workflowId);
      await transaction(db, async (tx) => {
        const before = await deleteSlo(tx, workflowId);
        if (!before) return;
        await recordAudit(tx, {
          actor,
          action: 'slo.reset',
          targetType: 'workflow',
          targetId: workflowId,
          details: { before, after: DEFAULT_SLO },
        });
      });
      return one(workflowId);
    },
  };
}

export type SloService = ReturnType<typeof createSloService>;
