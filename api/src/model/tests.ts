/**
 * Test cases as the API answers them: each case's outcome (every assertion, the first
 * failed one first), the simulated run it made, and the version's coverage (edges,
 * destructive steps, error ports). Cases run in the background on every saved version.
 */
import { z } from 'zod';
import { Instant, NullableInstant } from '../fields';
import { RunStatus } from '../routes/common';
import { EffectReportEntry } from './simulations';

/** One assertion of a case, in words, and whether it held. */
export const AssertionResult = z.object({
  /** "status is succeeded", "reaches block_ip", "effect Block IP on 203.0.113.7 is refused". */
  assertion: z.string(),
  passed: z.boolean(),
  /** What happened instead, when it did not hold: "got failed". */
  detail: z.string().optional(),
});
export type AssertionResult = z.infer<typeof AssertionResult>;

export const CaseResult = z.object({
  name: z.string(),
  passed: z.boolean(),
  /** The first failed assertion (or why the case could not run), in words; absent when it passed. */
  firstFailure: z.string().optional(),
  assertions: z.array(AssertionResult),
  /** Steps that answered with made-up values (no fixture and no example). */
  warnings: z.array(z.string()),
  /** The stored simulation run (open its trace on the canvas); absent when the case could not run. */
  runId: z.uuid().optional(),
  status: RunStatus.optional(),
  /** Step keys of the top-level run, in completion order. */
  path: z.array(z.string()),
  effects: z.array(EffectReportEntry),
  /** Simulated time. */
  durationMs: z.number(),
});
export type CaseResult = z.infer<typeof CaseResult>;

export const EdgeCoverage = z.object({
  from: z.string(),
  port: z.string(),
  to: z.string(),
  cases: z.array(z.string()),
});
export const DestructiveCoverage = z.object({
  stepId: z.string(),
  label: z.string(),
  reachedBy: z.array(z.string()),
  refusedBy: z.array(z.string()),
  /** Cases in which an auto-OK check in front of the step held it back from a protected target. */
  heldBackBy: z.array(z.string()).default([]),
});
export const ErrorPortCoverage = z.object({ stepId: z.string(), label: z.string(), cases: z.array(z.string()) });

/** Which edges, destructive steps and error ports the cases exercised (`coverageOf` of @autonomic/workflow). */
export const CoverageView = z.object({
  edges: z.array(EdgeCoverage),
  covered: z.number().int(),
  total: z.number().int(),
  percent: z.number(),
  destructive: z.array(DestructiveCoverage),
  errorPorts: z.array(ErrorPortCoverage),
});
export type CoverageView = z.infer<typeof CoverageView>;

/** queued / running: results pending; passed / failed: every case ran; error: the run itself broke (`message`). */
export const TestRunStatus = z.enum(['not_run', 'queued', 'running', 'passed', 'failed', 'error']);
export type TestRunStatus = z.infer<typeof TestRunStatus>;

/** The latest test run of a version (`not_run` with empty lists before the first). */
export const TestRunView = z.object({
  workflowId: z.uuid(),
  number: z.number().int(),
  /** The content the cases ran on. */
  contentHash: z.string(),
  status: TestRunStatus,
  message: z.string().optional(),
  cases: z.array(CaseResult),
  coverage: CoverageView.nullable(),
  startedAt: NullableInstant,
  finishedAt: NullableInstant,
  /** When the run was asked for (save, re-run). */
  requestedAt: Instant.nullable(),
});
export type TestRunView = z.infer<typeof TestRunView>;
