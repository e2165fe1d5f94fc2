import { stepError, type EffectRequest, type EffectsPort, type StepError } from '../engine';
import type { AppContext } from '../context';
import { findEffectPolicy, recentDestructiveActions, type EffectPolicyRow } from '../store/effect-budget';

const HOUR_MS = 3_600_000;

export interface EffectGuardOptions {
  /** How long a read of the kill switch and limits is reused. @default 1000 */
  policyTtlMs?: number;
}

/**
 * The kill switch and the per-hour blast radius, in front of a workflow's live effects.
 * Shared by all workflows of a process: it keeps the policy reads (≤ `policyTtlMs` old)
 * and the destructive actions it let through in the last hour, so that two runs in this
 * process cannot both take the last unit of budget. Across processes the database count
 * is the bound; two processes deciding in the same instant may each let one through.
 */
export function createEffectGuard(ctx: AppContext, options: EffectGuardOptions = {}) {
  const ttl = options.policyTtlMs ?? 1_000;
  const policies = new Map<string, { at: number; value: Promise<EffectPolicyRow | undefined> }>();
  const granted = new Map<string, Map<string, number>>();
  const queues = new Map<string, Promise<unknown>>();

  function policy(workflowId: string): Promise<EffectPolicyRow | undefined> {
    const now = ctx.clock.now();
    const hit = policies.get(workflowId);
    if (hit && now - hit.at < ttl) return hit.value;
    const value = findEffectPolicy(ctx.prisma, workflowId);
    policies.set(workflowId, { at: now, value });
    value.catch(() => policies.delete(workflowId));
    return value;
  }

  /** Runs `work` after the previous claim of this workflow finished. */
  function serial<T>(workflowId: string, work: () => Promise<T>): Promise<T> {
    const prev = queues.get(workflowId) ?? Promise.resolve();
    const next = prev.then(work, work);
    const tail = next.catch(() => undefined);
    queues.set(workflowId, tail);
    void tail.then(() => queues.get(workflowId) === tail && queues.delete(workflowId));
    return next;
  }

  async function claim(workflowId: string, req: EffectRequest, limit: number): Promise<string | undefined> {
    return serial(workflowId, async () => {
      const now = ctx.clock.now();
      const mine = granted.get(workflowId) ?? new Map<string, number>();
      granted.set(workflowId, mine);
      for (const [k, at] of mine) if (now - at >= HOUR_MS) mine.delete(k);
      const key = `${req.runId} ${req.stepKey}`;
      if (mine.has(key)) return undefined; // a retry of an action already counted
      const since = new Date(now - HOUR_MS);
      const stored = await recentDestructiveActions(ctx.prisma, workflowId, since, req, limit + mine.size);
      const seen = new Set([...stored, ...mine.keys()]);
      seen.delete(key);
      if (seen.size >= limit) return `blast radius: ${seen.size} destructive actions in the last hour, limit ${limit}`;
      mine.set(key, now);
      return undefined;
    });
  }

  async function refusal(workflowId: string, req: EffectRequest): Promise<StepError | undefined> {
    const p = await policy(workflowId);
    if (!p) return stepError('internal', `workflow ${workflowId} not found`, { retryable: false });
    if (p.killSwitch) return stepError('safety', 'refused: kill switch is on', { retryable: false });
    if (req.effect === 'destructive' && p.maxDestructivePerHour !== null) {
      const why = await claim(workflowId, req, p.maxDestructivePerHour);
      if (why) return stepError('safety', `refused: ${why}`, { retryable: false });
    }
    return undefined;
  }

  return {
    /** Wraps a workflow's effects port. */
    wrap(workflowId: string, inner: EffectsPort): EffectsPort {
      return {
        async perform(req) {
          const error = await refusal(workflowId, req);
          return error ? { ok: false, error } : inner.perform(req);
        },
      };
    },
    /** Forgets a cached policy (call after the kill switch or limits change in this process). */
    invalidate(workflowId: string) {
      policies.delete(workflowId);
    },
  };
}

export type EffectGuard = ReturnType<typeof createEffectGuard>;
