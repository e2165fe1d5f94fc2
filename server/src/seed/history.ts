/**
 * The demo run history: on a database without live runs, a realistic 30 days of runs of
 * the example playbooks (failures, retries, approvals, escalations, break glass), so the
 * dashboard means something on first start. Off with SEED_HISTORY=false.
 *
 * It also gives the playbooks their manual baselines (when unset) and SLOs (when none).
 * Seeded runs have ended: nothing of theirs is pending, so the executor never picks one up.
 */
import { performance } from 'node:perf_hooks';
import type { AppContext } from '../context';
import { recordAudit } from '../services/audit';
import {
  analyzeHistoryTables,
  insertHistoryBatch,
  insertMissingSlos,
  liveRunCount,
  publishedWorkflows,
  setBaseline,
  usersByName,
} from '../store/dashboard-history';
import type { SloTarget } from '@autonomic/api';
import { maliciousIpContainment } from './history-containment';
import { planHistory, type HistoryPeople, type HistoryTarget } from './history-plan';
import { endpointEnrichment, phishingTriage, type Person, type Profile } from './history-profiles';

interface PlaybookHistory {
  profile: Profile;
  weight: number;
  manualShare: number;
  incident: boolean;
  baselineMinutes: number;
  slo: SloTarget;
}

/** The example playbooks (examples/<slug>) and how their history looks. */
const PLAYBOOKS: Record<string, PlaybookHistory> = {
  'phishing-triage': {
    profile: phishingTriage,
    weight: 45,
    manualShare: 0.05,
    incident: false,
    baselineMinutes: 25,
    slo: { objectivePercent: 95, latencySeconds: 120, windowDays: 30 },
  },
  'endpoint-alert-enrichment': {
    profile: endpointEnrichment,
    weight: 30,
    manualShare: 0.03,
    incident: false,
    baselineMinutes: 30,
    slo: { objectivePercent: 95, latencySeconds: 300, windowDays: 30 },
  },
  'malicious-ip-containment': {
    profile: maliciousIpContainment,
    weight: 25,
    manualShare: 0.1,
    incident: true,
    baselineMinutes: 40,
    slo: { objectivePercent: 95, latencySeconds: 45 * 60, windowDays: 30 },
  },
};

export interface SeedHistoryOptions {
  /** @default 3000 */
  runs?: number;
  /** @default 30 */
  days?: number;
  /** @default the context's clock */
  now?: number;
}

export interface SeededHistory {
  runs: number;
  steps: number;
  approvals: number;
  ms: number;
}

/** Seeds the history unconditionally (the benchmark's entry); null when the playbooks or demo users are missing. */
export async function seedHistory(ctx: AppContext, opts: SeedHistoryOptions = {}): Promise<SeededHistory | null> {
  const t0 = performance.now();
  const found = await publishedWorkflows(ctx.prisma, Object.keys(PLAYBOOKS));
  const users = await usersByName(ctx.prisma, ['alice', 'bob', 'carol', 'oncall']);
  const person = (name: string): Person | null => users.find((u) => u.username === name) ?? null;
  const analyst = person('alice');
  const oncall = person('oncall');
  const reviewers = ['bob', 'carol'].flatMap((n) => person(n) ?? []);
  if (found.length === 0 || !analyst || reviewers.length === 0) return null;
  const people: HistoryPeople = { analyst, reviewers, oncall };

  const targets: HistoryTarget[] = [];
  for (const w of found) {
    const p = PLAYBOOKS[w.slug];
    if (!p) continue;
    await setBaseline(ctx.prisma, w.id, p.baselineMinutes);
    targets.push({ workflowId: w.id, versionId: w.versionId, ...p });
  }
  await insertMissingSlos(
    ctx.prisma,
    found.flatMap((w) => {
      const p = PLAYBOOKS[w.slug];
      return p ? [{ workflowId: w.id, ...p.slo }] : [];
    }),
  );

  const totals = { runs: 0, steps: 0, approvals: 0 };
  const now = opts.now ?? ctx.clock.now();
  for (const batch of planHistory(targets, people, { runs: opts.runs ?? 3_000, days: opts.days ?? 30, now })) {
    await insertHistoryBatch(ctx.prisma, batch);
    totals.runs += batch.runs.length;
    totals.steps += batch.steps.length;
    totals.approvals += batch.approvals.length;
  }
  await analyzeHistoryTables(ctx.prisma);
  const ms = Math.round(performance.now() - t0);
  await recordAudit(ctx.prisma, {
    actor: 'system:seed',
    action: 'seed.history',
    targetType: 'runs',
    targetId: 'demo-history',
    details: { ...totals, days: opts.days ?? 30, ms },
  });
  return { ...totals, ms };
}

/** First start: seeds the history when SEED_HISTORY is on and there is no live run yet. */
export async function seedDemoHistory(ctx: AppContext): Promise<SeededHistory | null> {
  if (!ctx.config.SEED_HISTORY) return null;
  if ((await liveRunCount(ctx.prisma)) > 0) return null;
  const seeded = await seedHistory(ctx);
  if (seeded) ctx.log.info(seeded, 'demo run history seeded (SEED_HISTORY=false turns this off)');
  return seeded;
}
