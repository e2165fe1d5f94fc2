/** Runs as the API shows them (`RunRow`, `RunDetail` of the contract): no engine internals, steps as a trace. */
import {
  RunError,
  StepDetails,
  StepError,
  type RunDetail,
  type RunRow,
  type RunStatus,
  type RunStep,
} from '@autonomic/api';
import type { RunDetailRow, RunListRow } from '../../store/runs-query';
import type { ApprovalRow } from '../../store/approvals';
import { approvalView } from '../approvals/views';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The engine wrote these JSON columns; reading them back checks they still have its shape. */
const runError = (v: unknown): RunError | null => (v == null ? null : RunError.parse(v));
const stepError = (v: unknown): StepError | null => (v == null ? null : StepError.parse(v));

export function runListView(r: RunListRow): RunRow {
  return {
    id: r.id,
    workflow: { id: r.workflowId, slug: r.workflow.slug, name: r.workflow.name },
    version: { id: r.versionId, number: r.version.number },
    mode: r.mode,
    status: r.status,
    trigger: r.triggerType,
    error: runError(r.error),
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

function stepView(s: RunDetailRow['steps'][number]): RunStep {
  return {
    id: s.id,
    stepKey: s.stepKey,
    stepId: s.stepId,
    nodeType: s.nodeType,
    attempt: s.attempt,
    status: s.status,
    effect: s.effectClass,
    input: s.input ?? null,
    output: s.output ?? null,
    error: stepError(s.error),
    port: s.port,
    details: StepDetails.parse(s.details ?? {}),
    startedAt: s.startedAt.toISOString(),
    finishedAt: iso(s.finishedAt),
  };
}

/** A re-run of a run as its page lists it. */
export interface RerunRow {
  id: string;
  status: RunStatus;
  fromStep: string | null;
  createdAt: number;
}

export function runDetailView(
  r: RunDetailRow,
  approvals: readonly ApprovalRow[],
  reruns: readonly RerunRow[],
  youMay: RunDetail['youMay'],
): RunDetail {
  return {
    ...runListView(r),
    event: r.input,
    output: r.output ?? null,
    message: messageOf(r.state),
    wakeAt: iso(r.wakeAt),
    dedupeKey: r.dedupeKey,
    steps: r.steps.map(stepView),
    approvals: approvals.map((a) => approvalView(a)),
    children: r.subRuns.map((c) => ({
      id: c.id,
      status: c.status,
      workflow: { id: c.workflowId, slug: c.workflow.slug },
      createdAt: c.createdAt.toISOString(),
    })),
    rerunOf: r.rerunOfId ? { id: r.rerunOfId, fromStep: r.rerunFromStep } : null,
    reruns: reruns.map((x) => ({ ...x, createdAt: new Date(x.createdAt).toISOString() })),
    youMay,
  };
}
