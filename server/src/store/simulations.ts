/**
 * Simulation runs: a Run row (mode `simulation`) and its StepRuns, written once when
 * the in-process simulation has ended. `state` holds what the simulation found (path,
 * effects, the sample check), since a simulated run has no engine state to resume.
 */
import { z } from 'zod';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { Db } from './db';
import type { RunStatus } from '../generated/prisma/enums';
import { storableJson } from './storable';
import { appendStepRuns, type NewStepRun } from './step-runs';

/** The outcome of checking a run against its sample's `expect`. */
export interface SampleCheck {
  sample: string;
  passed: boolean;
  failures: string[];
  /** A pass that relied on made-up answers: which steps had no fixture and no example. */
  warnings?: string[];
}

export interface NewSimulationRun {
  workflowId: string;
  versionId: string;
  status: RunStatus;
  input: object;
  output: unknown;
  error: unknown;
  /** Path, effects report, duration and (for a sample run) the check. */
  summary: { check?: SampleCheck } & Record<string, unknown>;
  startedAt: Date;
  finishedAt: Date;
  createdById: string;
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

export interface StoredSampleCheck extends SampleCheck {
  runId: string;
  at: Date;
}

/** The latest stored sample check of each sample name simulated on this version. */
export async function latestSampleChecks(db: Db, versionId: string): Promise<Map<string, StoredSampleCheck>> {
  const rows = await db.$queryRaw<{ runId: string; at: Date; check: unknown }[]>`
    SELECT DISTINCT ON (state -> 'check' ->> 'sample') id::text AS "runId", created_at AS "at", state -> 'check' AS "check"
    FROM runs
    WHERE version_id = ${versionId}::uuid AND mode = 'simulation' AND state -> 'check' IS NOT NULL
    ORDER BY state -> 'check' ->> 'sample', created_at DESC, id DESC`;
  const out = new Map<string, StoredSampleCheck>();
  for (const r of rows) {
    const check = parseCheck(r.check);
    if (check) out.set(check.sample, { ...check, runId: r.runId, at: r.at });
  }
  return out;
}

const StoredCheck = z.object({
  sample: z.string(),
  passed: z.boolean(),
  failures: z.array(z.string()),
  warnings: z.array(z.string()).optional(),
});

function parseCheck(value: unknown): SampleCheck | undefined {
  const parsed = StoredCheck.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
