/**
 * Test runs: the latest run of each version's test cases, one row per version. Saving a
 * version (or asking for a re-run) queues the row again and bumps its `generation`; the
 * test runner claims queued rows one at a time (`FOR UPDATE SKIP LOCKED`, so several
 * processes never claim the same row) and stores its results only while the row still
 * has the generation it claimed: a newer request supersedes an older run of the version.
 */
import { Prisma } from '../generated/prisma/client';
import type { TestRunStatus } from '../generated/prisma/enums';
import type { Db } from './db';
import { storableJson } from './storable';

export interface TestRunRow {
  id: string;
  versionId: string;
  contentHash: string;
  status: TestRunStatus;
  generation: number;
  /** CaseResult[] as stored (read back through the contract's schema). */
  cases: Prisma.JsonValue;
  coverage: Prisma.JsonValue | null;
  message: string | null;
  requestedById: string | null;
  requestedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** What a runner claimed: enough to load the version and to store the results. */
export interface ClaimedTestRun {
  id: string;
  versionId: string;
  generation: number;
  requestedById: string | null;
}

export function findTestRun(db: Db, versionId: string): Promise<TestRunRow | null> {
  return db.versionTestRun.findUnique({ where: { versionId } });
}

/** Queues the version's cases (again): the row is reset, its earlier results dropped. */
export async function queueTestRun(
  db: Db,
  run: { versionId: string; contentHash: string; requestedById: string | null; at: Date },
): Promise<TestRunRow> {
  const reset = {
    contentHash: run.contentHash,
    status: 'queued' as const,
    cases: [],
    coverage: Prisma.DbNull,
    message: null,
    requestedById: run.requestedById,
    requestedAt: run.at,
    startedAt: null,
    finishedAt: null,
  };
  return db.versionTestRun.upsert({
    where: { versionId: run.versionId },
    create: { versionId: run.versionId, ...reset },
    update: { ...reset, generation: { increment: 1 } },
  });
}

/**
 * Claims the oldest queued run (of one version, when given), marking it running; null when
 * none is queued or another process is claiming it.
 */
export async function claimTestRun(db: Db, at: Date, versionId?: string): Promise<ClaimedTestRun | null> {
  const only = versionId === undefined ? Prisma.empty : Prisma.sql`AND version_id = ${versionId}::uuid`;
  const [row] = await db.$queryRaw<ClaimedTestRun[]>`
    UPDATE version_test_runs SET status = 'running', started_at = ${at}, finished_at = NULL
    WHERE id = (
      SELECT id FROM version_test_runs WHERE status = 'queued' ${only}
      ORDER BY requested_at, id LIMIT 1 FOR UPDATE SKIP LOCKED
    )
    RETURNING id::text AS id, version_id::text AS "versionId", generation, requested_by_id::text AS "requestedById"`;
  return row ?? null;
}

export interface TestRunOutcome {
  status: Extract<TestRunStatus, 'passed' | 'failed' | 'error'>;
  cases: unknown[];
  coverage: unknown;
  message: string | null;
  at: Date;
}

/**
 * Stores a claimed run's results.
 * @returns false when a newer request reset the row meanwhile (nothing is written: it runs again)
 */
export async function finishTestRun(db: Db, claimed: ClaimedTestRun, outcome: TestRunOutcome): Promise<boolean> {
  const { count } = await db.versionTestRun.updateMany({
    where: { id: claimed.id, generation: claimed.generation, status: 'running' },
    data: {
      status: outcome.status,
      cases: storableJson(outcome.cases) as Prisma.InputJsonValue,
      coverage: outcome.coverage === null ? Prisma.DbNull : (storableJson(outcome.coverage) as Prisma.InputJsonValue),
      message: outcome.message,
      finishedAt: outcome.at,
    },
  });
  return count === 1;
}

/**
 * Runs left `running` by a process that stopped (a crash, a restart) are queued again, with
 * a new generation so that a late write of the old claim is ignored.
 * @returns how many were queued again
 */
export async function requeueInterrupted(db: Db): Promise<number> {
  return db.$executeRaw`
    UPDATE version_test_runs SET status = 'queued', generation = generation + 1, started_at = NULL
    WHERE status = 'running'`;
}
