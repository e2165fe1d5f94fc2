/**
 * What the dashboard's aggregates answer. Every figure counts the live runs of the
 * caller's scope created in the range; durations and times are in seconds.
 */
import { z } from 'zod';
import { Instant } from '../fields';

export const BUCKETS = ['hour', 'day'] as const;
/** Time buckets, aligned on UTC hours and days. */
export const Bucket = z.enum(BUCKETS);
export type Bucket = z.infer<typeof Bucket>;

/** The range an aggregate covered, with the defaults filled in. */
export const RangeInfo = z.object({ from: Instant, to: Instant, bucket: Bucket });
export type RangeInfo = z.infer<typeof RangeInfo>;

const count = z.int().min(0);
const seconds = z.number();
/** succeeded / (succeeded + failed); null without either. */
const successRate = z.number().nullable();

export const StatusCounts = z.object({
  succeeded: count,
  failed: count,
  cancelled: count,
  /** Queued, running or waiting. */
  active: count,
});
export type StatusCounts = z.infer<typeof StatusCounts>;

export const RunsBucket = StatusCounts.extend({ at: Instant, successRate });
export type RunsBucket = z.infer<typeof RunsBucket>;

export const RunsAggregate = z.object({
  range: RangeInfo,
  totals: StatusCounts.extend({ runs: count, successRate }),
  /** Every bucket of the range, empty ones included, oldest first. */
  buckets: z.array(RunsBucket),
});
export type RunsAggregate = z.infer<typeof RunsAggregate>;

/** p50/p95 in seconds; null without any run to measure. */
const Percentiles = z.object({ runs: count, p50: seconds.nullable(), p95: seconds.nullable() });

export const WorkflowDurations = StatusCounts.extend(Percentiles.shape).extend({
  workflowId: z.uuid(),
  name: z.string(),
  slug: z.string(),
  successRate,
});
export type WorkflowDurations = z.infer<typeof WorkflowDurations>;

export const DurationsAggregate = z.object({ range: RangeInfo, workflows: z.array(WorkflowDurations) });
export type DurationsAggregate = z.infer<typeof DurationsAggregate>;

export const WorkflowContain = Percentiles.extend({ workflowId: z.uuid(), name: z.string() });
export type WorkflowContain = z.infer<typeof WorkflowContain>;

/** Alert (the event's own timestamp) to the first successful destructive step of each run. */
export const ContainAggregate = z.object({
  range: RangeInfo,
  overall: Percentiles,
  workflows: z.array(WorkflowContain),
});
export type ContainAggregate = z.infer<typeof ContainAggregate>;

export const SavedTotals = z.object({
  /** Succeeded top-level runs of workflows with a manual baseline. */
  runs: count,
  /** Baseline minus human time; negative when approvals took longer than the task by hand. */
  savedSeconds: seconds,
  baselineSeconds: seconds,
  humanSeconds: seconds,
});
export type SavedTotals = z.infer<typeof SavedTotals>;

export const SavedAggregate = z.object({
  range: RangeInfo,
  total: SavedTotals.extend({ runsWithoutBaseline: count }),
  buckets: z.array(SavedTotals.extend({ at: Instant })),
  workflows: z.array(
    SavedTotals.extend({ workflowId: z.uuid(), name: z.string(), baselineMinutes: z.int().nullable() }),
  ),
});
export type SavedAggregate = z.infer<typeof SavedAggregate>;

export const ApprovalCounts = z.object({
  /** Tasks of the range's runs. */
  tasks: count,
  approved: count,
  rejected: count,
  timedOut: count,
  cancelled: count,
  /** Seconds from opening to an approve/reject decision (timeouts are not decisions). */
  medianDecisionSeconds: seconds.nullable(),
  p95DecisionSeconds: seconds.nullable(),
  /** Escalation levels reached (a task escalated twice counts 2). */
  escalations: count,
  escalatedTasks: count,
  /** Votes cast at a break-glass level. */
  breakGlass: count,
});
export type ApprovalCounts = z.infer<typeof ApprovalCounts>;

export const WorkflowApprovals = ApprovalCounts.extend({ workflowId: z.uuid(), name: z.string() });
export type WorkflowApprovals = z.infer<typeof WorkflowApprovals>;

export const ApprovalStats = ApprovalCounts.extend({
  /** Tasks waiting for a decision now, whatever the range. */
  pending: count,
  workflows: z.array(WorkflowApprovals),
});
export type ApprovalStats = z.infer<typeof ApprovalStats>;

export const ApprovalsAggregate = ApprovalStats.extend({ range: RangeInfo });
export type ApprovalsAggregate = z.infer<typeof ApprovalsAggregate>;

export const FailingStep = z.object({
  workflowId: z.uuid(),
  workflowName: z.string(),
  stepId: z.string(),
  nodeType: z.string(),
  /** Failed attempts (a retried attempt that failed counts). */
  failures: count,
  /** Runs with at least one failed attempt of this step. */
  runs: count,
  /** Of those, runs that ended failed. */
  failedRuns: count,
  lastFailedAt: Instant,
  /** The most frequent error messages (up to three), most frequent first. */
  messages: z.array(z.object({ message: z.string(), count })),
});
export type FailingStep = z.infer<typeof FailingStep>;

export const FailingStepsAggregate = z.object({ range: RangeInfo, steps: z.array(FailingStep) });
export type FailingStepsAggregate = z.infer<typeof FailingStepsAggregate>;

export const AUTOMATION_LEVELS = ['manual', 'automatic', 'approval_gated', 'autonomous'] as const;
/** How automated a workflow is, measured from its runs (server/src/services/dashboard/automation.ts). */
export const AutomationLevel = z.enum(AUTOMATION_LEVELS);
export type AutomationLevel = z.infer<typeof AutomationLevel>;

export const AutomationCounts = z.object({
  workflowId: z.uuid(),
  name: z.string(),
  slug: z.string(),
  runs: count,
  /** Runs started by a person. */
  manual: count,
  /** Runs that waited for at least one approval. */
  gated: count,
  /** Runs that took a destructive action with no approval at all. */
  autonomous: count,
});
export type AutomationCounts = z.infer<typeof AutomationCounts>;

/** `level` is null when the workflow had no run in the range. */
export const AutomationRow = AutomationCounts.extend({ level: AutomationLevel.nullable() });
export type AutomationRow = z.infer<typeof AutomationRow>;

export const AutomationAggregate = z.object({ range: RangeInfo, workflows: z.array(AutomationRow) });
export type AutomationAggregate = z.infer<typeof AutomationAggregate>;

/** A workflow of the dashboard's workflow filter. */
export const DashboardWorkflow = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  /** How long the same response takes by hand; time saved is measured against it. */
  manualBaselineMinutes: z.int().nullable(),
  published: z.boolean(),
});
export type DashboardWorkflow = z.infer<typeof DashboardWorkflow>;
