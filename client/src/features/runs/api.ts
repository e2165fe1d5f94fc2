import { RunStatus, runsApi, type RequestOf, type RunRow, type RunStep } from '@autonomic/api';
import { api } from '../../api/client';
import type { TraceAttempt } from '../simulation/traceOverlay';

/** The runs list's filters as the page keeps them (dates as ISO instants). */
export type RunFilters = Pick<
  NonNullable<RequestOf<typeof runsApi.list>['query']>,
  'workflowId' | 'status' | 'mode' | 'from' | 'to'
>;

export const RUN_STATUSES: readonly RunStatus[] = RunStatus.options;

/** One page of runs under these filters, newest first; `cursor` is the previous page's `nextCursor`. */
export function listRuns(f: RunFilters, cursor?: string | null, limit = 50) {
  const query = {
    workflowId: f.workflowId,
    status: f.status,
    mode: f.mode,
    from: f.from,
    to: f.to,
    cursor: cursor ?? undefined,
    limit,
  };
  return api(runsApi.list, { query });
}

export const getRun = (id: string) => api(runsApi.get, { params: { id } });

export const cancelRun = (id: string, reason?: string) =>
  api(runsApi.cancel, { params: { id }, body: reason ? { reason } : {} });

/** A new run of a failed run: from the start, or from its failed step (the steps before it reused). */
export const rerunRun = (id: string, from: 'start' | 'failed_step') =>
  api(runsApi.rerun, { params: { id }, body: { from } });

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
export function attemptOf(s: RunStep): TraceAttempt {
  const a: TraceAttempt = {
    ...s.details,
    stepId: s.stepId,
    stepKey: s.stepKey,
    nodeType: s.nodeType,
    attempt: s.attempt,
    status: s.status,
    startedAt: ms(s.startedAt) ?? 0,
    input: s.input,
    output: s.output,
    effect: s.effect,
  };
  const finished = ms(s.finishedAt);
  if (finished !== undefined) a.finishedAt = finished;
  if (s.error) a.error = s.error;
  if (s.port !== null) a.port = s.port;
  return a;
}
