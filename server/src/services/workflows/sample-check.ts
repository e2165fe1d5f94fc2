/** Checking a simulated run against what its sample expects, and turning its trace into StepRuns. */
import type { SampleEvent } from '@autonomic/workflow';
import { sampleMismatches, type AttemptRecord, type SimulationResult } from '../../engine';
import type { ErrorDetail } from '../../errors';
import type { SampleCheck } from '../../store/simulations';
import { describeProblems } from '../runs/event-schema';
import type { NewStepRun } from '../../store/step-runs';

/**
 * A sample passes when the run ends with the expected status (`succeeded` unless the
 * sample says otherwise) and, when the sample lists one, took exactly the expected path.
 * A pass that relied on made-up answers (a step with no fixture and no example) carries
 * a warning naming those steps: it is not a clean pass.
 */
export function checkSample(
  sample: SampleEvent,
  sim: Pick<SimulationResult, 'status' | 'path' | 'trace'>,
): SampleCheck {
  const failures = sampleMismatches(sample, sim, { defaultStatus: 'succeeded' });
  const check: SampleCheck = { sample: sample.name, passed: failures.length === 0, failures };
  const warnings = madeUpWarnings(sim.trace);
  if (warnings.length > 0) check.warnings = warnings;
  return check;
}

/** One sentence per step whose answer was made up (source `default`), in the order they ran. */
export function madeUpWarnings(trace: readonly AttemptRecord[]): string[] {
  const keys = new Set(trace.filter((a) => a.source === 'default').map((a) => a.stepKey));
  return [...keys].map((k) => `step ${k} had no fixture and no example: its answer was made up`);
}

/** The check of a sample whose event the trigger would refuse: failed, and not run. */
export function eventMisfit(sample: SampleEvent, problems: readonly ErrorDetail[]): SampleCheck {
  return {
    sample: sample.name,
    passed: false,
    failures: [`the event does not fit the trigger's input schema: ${describeProblems(problems)}`],
  };
}

/**
 * One StepRun per attempt. Attempts of a sub-workflow's child run keep their own keys
 * under the child's id, so that they cannot collide with the parent's.
 */
export function stepRunsOf(trace: readonly AttemptRecord[], rootRunId: string): Omit<NewStepRun, 'runId'>[] {
  return trace.map((a) => ({
    stepKey: a.runId === rootRunId ? a.stepKey : `${a.runId}/${a.stepKey}`,
    stepId: a.stepId,
    attempt: a.attempt,
    nodeType: a.nodeType,
    status: a.status,
    effectClass: a.effect ?? 'none',
    input: a.input,
    output: a.output,
    error: a.error,
    port: a.port ?? null,
    startedAt: new Date(a.startedAt),
    finishedAt: a.finishedAt === undefined ? null : new Date(a.finishedAt),
  }));
}
