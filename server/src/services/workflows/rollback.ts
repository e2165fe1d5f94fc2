/**
 * Rollback by policy (issue 15 §3): when a newly published version burns its SLO error
 * budget fast — over its live runs that finished in the first `windowMinutes` after it was
 * published, at least `minRuns` of them, a burn rate (slo.ts `overBudget`, the SLO's
 * objective and latency) of `burnRate` or more — the version published before it is
 * published again, the on-call is told, and it is audited as `workflow.rolled_back` by
 * `system:rollback-policy`. With no earlier version to go back to, only the telling and an
 * audit line (`workflow.rollback_not_possible`).
 *
 * Checked when a live run of the workflow finishes here (`onRun`, coalesced per workflow;
 * one indexed read when nothing is due, none for QUIET_MS after a workflow was found not watched) and by a sweep every `sweepMs`. Race-safe: the
 * workflow row is locked as publish locks it, and the pointer and the verdict are read
 * again under the lock, so two processes checking at once roll back once.
 *
 * Rules: a version gets at most one verdict (an admin who publishes it again after a
 * rollback has decided, and it is not rolled back again); a version published to replace a
 * newer one (a rollback, by hand or by this policy) is never rolled back by it; the
 * workflow's `autoRollback` off (a loosening change, reviewed) turns the policy off.
 */
import type { AppContext } from '../../context';
import type { Config } from '../../config';
import { transaction } from '../../store/db';
import { findSlo } from '../../store/dashboard-slos';
import {
  burnCounts,
  rollbackCandidate,
  recentlyPublished,
  recordVerdict,
  markPublished,
  type RollbackCandidate,
  type RollbackVerdict,
} from '../../store/rollback';
import { findVersionById, setVersionStatus } from '../../store/versions';
import { findWorkflow, lockWorkflow, setPublishedVersion } from '../../store/workflows';
import { recordAudit } from '../audit';
import { DEFAULT_SLO, overBudget } from '../dashboard/slo';
import { ROLLBACK_ACTOR, type RollbackNotifier } from './rollback-notify';

/** The thresholds (AUTO_ROLLBACK_* in the configuration). */
export interface RollbackPolicy {
  /** @default 14 */
  burnRate: number;
  /** @default 60 */
  windowMinutes: number;
  /** @default 5 (MIN_BURN_RUNS of the SLO) */
  minRuns: number;
}

export function rollbackPolicyOf(config: Config): RollbackPolicy {
  return {
    burnRate: config.AUTO_ROLLBACK_BURN_RATE,
    windowMinutes: config.AUTO_ROLLBACK_WINDOW_MINUTES,
    minRuns: config.AUTO_ROLLBACK_MIN_RUNS,
  };
}

/** Why a check did nothing. */
export type RollbackSkip =
  | 'not_published'
  | 'off'
  | 'decided'
  | 'not_watched'
  | 'outside_window'
  | 'replaces_newer'
  | 'too_few_runs'
  | 'below_threshold'
  | 'moved';

export type RollbackOutcome = { kind: 'skipped'; reason: RollbackSkip } | { kind: 'decided'; verdict: RollbackVerdict };

export interface RollbackDeps {
  policy: RollbackPolicy;
  notifier?: RollbackNotifier;
  /** After a rollback committed: drop what depends on the published version (webhooks, schedules). */
  onRolledBack?: (workflowId: string) => Promise<void> | void;
  /** @default 60000 */
  sweepMs?: number;
}

/** The part of a run event the policy reads (executor/events.ts `RunEvent`). */
export interface FinishedRun {
  workflowId?: string | undefined;
  status: string;
  local: boolean;
}

const PUBLISHABLE = new Set(['approved', 'retired']);
const MINUTE = 60_000;
/**
 * After a check finds a workflow not watched (policy off, version decided or out of its
 * window, nothing published), its run ends skip the check for this long: a busy workflow
 * then costs one read per QUIET_MS instead of one per run. A version published meanwhile is
 * checked at the first run end after that, or by the sweep.
 */
export const QUIET_MS = 10_000;
const QUIET_REASONS: ReadonlySet<RollbackSkip> = new Set([
  'not_published',
  'off',
  'decided',
  'not_watched',
  'outside_window',
]);

