/** Checking a simulated run against what its sample expects, and turning its trace into StepRuns. */
import type { SampleEvent } from '@autonomic/workflow';
import { sampleMismatches, type AttemptRecord, type SimulationResult } from '../../engine';
import type { SampleCheck } from '../../store/simulations';
import type { NewStepRun } from '../../store/step-runs';

/**
 * A sample passes when the run ends with the expected status (`succeeded` unless the
 * sample says otherwise) and, when the sample lists one, took exactly the expected path.
 */
export function checkSample(sample: SampleEvent, sim: Pick<SimulationResult, 'status' | 'path'>): SampleCheck {
  const failures = sampleMismatches(sample, sim, { defaultStatus: 'succeeded' });
  return { sample: sample.name, passed: failures.length === 0, failures };
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
