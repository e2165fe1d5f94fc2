/**
 * Test runs of versions: every saved version with test cases gets one, queued in the
 * transaction that saves it and run in the background by the test runner (simulation
 * only: nothing is sent, no credential is used). A re-run can be asked for; the review
 * policy reads the latest run of the version's content.
 */
import { CaseResult, CoverageView, type Actor, type TestRunView as TestRunViewSchema } from '@autonomic/api';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { transaction, type Db } from '../../store/db';
import { findTestRun, queueTestRun, type TestRunRow } from '../../store/test-runs';
import type { VersionRecord } from '../../store/versions';
import { recordAudit } from '../audit';
import { loadStored } from './documents';
import { workflowAndVersion } from './lookup';

/** The contract's `TestRunView`, dates as `Date`. */
export type TestRunView = z.input<typeof TestRunViewSchema>;

/** Told after a transaction that queued a test run commits, so the runner starts at once rather than at its next poll. */
export interface TestRunSignal {
  queued(): void;
}

/** The message of a version that has nothing to run. */
export const NO_TEST_CASES = 'no test cases';

type Base = Pick<TestRunView, 'workflowId' | 'number' | 'contentHash'>;

function notRun(base: Base, message: string): TestRunView {
  return {
    ...base,
    status: 'not_run',
    message,
    cases: [],
    coverage: null,
    startedAt: null,
    finishedAt: null,
    requestedAt: null,
  };
}

const StoredCases = z.array(CaseResult);

/** A stored run as the API shows it; what does not read back as the contract's shape shows as nothing. */
export function viewOfRow(base: Base, row: TestRunRow): TestRunView {
  const cases = StoredCases.safeParse(row.cases);
  const coverage = row.coverage === null ? undefined : CoverageView.safeParse(row.coverage);
  return {
    ...base,
    contentHash: row.contentHash,
    status: row.status,
    ...(row.message === null ? {} : { message: row.message }),
    cases: cases.success ? cases.data : [],
    coverage: coverage?.success ? coverage.data : null,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    requestedAt: row.requestedAt,
  };
}

/** The latest test run of the version's content; `not_run` before the first, or when it has no case. */
export async function testRunView(db: Db, version: VersionRecord): Promise<TestRunView> {
  const base = { workflowId: version.workflowId, number: version.number, contentHash: version.contentHash };
  const doc = loadStored(version.document).parsed;
  if (!doc || doc.tests.length === 0) return notRun(base, NO_TEST_CASES);
  const row = await findTestRun(db, version.id);
  if (!row || row.contentHash !== version.contentHash) return notRun(base, 'the test cases have not run yet');
  return viewOfRow(base, row);
}

/**
 * Queues a run of the version's test cases, in the caller's transaction; nothing when the
 * version has none (or is a draft the schema does not accept yet).
 * @returns whether a run was queued
 */
export async function queueTests(
  db: Db,
  version: Pick<VersionRecord, 'id' | 'contentHash' | 'document'>,
  requestedById: string | null,
  at: Date,
): Promise<boolean> {
  const doc = loadStored(version.document).parsed;
  if (!doc || doc.tests.length === 0) return false;
  await queueTestRun(db, { versionId: version.id, contentHash: version.contentHash, requestedById, at });
  return true;
}

/** What the routes call: read the latest run, ask for a fresh one. */
export function createTestRunService(ctx: AppContext, signal: TestRunSignal) {
  const { prisma } = ctx;

  async function get(ref: string, number: number): Promise<TestRunView> {
    const { version } = await workflowAndVersion(prisma, ref, number);
    return testRunView(prisma, version);
  }

  /** Runs the version's cases again in the background; answers the queued run. */
  async function request(actor: Actor, ref: string, number: number): Promise<TestRunView> {
    const view = await transaction(prisma, async (tx) => {
      const { version } = await workflowAndVersion(tx, ref, number);
      const doc = loadStored(version.document).parsed;
      if (!doc || doc.tests.length === 0) {
        throw new AppError(409, 'no_tests', `version ${number} has no test cases to run`);
      }
      const at = new Date(ctx.clock.now());
      const row = await queueTestRun(tx, {
        versionId: version.id,
        contentHash: version.contentHash,
        requestedById: actor.userId,
        at,
      });
      await recordAudit(tx, {
        actor,
        action: 'version.tests_requested',
        targetType: 'workflow_version',
        targetId: version.id,
        afterHash: version.contentHash,
        details: { workflowId: version.workflowId, number, cases: doc.tests.length },
      });
      return viewOfRow({ workflowId: version.workflowId, number, contentHash: version.contentHash }, row);
    });
    signal.queued();
    return view;
  }

  return { get, request };
}

export type TestRunService = ReturnType<typeof createTestRunService>;
