/**
 * Runs as the API shows them: the engine's attempt records (a simulation's trace), the
 * stored run rows with their step rows, and the vocabulary both use (statuses, errors,
 * safety verdicts). The engine declares its state with these types too.
 */
import {
  ErrorKind,
  type EffectClass as WorkflowEffectClass,
  type TargetKind as WorkflowTargetKind,
} from '@autonomic/workflow';
import { z } from 'zod';
import { Instant, NullableInstant } from '../fields';
import { RunStatus } from '../routes/common';
import { ApprovalTask } from './approvals';

/** Where one attempt of a step stands (a run's own status is `RunStatus`). */
export const AttemptStatus = z.enum(['running', 'waiting', 'succeeded', 'failed', 'cancelled']);
export type AttemptStatus = z.infer<typeof AttemptStatus>;

/**
 * A stored step row's status: the attempt statuses, plus `pending` and `skipped` which
 * the database allows but the engine does not write today.
 */
export const StepStatus = z.enum(['pending', 'running', 'waiting', 'succeeded', 'failed', 'skipped', 'cancelled']);
export type StepStatus = z.infer<typeof StepStatus>;

export const RunMode = z.enum(['live', 'simulation']);
export type RunMode = z.infer<typeof RunMode>;

/** How bad it is to touch a protected target. */
export const Criticality = z.enum(['low', 'medium', 'high', 'critical']);
export type Criticality = z.infer<typeof Criticality>;

/** What a step does to the world (`EffectClass` of @autonomic/workflow). */
export const EffectClass = z.enum(['none', 'read', 'write', 'destructive']) satisfies z.ZodType<WorkflowEffectClass>;
export type EffectClass = z.infer<typeof EffectClass>;

/** What an action step acts on (`TargetKind` of @autonomic/workflow). */
export const Target = z.object({
  kind: z.enum(['ip', 'host', 'user']) satisfies z.ZodType<WorkflowTargetKind>,
  value: z.string(),
});
export type Target = z.infer<typeof Target>;

/** A step's failure as data; `retryable` is the error's own say. */
export const StepError = z.object({
  kind: ErrorKind,
  message: z.string(),
  retryable: z.boolean(),
  /** The HTTP status, when the failure was an HTTP answer. */
  status: z.number().int().optional(),
});
export type StepError = z.infer<typeof StepError>;

/** A run's error: the failing step's error and where it happened. */
export const RunError = StepError.extend({ stepId: z.string().optional(), stepKey: z.string().optional() });
export type RunError = z.infer<typeof RunError>;

/** The safety list's verdict on an action's target. */
export const SafetyRecord = z.object({
  decision: z.enum(['allow', 'refuse', 'auto-ok']),
  reason: z.string().optional(),
  criticality: Criticality.optional(),
});
export type SafetyRecord = z.infer<typeof SafetyRecord>;

/** Something that happened to an approval step while it waited. */
export const TraceEvent = z.object({
  /** Epoch ms. */
  at: z.number(),
  /**
   * `reused`: a re-run took this step's output from the run it repeats (`detail`: that run's id).
   * `loop_round`: a repeat-until loop started round `round`; `loop_exit`: it ended after `rounds`
   * rounds because its condition held or its maximum was reached (`reason`); `loop_break`: a
   * for-each's "stop when" held after `rounds` items.
   */
  type: z.enum([
    'opened',
    'escalated',
    'vote',
    'timeout',
    'decided',
    'reused',
    'loop_round',
    'loop_exit',
    'loop_break',
  ]),
  level: z.number().int().optional(),
  by: z.string().optional(),
  detail: z.string().optional(),
  round: z.number().int().optional(),
  rounds: z.number().int().optional(),
  reason: z.enum(['condition', 'max_reached']).optional(),
});
export type TraceEvent = z.infer<typeof TraceEvent>;

/** One attempt of one step as the engine records it (times in epoch ms; inputs name secrets, never hold them). */
/**
 * Where a simulated step's output came from: the case's `fixture`, the connector action's
 * `example`, a `live_read` sent with a test credential, or a made-up `default` (no fixture
 * and no example). Absent on live runs and on steps that perform nothing.
 */
export const StepSource = z.enum(['fixture', 'example', 'live_read', 'default']);
export type StepSource = z.infer<typeof StepSource>;

