/**
 * A finished simulation, kept as a Run (mode `simulation`) with one StepRun per attempt,
 * so that its trace opens like any run's: the simulate route's runs and each test case's.
 */
import { TERMINAL, type AttemptRecord, type SimulationResult } from '../../engine';
import type { DbClient } from '../../store/db';
import { insertSimulationRun } from '../../store/simulations';
import type { NewStepRun } from '../../store/step-runs';

export interface StoredSimulation {
  workflowId: string;
  versionId: string;
  /** What the run was asked to do: the event, the fixtures, the case's name. */
  input: object;
  /** Kept with the path and effects report (a case's check, its name). */
  extra?: Record<string, unknown>;
  startedAt: Date;
  finishedAt: Date;
  /** Who asked for it; null for the test runner acting on nobody's request. */
  createdById: string | null;
}

/** Stores the simulation; returns the Run's id. */
export function storeSimulation(prisma: DbClient, sim: SimulationResult, run: StoredSimulation): Promise<string> {
  return insertSimulationRun(prisma, {
    workflowId: run.workflowId,
    versionId: run.versionId,
    // A simulation that stopped short of an end is stored as waiting, without a wake time:
    // the executor claims queued and running rows, and must never pick up a simulation.
    status: TERMINAL.has(sim.status) ? sim.status : 'waiting',
    input: run.input,
    output: sim.output,
    error: sim.error,
    summary: {
      path: sim.path,
      effects: sim.effects,
      ...(sim.notes.length === 0 ? {} : { notes: sim.notes }),
      durationMs: sim.durationMs,
      ...(sim.message === undefined ? {} : { message: sim.message }),
      ...run.extra,
    },
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    createdById: run.createdById,
    steps: stepRunsOf(sim.trace, sim.runId),
  });
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
