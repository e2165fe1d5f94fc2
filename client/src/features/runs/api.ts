import { api } from '../../api/client';
import type { ApprovalTask } from '../approvals/api';
import type { Attempt, RunStatus, SafetyRecord, StepError, TraceEvent } from '../simulation/types';

export type RunMode = 'live' | 'simulation';

export interface RunRow {
  id: string;
  workflow: { id: string; slug: string; name: string };
  version: { id: string; number: number };
  mode: RunMode;
  status: RunStatus;
  /** manual, webhook, schedule, subworkflow… */
  trigger: string;
  error: (StepError & { stepId?: string; stepKey?: string }) | null;
  parentRunId: string | null;
  createdById: string | null;
  eventTimestamp: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RunStep {
  id: string;
  stepKey: string;
  stepId: string;
  nodeType: string;
  attempt: number;
  status: Attempt['status'];
  effect: string | null;
  input: unknown;
  output: unknown;
  error: StepError | null;
  port: string | null;
  /** What else the engine recorded: target, safety verdict, approval events, idempotency key. */
  details: { safety?: SafetyRecord; target?: { kind: string; value: string }; events?: TraceEvent[] };
  startedAt: string;
  finishedAt: string | null;
}

export interface RunDetail extends RunRow {
  event: unknown;
  output: unknown;
  message: string | null;
  wakeAt: string | null;
  steps: RunStep[];
  approvals: ApprovalTask[];
  children: { id: string; status: RunStatus; workflow: { id: string; slug: string }; createdAt: string }[];
}

export interface RunFilters {
  workflowId?: string;
  status?: RunStatus;
  mode?: RunMode;
  /** ISO instants. */
  from?: string;
  to?: string;
}

export const RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'];

const FILTER_KEYS: readonly (keyof RunFilters)[] = ['workflowId', 'status', 'mode', 'from', 'to'];

/** The query string of GET /runs for these filters and page. */
export function runsQuery(filters: RunFilters, cursor?: string | null, limit = 50): string {
  const q = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = filters[key];
    if (v) q.set(key, v);
  }
  if (cursor) q.set('cursor', cursor);
  q.set('limit', String(limit));
  return q.toString();
}

export function listRuns(
  filters: RunFilters,
  cursor?: string | null,
): Promise<{ runs: RunRow[]; nextCursor: string | null }> {
  return api(`/runs?${runsQuery(filters, cursor)}`);
}

export function getRun(id: string): Promise<RunDetail> {
  return api(`/runs/${encodeURIComponent(id)}`);
}

export function cancelRun(id: string, reason?: string): Promise<RunRow> {
  return api(`/runs/${encodeURIComponent(id)}/cancel`, { method: 'POST', body: reason ? { reason } : {} });
}

/** Whether a listed run belongs under these filters (for runs that appear live). */
export function matchesFilters(run: RunRow, f: RunFilters): boolean {
  if (f.workflowId && run.workflow.id !== f.workflowId) return false;
  if (f.status && run.status !== f.status) return false;
  if (f.mode && run.mode !== f.mode) return false;
  if (f.from && run.createdAt < f.from) return false;
  if (f.to && run.createdAt > f.to) return false;
  return true;
}

const ms = (iso: string | null): number | undefined => (iso ? Date.parse(iso) : undefined);

/** A stored step row read as a trace attempt (the simulation's shape). */
export function attemptOf(s: RunStep): Attempt {
  const a: Attempt = {
    stepId: s.stepId,
    stepKey: s.stepKey,
    nodeType: s.nodeType,
    attempt: s.attempt,
    status: s.status,
    startedAt: ms(s.startedAt) ?? 0,
    input: s.input,
    output: s.output,
    error: s.error,
    port: s.port,
  };
  const finished = ms(s.finishedAt);
  if (finished !== undefined) a.finishedAt = finished;
  if (s.effect) a.effect = s.effect;
  if (s.details.safety) a.safety = s.details.safety;
  if (s.details.target) a.target = s.details.target;
  if (s.details.events) a.events = s.details.events;
  return a;
}
