/**
 * Dashboard aggregates (everyone signed in; each sees the workflows of their scope:
 * managers and admins all, others those they own or review), the runs behind a chart as
 * CSV, and SLOs (set by managers and admins: the people accountable for the service).
 */
import { z } from 'zod';
import { defineRoute } from '../contract';
import { RunStatus } from './common';
import {
  ApprovalsAggregate,
  AutomationAggregate,
  Bucket,
  ContainAggregate,
  DashboardWorkflow,
  DurationsAggregate,
  FailingStepsAggregate,
  RunsAggregate,
  SavedAggregate,
} from './dashboard-views';

export * from './dashboard-views';

/** The range, workflow and bucket of every aggregate. Defaults: the last 7 days; hourly buckets up to 3 days, daily beyond. */
export const RangeQuery = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    workflowId: z.uuid().optional(),
    bucket: Bucket.optional(),
  })
  .strict();
export type RangeQuery = z.infer<typeof RangeQuery>;

export const CSV_CHARTS = ['runs', 'durations', 'contain', 'saved', 'approvals', 'failing'] as const;
/** The chart whose runs a CSV export lists. */
export const CsvChart = z.enum(CSV_CHARTS);
export type CsvChart = z.infer<typeof CsvChart>;

export const CsvQuery = RangeQuery.extend({
  chart: CsvChart.default('runs'),
  status: RunStatus.optional(),
  /** With chart `failing`: only runs where this step failed. */
  stepId: z.string().min(1).max(200).optional(),
}).strict();
export type CsvQuery = z.infer<typeof CsvQuery>;

export const FailingQuery = RangeQuery.extend({
  limit: z.coerce.number().int().min(1).max(50).default(10),
}).strict();
export type FailingQuery = z.infer<typeof FailingQuery>;

/** A workflow's service-level objective: `objectivePercent` % of its runs, over `windowDays`, succeed within `latencySeconds`. */
export const SloTarget = z.object({ objectivePercent: z.number(), latencySeconds: z.int(), windowDays: z.int() });
export type SloTarget = z.infer<typeof SloTarget>;

/** What a manager may set (the database's CHECK constraints say the same). */
export const SloBody = z
  .object({
    objectivePercent: z.number().min(50).lt(100),
    latencySeconds: z
      .int()
      .min(1)
      .max(7 * 86_400),
    windowDays: z.int().min(1).max(90),
  })
  .strict();
export type SloBody = z.infer<typeof SloBody>;

/**
 * `not_enough_data`: fewer finished runs in the window than `minRuns`, too few for a
 * compliance or a spent budget to mean anything (one failure in one run is not −1900 %).
 */
export const SLO_STATES = ['no_data', 'not_enough_data', 'ok', 'burning', 'exhausted'] as const;
export const SloState = z.enum(SLO_STATES);
export type SloState = z.infer<typeof SloState>;

/** A short window whose burn rate raises the warning. */
export const BurnWindow = z.object({
  hours: z.number(),
  /** Finished runs in the window. */
  runs: z.int().min(0),
  /** Error rate over the allowed error rate; null below the minimum number of runs. */
  rate: z.number().nullable(),
  threshold: z.number(),
  firing: z.boolean(),
});
export type BurnWindow = z.infer<typeof BurnWindow>;

export const SloStatus = SloTarget.extend({
  workflowId: z.uuid(),
  name: z.string(),
  slug: z.string(),
  /** False: the defaults apply. */
  configured: z.boolean(),
  /** Finished live runs in the window, and those that succeeded within the latency. */
  runs: z.int().min(0),
  good: z.int().min(0),
  /** good / runs; null without runs. */
  compliance: z.number().nullable(),
  /** The allowed share of bad runs: 1 − objective. */
  errorBudget: z.number(),
  /** Share of the budget not yet spent: 1 untouched, 0 spent, negative overspent. */
  budgetRemaining: z.number(),
  burn: z.array(BurnWindow),
  state: SloState,
  /** Finished runs a window needs before its budget or burn rate counts (the server's minimum). */
  minRuns: z.int().min(1).optional(),
});
export type SloStatus = z.infer<typeof SloStatus>;

export const SloList = z.object({ defaults: SloTarget, slos: z.array(SloStatus) });
export type SloList = z.infer<typeof SloList>;

const TAG = 'dashboard';
const SloParams = z.object({ workflowId: z.uuid('a workflow id') });

/** An aggregate over a range: the same query, access and tag for each. */
const aggregate = <const P extends string, R extends z.ZodType>(path: P, summary: string, response: R) =>
  defineRoute({ method: 'get', path, summary, tag: TAG, access: 'authenticated', query: RangeQuery, response });

export const dashboardApi = {
  workflows: defineRoute({
    method: 'get',
    path: '/dashboard/workflows',
    summary: 'The workflows on your dashboard (its workflow filter)',
    tag: TAG,
    access: 'authenticated',
    response: z.object({ workflows: z.array(DashboardWorkflow) }),
  }),
  runs: aggregate('/dashboard/runs', 'Live runs by status per time bucket, and the success rate', RunsAggregate),
  durations: aggregate('/dashboard/durations', 'Run counts and p50/p95 durations per workflow', DurationsAggregate),
  timeToContain: aggregate(
    '/dashboard/time-to-contain',
    'Alert time to first successful destructive action, p50/p95',
    ContainAggregate,
  ),
  timeSaved: aggregate(
    '/dashboard/time-saved',
    'Measured time saved: baseline minus human time per run',
    SavedAggregate,
  ),
  approvals: aggregate(
    '/dashboard/approvals',
    'Approvals: pending, time to decision, escalations, break glass',
    ApprovalsAggregate,
  ),
  automation: aggregate('/dashboard/automation', 'Automation level per workflow, from its runs', AutomationAggregate),
  failingSteps: defineRoute({
    method: 'get',
    path: '/dashboard/failing-steps',
    summary: 'The steps with the most failed attempts, with their error messages',
    tag: TAG,
    access: 'authenticated',
    query: FailingQuery,
    response: FailingStepsAggregate,
  }),
  runsCsv: defineRoute({
    method: 'get',
    path: '/dashboard/runs.csv',
    summary: 'The runs behind a chart, as CSV (chart: runs, durations, contain, saved, approvals, failing)',
    tag: TAG,
    access: 'authenticated',
    query: CsvQuery,
    produces: 'csv',
  }),
  slos: defineRoute({
    method: 'get',
    path: '/dashboard/slos',
    summary: 'SLO per workflow: compliance over its window, error budget left, burn rates',
    tag: TAG,
    access: 'authenticated',
    query: z.object({ workflowId: z.uuid().optional() }).strict(),
    response: SloList,
  }),
  setSlo: defineRoute({
    method: 'put',
    path: '/dashboard/slos/:workflowId',
    summary: "Set a workflow's SLO (managers and admins)",
    tag: TAG,
    access: ['manager', 'admin'],
    params: SloParams,
    body: SloBody,
    response: SloStatus,
  }),
  resetSlo: defineRoute({
    method: 'delete',
    path: '/dashboard/slos/:workflowId',
    summary: "Reset a workflow's SLO to the defaults (managers and admins)",
    tag: TAG,
    access: ['manager', 'admin'],
    params: SloParams,
    response: SloStatus,
  }),
};