export function createRollbackService(ctx: AppContext, deps: RollbackDeps) {
  const { prisma } = ctx;
  const { policy } = deps;
  const pending = new Map<string, Promise<void>>();
  /** Workflow → until when its run ends skip the check (see QUIET_MS). */
  const quietUntil = new Map<string, number>();
  const again = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<unknown> | undefined;

  /** Whether the candidate is watched now; the reason when not. */
  function watched(c: RollbackCandidate | null, now: number): RollbackSkip | undefined {
    if (!c) return 'not_published';
    if (!c.autoRollback) return 'off';
    if (c.decided) return 'decided';
    if (!c.publishedAt) return 'not_watched';
    if (now > c.publishedAt.getTime() + policy.windowMinutes * MINUTE) return 'outside_window';
    return undefined;
  }

  async function check(workflowId: string): Promise<RollbackOutcome> {
    const now = ctx.clock.now();
    const c = await rollbackCandidate(prisma, workflowId);
    const skip = watched(c, now);
    if (skip || !c?.publishedAt) {
      const reason = skip ?? 'not_watched';
      if (QUIET_REASONS.has(reason)) {
        if (quietUntil.size >= 10_000) quietUntil.clear();
        quietUntil.set(workflowId, now + QUIET_MS);
      }
      return { kind: 'skipped', reason };
    }
    const previous = c.previousVersionId ? await findVersionById(prisma, c.previousVersionId) : null;
    if (previous && previous.number > c.number) return { kind: 'skipped', reason: 'replaces_newer' };
    const slo = (await findSlo(prisma, workflowId)) ?? DEFAULT_SLO;
    const from = c.publishedAt;
    const counts = await burnCounts(prisma, {
      versionId: c.versionId,
      from,
      to: new Date(Math.min(now, from.getTime() + policy.windowMinutes * MINUTE)),
      latencySeconds: slo.latencySeconds,
    });
    if (counts.total < policy.minRuns) return { kind: 'skipped', reason: 'too_few_runs' };
    const burnRate = overBudget(counts.total, counts.good, slo.objectivePercent);
    if (burnRate < policy.burnRate) return { kind: 'skipped', reason: 'below_threshold' };

    const decided = await transaction(prisma, async (tx) => {
      await lockWorkflow(tx, workflowId);
      // Read again under the lock: another process (or a person) may have moved the pointer.
      const locked = await rollbackCandidate(tx, workflowId);
      if (locked?.versionId !== c.versionId) return { kind: 'skipped', reason: 'moved' } as const;
      if (locked.decided) return { kind: 'skipped', reason: 'decided' } as const;
      const target = previous && PUBLISHABLE.has(previous.status) ? previous : null;
      const at = new Date(now);
      const verdict: RollbackVerdict = {
        outcome: target ? 'rolled_back' : 'no_previous',
        at: at.toISOString(),
        fromNumber: c.number,
        toNumber: target?.number ?? null,
        burnRate,
        runs: counts.total,
        failures: counts.failed,
        windowMinutes: policy.windowMinutes,
      };
      await recordVerdict(tx, c.versionId, verdict);
      if (target) {
        // As publish does: the pointer, both statuses and the audit line commit together. The
        // restored version records that it replaced a newer one, so it is never rolled back by policy.
        await setVersionStatus(tx, c.versionId, 'retired');
        await setPublishedVersion(tx, workflowId, target.id);
        await setVersionStatus(tx, target.id, 'published');
        await markPublished(tx, target.id, at, c.versionId);
      }
      await recordAudit(tx, {
        actor: ROLLBACK_ACTOR,
        action: target ? 'workflow.rolled_back' : 'workflow.rollback_not_possible',
        targetType: 'workflow',
        targetId: workflowId,
        beforeHash: c.contentHash,
        afterHash: target?.contentHash ?? c.contentHash,
        details: {
          fromVersion: c.number,
          toVersion: target?.number ?? null,
          ...(target ? {} : { reason: 'no previous approved version to publish again' }),
          burnRate,
          runs: counts.total,
          failures: counts.failed,
          good: counts.good,
          window: { from: from.toISOString(), to: at.toISOString(), minutes: policy.windowMinutes },
          slo: { objectivePercent: slo.objectivePercent, latencySeconds: slo.latencySeconds },
          policy: { ...policy },
        },
      });
      return { kind: 'decided', verdict } as const;
    });
    if (decided.kind === 'decided') await after(workflowId, c, decided.verdict);
    return decided;
  }

  async function after(workflowId: string, c: RollbackCandidate, verdict: RollbackVerdict): Promise<void> {
    if (verdict.outcome === 'rolled_back') await deps.onRolledBack?.(workflowId);
    const w = await findWorkflow(prisma, workflowId);
    if (!w || !deps.notifier) return;
    await deps.notifier.notify({
      workflow: { id: w.id, name: w.name, slug: w.slug },
      outcome: verdict.outcome,
      versionId: c.versionId,
      fromNumber: verdict.fromNumber,
      toNumber: verdict.toNumber,
      burnRate: verdict.burnRate,
      runs: verdict.runs,
      failures: verdict.failures,
      windowMinutes: verdict.windowMinutes,
      threshold: policy.burnRate,
    });
  }

  /** Checks a workflow, one check at a time per workflow; a request during a check runs once more after it. */
  function schedule(workflowId: string): Promise<void> {
    const running = pending.get(workflowId);
    if (running) {
      again.add(workflowId);
      return running;
    }
    const p = check(workflowId)
      .then(() => undefined)
      .catch((err: unknown) => ctx.log.warn({ err, workflowId }, 'rollback policy: the check failed'))
      .finally(() => {
        pending.delete(workflowId);
        if (again.delete(workflowId)) void schedule(workflowId);
      });
    pending.set(workflowId, p);
    return p;
  }

  /** Every workflow whose published version is still in its window. */
  async function sweep(): Promise<number> {
    const since = new Date(ctx.clock.now() - policy.windowMinutes * MINUTE);
    const ids = await recentlyPublished(prisma, since);
    await Promise.all(ids.map(schedule));
    return ids.length;
  }

  /** Resolves when no check is running (tests, shutdown). */
  async function settled(): Promise<void> {
    while (pending.size > 0 || sweeping) await Promise.all([...pending.values(), sweeping]);
  }

  return {
    check,
    sweep,
    /** The executor's run listener: a live run of this process ended. */
    onRun(e: FinishedRun): void {
      if (!e.local || !e.workflowId || (e.status !== 'succeeded' && e.status !== 'failed')) return;
      if ((quietUntil.get(e.workflowId) ?? 0) > ctx.clock.now()) return;
      void schedule(e.workflowId);
    },
    settled,
    start(): void {
      timer ??= setInterval(() => {
        sweeping ??= sweep()
          .catch((err: unknown) => ctx.log.warn({ err }, 'rollback policy: the sweep failed'))
          .finally(() => (sweeping = undefined));
      }, deps.sweepMs ?? MINUTE).unref();
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      timer = undefined;
      await settled();
    },
  };
}

export type RollbackService = ReturnType<typeof createRollbackService>;
