/**
 * Plans a demo run history in batches: when each run was created (more during office
 * hours and on weekdays), which playbook and trigger, and what happened in it (the
 * profiles). The last hours hold an incident: a brute-force campaign against the VPN while
 * the firewall API is down, so approved blocks fail and the containment SLO burns.
 */
import { newId } from '../db/ids';
import type { HistoryBatch, HistoryRun } from '../store/dashboard-history';
import { RunBuilder } from './history-builder';
import { createRng, type Rng } from './history-random';
import type { Person, Profile } from './history-profiles';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface HistoryTarget {
  workflowId: string;
  versionId: string;
  profile: Profile;
  /** Relative volume. */
  weight: number;
  /** Share of runs an analyst starts by hand. */
  manualShare: number;
  /** Runs during the incident hit this playbook. */
  incident: boolean;
}

export interface HistoryPeople {
  analyst: Person;
  reviewers: readonly Person[];
  oncall: Person | null;
}

export interface HistoryPlanOptions {
  runs: number;
  days: number;
  /** The history ends a little before this instant (every run has finished by then). */
  now: number;
  /** @default 20261128 */
  seed?: number;
  /** Runs per batch. @default 5000 */
  batchRuns?: number;
}

/** The newest run is created this long before `now`: a containment run can take an hour. */
export const QUIET_TAIL_MS = 70 * MINUTE;
/** The incident: its first hours before the quiet tail. */
export const INCIDENT_MS = 3 * HOUR;

/** Office hours (07–19 UTC) on weekdays are busiest; nights and weekends still see alerts. */
function weight(at: number): number {
  const d = new Date(at);
  const office = d.getUTCHours() >= 7 && d.getUTCHours() < 19 ? 1 : 0.35;
  const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6 ? 0.5 : 1;
  return office * weekend;
}

function creationTime(rng: Rng, start: number, end: number): number {
  for (;;) {
    const at = rng.between(start, end);
    if (rng.next() < weight(at)) return at;
  }
}

function pickTarget(rng: Rng, targets: readonly HistoryTarget[], total: number): HistoryTarget {
  let x = rng.next() * total;
  for (const t of targets) {
    x -= t.weight;
    if (x < 0) return t;
  }
  const last = targets.at(-1);
  if (!last) throw new Error('no history targets');
  return last;
}

/** One planned run as rows. */
function planRun(
  rng: Rng,
  target: HistoryTarget,
  people: HistoryPeople,
  createdAt: number,
  inIncident: boolean,
): HistoryBatch {
  const id = newId(createdAt);
  const manual = !inIncident && rng.chance(target.manualShare);
  const eventAt = manual
    ? createdAt - rng.between(10 * MINUTE, 90 * MINUTE)
    : createdAt - rng.skewed(2_000, 3 * MINUTE);
  const startedAt = createdAt + rng.between(20, 400);
  const b = new RunBuilder(id, startedAt, rng);
  const { event, outcome } = target.profile(b, {
    rng,
    manual,
    eventAt,
    incident: inIncident && target.incident,
    reviewers: people.reviewers,
    oncall: people.oncall,
  });
  const run: HistoryRun = {
    id,
    workflowId: target.workflowId,
    versionId: target.versionId,
    status: outcome.status,
    triggerType: manual ? 'manual' : 'webhook',
    input: event,
    state: outcome.message === undefined ? {} : { message: outcome.message },
    error: outcome.error ?? null,
    eventTimestamp: Math.round(eventAt),
    createdAt: Math.round(createdAt),
    startedAt: Math.round(startedAt),
    finishedAt: Math.round(b.t),
    createdById: manual ? people.analyst.id : null,
  };
  return { runs: [run], steps: b.steps, approvals: b.approvals };
}

/** Yields the history in batches of about `batchRuns` runs, oldest first within each batch's span. */
export function* planHistory(
  targets: readonly HistoryTarget[],
  people: HistoryPeople,
  opts: HistoryPlanOptions,
): Generator<HistoryBatch> {
  const rng = createRng(opts.seed ?? 20261128);
  const end = opts.now - QUIET_TAIL_MS;
  const start = opts.now - opts.days * DAY;
  const incidentStart = end - INCIDENT_MS;
  const total = targets.reduce((s, t) => s + t.weight, 0);
  const campaign = targets.filter((t) => t.incident);
  // The campaign adds alerts on top of the usual flow: enough for a burn rate to mean something.
  const extra = campaign.length ? Math.max(12, Math.round(opts.runs * 0.004)) : 0;
  const batchRuns = opts.batchRuns ?? 5_000;
  let batch: HistoryBatch = { runs: [], steps: [], approvals: [] };
  const add = (part: HistoryBatch) => {
    batch.runs.push(...part.runs);
    for (const s of part.steps) batch.steps.push(s);
    for (const a of part.approvals) batch.approvals.push(a);
  };
  for (let i = 0; i < opts.runs + extra; i++) {
    const incidentRun = i >= opts.runs;
    const target = incidentRun ? rng.pick(campaign) : pickTarget(rng, targets, total);
    const at = incidentRun ? rng.between(incidentStart, end) : creationTime(rng, start, end);
    add(planRun(rng, target, people, at, at >= incidentStart));
    if (batch.runs.length >= batchRuns) {
      yield batch;
      batch = { runs: [], steps: [], approvals: [] };
    }
  }
  if (batch.runs.length > 0) yield batch;
}
