/**
 * Simulations as the API answers them: the real engine's outcome with simulated effects,
 * its trace, the effects report (what the run would have done to the world) and, for a
 * stored sample, whether it met the sample's expectation.
 */
import { z } from 'zod';
import { RunStatus } from '../routes/common';
import { Attempt, Criticality, RunError, StepSource, Target } from './runs';

/** One write or destructive step that reached its effect (its last attempt), in the order they ran. */
export const EffectReportEntry = z.object({
  /** The engine's run id (a sub-workflow's child run has its own). */
  runId: z.string(),
  stepId: z.string(),
  stepKey: z.string(),
  nodeType: z.string(),
  effect: z.enum(['write', 'destructive']),
  /** What would have happened, in words: "block IP 203.0.113.7 for 24h". */
  action: z.string(),
  target: Target.optional(),
  /** The rendered params (secret names only). */
  params: z.unknown(),
  decision: z.enum(['would-run', 'refused', 'auto-ok']),
  reason: z.string().optional(),
  criticality: Criticality.optional(),
  /** Where the step's (simulated) answer came from. */
  source: StepSource.optional(),
});
export type EffectReportEntry = z.infer<typeof EffectReportEntry>;

/** The outcome of checking a run against its test case's assertions. */
export const CaseCheck = z.object({
  case: z.string(),
  passed: z.boolean(),
  /** Each failed assertion in words, e.g. `status is succeeded: got failed`; the first failed first. */
  failures: z.array(z.string()),
  /** A pass that relied on made-up answers: which steps had no fixture and no example. */
  warnings: z.array(z.string()).optional(),
});
export type CaseCheck = z.infer<typeof CaseCheck>;

/** Something the simulation did differently from a live run, e.g. a read answered from its example. */
export const SimulationNote = z.object({
  /** The step the note is about. */
  stepKey: z.string(),
  /** In words: "credential 'abuse-prod' is a live credential: … answered with its example, nothing was sent". */
  message: z.string(),
});
export type SimulationNote = z.infer<typeof SimulationNote>;

/** What simulating a version answers. */
export const SimulationView = z.object({
  /** The stored run's id (every simulation is kept as a run). */
  runId: z.uuid(),
  status: RunStatus,
  /** Step keys in completion order. */
  path: z.array(z.string()),
  /** Every attempt of the run and its child runs, in start order. */
  trace: z.array(Attempt),
  effects: z.array(EffectReportEntry),
  /** What the simulation did differently from a live run, in the order it happened. */
  notes: z.array(SimulationNote),
  /** Simulated time: a one-day approval wait shows as a day. */
  durationMs: z.number(),
  /** Repeat-until loops that reached their bound: "bound reached after 10 rounds". */
  bounds: z
    .array(
      z.object({
        runId: z.string(),
        stepId: z.string(),
        stepKey: z.string(),
        rounds: z.number().int(),
        message: z.string(),
      }),
    )
    .optional(),
  output: z.unknown().optional(),
  message: z.string().optional(),
  error: RunError.optional(),
  /** Set for a stored test case simulated as it is. */
  check: CaseCheck.optional(),
});
export type SimulationView = z.infer<typeof SimulationView>;
