/** Runs as the API shows them: no engine internals (tokens, loop counters), steps as a trace. */
import type { RunDetailRow, RunListRow } from '../../store/runs-query';
import type { ApprovalRow } from '../../store/approvals';
import { approvalView } from '../approvals/views';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function runListView(r: RunListRow) {
  return {
    id: r.id,
    workflow: { id: r.workflowId, slug: r.workflow.slug, name: r.workflow.name },
    version: { id: r.versionId, number: r.version.number },
    mode: r.mode,
    status: r.status,
    trigger: r.triggerType,
    error: r.error ?? null,
    parentRunId: r.parentRunId,
    createdById: r.createdById,
    eventTimestamp: iso(r.eventTimestamp),
    createdAt: r.createdAt.toISOString(),
    startedAt: iso(r.startedAt),
    finishedAt: iso(r.finishedAt),
  };
}

function messageOf(state: unknown): string | null {
  const m: unknown = typeof state === 'object' && state !== null ? Reflect.get(state, 'message') : undefined;
  return typeof m === 'string' ? m : null;
}

export function runDetailView(r: RunDetailRow, approvals: readonly ApprovalRow[]) {
  return {
    ...runListView(r),
    event: r.input,
    output: r.output ?? null,
    message: messageOf(r.state),
    wakeAt: iso(r.wakeAt),
    dedupeKey: r.dedupeKey,
    steps: r.steps.map((s) => ({
      id: s.id,
      stepKey: s.stepKey,
      stepId: s.stepId,
      nodeType: s.nodeType,
      attempt: s.attempt,
      status: s.status,
      effect: s.effectClass,
      input: s.input ?? null,
      output: s.output ?? null,
      error: s.error ?? null,
      port: s.port,
      details: s.details ?? {},
      startedAt: s.startedAt.toISOString(),
      finishedAt: iso(s.finishedAt),
    })),
    approvals: approvals.map((a) => approvalView(a)),
    children: r.subRuns.map((c) => ({
      id: c.id,
      status: c.status,
      workflow: { id: c.workflowId, slug: c.workflow.slug },
      createdAt: c.createdAt.toISOString(),
    })),
  };
}

export type RunListView = ReturnType<typeof runListView>;
export type RunDetailView = ReturnType<typeof runDetailView>;
