/**
 * One phase of the scale-out benchmark: runs recorded by this process as an API-only server
 * records them (the run row INSERTed unleased, work announced by NOTIFY; no executor here),
 * then read back from the runs table: how many ended, over what span, how long each waited
 * to be claimed (`started_at − created_at`: claimed, loaded, its first step begun).
 */
import { WorkflowDocument } from '@autonomic/workflow';
import type { AppContext } from '../../src/context';
import { createExecutor } from '../../src/executor';
import { createRunStarter } from '../../src/services/runs';

/** trigger → call0 → call1 → … each an `http` POST to the mock (a write: it carries an Idempotency-Key). */
export function callsDoc(steps: number, mockUrl: string): WorkflowDocument {
  const all: Record<string, unknown> = {};
  for (let i = 0; i < steps; i++) {
    all[`call${i}`] = {
      type: 'http',
      params: { method: 'POST', url: `${mockUrl}/effect`, body: '{"n": 1}' },
      transitions: i + 1 < steps ? { out: [`call${i + 1}`] } : {},
    };
  }
  return WorkflowDocument.parse({
    formatVersion: 3,
    metadata: { name: 'scale-out' },
    trigger: { id: 'alert', type: 'trigger.webhook', params: {}, transitions: { out: ['call0'] } },
    steps: all,
  });
}

/** Records runs as an API-only process does (its executor never started: it claims nothing). */
export function createRecorder(ctx: AppContext, url: string) {
  const executor = createExecutor(ctx, {
    effects: { forWorkflow: () => ({ perform: async () => ({ ok: true, output: {} }) }) },
    safety: {
      port: () => ({ check: async () => ({ decision: 'allow' }) }),
      list: async () => ({ protected: [], autoOk: [] }),
    },
    databaseUrl: url,
  });
  const starter = createRunStarter(ctx, executor);
  const record = (workflowId: string, n: number) =>
    starter.startLive({ workflowId, event: { n }, trigger: 'webhook' }).then(() => undefined);
  return {
    /** `count` runs as fast as 32 callers can record them. */
    async backlog(workflowId: string, count: number): Promise<void> {
      let next = 0;
      await Promise.all(
        Array.from({ length: 32 }, async () => {
          while (next < count) await record(workflowId, next++);
        }),
      );
    },
    /** `perSecond` runs a second for `seconds`, on schedule (open loop: a slow claim does not slow the feed). */
    async feed(workflowId: string, perSecond: number, seconds: number): Promise<number> {
      const t0 = performance.now();
      const total = Math.max(1, Math.round(perSecond * seconds));
      const pending: Promise<void>[] = [];
      for (let sent = 0; sent < total;) {
        const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * perSecond) + 1);
        for (; sent < due; sent++) pending.push(record(workflowId, sent));
        await new Promise((r) => setTimeout(r, 5));
      }
      await Promise.all(pending);
      return total;
    },
    stop: () => executor.stop(),
  };
}

export interface PhaseStats {
  succeeded: number;
  failed: number;
  /** First run created → last run finished, in ms. */
  spanMs: number;
  claimP50: number;
  claimP99: number;
  /** Mean started → finished of a run, in ms. */
  runMs: number;
}

const STATS = `
  SELECT count(*) FILTER (WHERE status::text = 'succeeded')::int AS succeeded,
         count(*) FILTER (WHERE status::text IN ('failed', 'cancelled'))::int AS failed,
         coalesce(extract(epoch FROM max(finished_at) - min(created_at)) * 1000, 0)::float8 AS "spanMs",
         coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - created_at)), 0)::float8 * 1000 AS "claimP50",
         coalesce(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - created_at)), 0)::float8 * 1000 AS "claimP99",
         coalesce(avg(extract(epoch FROM finished_at - started_at)), 0)::float8 * 1000 AS "runMs"
  FROM runs WHERE workflow_id = $1::uuid`;

type Query = (sql: string, ...params: unknown[]) => Promise<unknown>;

/** Waits (polling every 100 ms) until `count` runs of the workflow ended, then reads the phase's figures. */
export async function phaseStats(query: Query, workflowId: string, count: number, giveUpMs = 300_000) {
  const until = Date.now() + giveUpMs;
  for (;;) {
    const [s] = (await query(STATS, workflowId)) as PhaseStats[];
    if (s && s.succeeded + s.failed >= count) return s;
    if (Date.now() > until) throw new Error(`${s?.succeeded ?? 0} of ${count} runs ended in ${giveUpMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
