/**
 * Simulation runs: a Run row (mode `simulation`) and its StepRuns, written once when
 * the in-process simulation has ended. `state` holds what the simulation found (path,
 * effects, a test case's check), since a simulated run has no engine state to resume.
 */
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { RunStatus } from '../generated/prisma/enums';
import { storableJson } from './storable';
import { appendStepRuns, type NewStepRun } from './step-runs';

export interface NewSimulationRun {
  workflowId: string;
  versionId: string;
  status: RunStatus;
  input: object;
  output: unknown;
  error: unknown;
  /** Path, effects report, duration and (for a test case) its check. */
  summary: Record<string, unknown>;
  startedAt: Date;
  finishedAt: Date;
  /** Null for the test runner's runs of a version nobody is named for. */
  createdById: string | null;
  steps: Omit<NewStepRun, 'runId'>[];
}

const json = (value: unknown) => (value === undefined ? Prisma.DbNull : (storableJson(value) as Prisma.InputJsonValue));

/** Stores the run, then its steps in one multi-row insert; a failed step insert removes the run. */
export async function insertSimulationRun(prisma: PrismaClient, run: NewSimulationRun): Promise<string> {
  const row = await prisma.run.create({
    data: {
      workflowId: run.workflowId,
      versionId: run.versionId,
      mode: 'simulation',
      status: run.status,
      triggerType: 'manual',
      input: storableJson(run.input) as Prisma.InputJsonValue,
      output: json(run.output),
      error: json(run.error),
      state: storableJson(run.summary) as Prisma.InputJsonValue,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      createdById: run.createdById,
    },
    select: { id: true },
  });
  try {
    await appendStepRuns(
      prisma,
      run.steps.map((s) => ({ ...s, runId: row.id })),
    );
  } catch (e) {
    await prisma.run.delete({ where: { id: row.id } });
    throw e;
  }
  return row.id;
}