export const Attempt = z.object({
  /** The engine's run id (a sub-workflow's child run has its own). */
  runId: z.string(),
  stepId: z.string(),
  /** Step id plus the item path inside for-each bodies: `lookup[3]`. */
  stepKey: z.string(),
  nodeType: z.string(),
  attempt: z.number().int(),
  status: AttemptStatus,
  startedAt: z.number(),
  finishedAt: z.number().optional(),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  error: StepError.optional(),
  /** The output port followed. */
  port: z.string().optional(),
  itemIndex: z.number().int().optional(),
  idempotencyKey: z.string().optional(),
  effect: EffectClass.optional(),
  target: Target.optional(),
  safety: SafetyRecord.optional(),
  /** Backoff before the next attempt, when this one is retried. */
  retryInMs: z.number().optional(),
  events: z.array(TraceEvent).optional(),
  /** In a simulation: where the step's output came from. */
  source: StepSource.optional(),
});
export type Attempt = z.infer<typeof Attempt>;

/** The part of an attempt record a step row keeps beside its columns. */
export const StepDetails = Attempt.pick({
  itemIndex: true,
  idempotencyKey: true,
  effect: true,
  target: true,
  safety: true,
  retryInMs: true,
  events: true,
});
export type StepDetails = z.infer<typeof StepDetails>;

/** A run in the list: no event, output or trace. */
export const RunRow = z.object({
  id: z.uuid(),
  workflow: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  version: z.object({ id: z.uuid(), number: z.number().int() }),
  mode: RunMode,
  status: RunStatus,
  /** manual, webhook, schedule, subworkflow… */
  trigger: z.string(),
  error: RunError.nullable(),
  parentRunId: z.uuid().nullable(),
  /** Null for runs started by a webhook or a schedule. */
  createdById: z.uuid().nullable(),
  /** The trigger event's own time (alert time). */
  eventTimestamp: NullableInstant,
  createdAt: Instant,
  startedAt: NullableInstant,
  finishedAt: NullableInstant,
});
export type RunRow = z.infer<typeof RunRow>;

/** One attempt of a step as stored with the run. */
export const RunStep = z.object({
  id: z.uuid(),
  stepKey: z.string(),
  stepId: z.string(),
  nodeType: z.string(),
  attempt: z.number().int(),
  status: StepStatus,
  effect: EffectClass,
  input: z.unknown(),
  output: z.unknown(),
  error: StepError.nullable(),
  port: z.string().nullable(),
  /** What else the engine recorded: target, safety verdict, approval events, idempotency key. */
  details: StepDetails,
  startedAt: Instant,
  finishedAt: NullableInstant,
});
export type RunStep = z.infer<typeof RunStep>;

/** A sub-workflow's run started by this run. */
export const ChildRun = z.object({
  id: z.uuid(),
  status: RunStatus,
  workflow: z.object({ id: z.uuid(), slug: z.string() }),
  createdAt: Instant,
});
export type ChildRun = z.infer<typeof ChildRun>;

/** One run with its event, output, step trace, approval tasks and child runs. */
export const RunDetail = RunRow.extend({
  event: z.unknown(),
  output: z.unknown(),
  message: z.string().nullable(),
  /** When a waiting run resumes (a timer, an escalation, a deadline). */
  wakeAt: NullableInstant,
  /** The trigger's idempotency key (e.g. a webhook delivery id). */
  dedupeKey: z.string().nullable(),
  steps: z.array(RunStep),
  /** This run's approval tasks and its sub-workflows'. */
  approvals: z.array(ApprovalTask),
  children: z.array(ChildRun),
  /** This run re-runs a failed run: which, and the step it started from (null: from the start). */
  rerunOf: z.object({ id: z.uuid(), fromStep: z.string().nullable() }).nullable().default(null),
  /** The re-runs of this run, oldest first. */
  reruns: z
    .array(z.object({ id: z.uuid(), status: RunStatus, fromStep: z.string().nullable(), createdAt: Instant }))
    .default([]),
  /** What the caller may do to this run now (the routes' own rule: a refused action is not offered). */
  youMay: z.object({ cancel: z.boolean(), rerun: z.boolean() }).default({ cancel: false, rerun: false }),
});
export type RunDetail = z.infer<typeof RunDetail>;
