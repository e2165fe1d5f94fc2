/**
 * The test runner: in-process, one run at a time, started with the app and stopped on
 * close. It claims queued test runs (`FOR UPDATE SKIP LOCKED`: several processes share
 * the queue), runs every case of the version with `runCases` — the organisation's safety
 * lists, the installed connectors' examples (never a live read, never a credential) and
 * the live trigger's event check — stores each case's simulated run as a Run (so its
 * trace opens), then the results and the coverage, and re-checks the version's open
 * review. Runs left `running` by a stopped process are queued again at start.
 */
import type { WorkflowDocument } from '@autonomic/workflow';
import type { CaseResult } from '@autonomic/api';
import type { AppContext } from '../../context';
import { runCases, type CaseOutcome } from '../../engine';
import { transaction } from '../../store/db';
import {
  claimTestRun,
  finishTestRun,
  requeueInterrupted,
  type ClaimedTestRun,
  type TestRunOutcome,
} from '../../store/test-runs';
import { findVersionById, publishedDocumentResolver, type VersionRecord } from '../../store/versions';
import { createQueueWorker } from '../queue-worker';
import { EventSchemas } from '../runs/event-schema';
import { loadStored } from './documents';
import { approveIfReady } from './review-policy';
import { storeSimulation } from './simulation-runs';
import { caseCheck, type SimulationDeps } from './simulations';
import type { TestRunSignal } from './test-runs';

export interface TestRunnerDeps extends SimulationDeps {
  /** How often the runner looks for queued runs when nobody tells it. @default 1000 */
  pollMs?: number;
}

/** Who the audit log names when a finished test run approves a version. */
const RUNNER = 'system:test-runner' as const;

export function createTestRunner(ctx: AppContext, deps: TestRunnerDeps) {
  const { prisma } = ctx;
  const schemas = new EventSchemas();
  const now = () => new Date(ctx.clock.now());
  async function casesOf(version: VersionRecord, doc: WorkflowDocument, claimed: ClaimedTestRun) {
    const { outcomes, coverage } = await runCases(doc, {
      safety: await deps.safety.list(),
      workflows: publishedDocumentResolver(prisma),
      ...(deps.connectors ? { connectors: deps.connectors } : {}),
      ...(deps.expressions ? { expressions: deps.expressions } : {}),
      ...(deps.limits ? { limits: deps.limits } : {}),
      startAt: ctx.clock.now(),
      eventProblems: (event) => schemas.sentences(version.id, doc.trigger.inputSchema, event),
    });
    const cases: CaseResult[] = [];
    for (const [i, outcome] of outcomes.entries()) cases.push(await kept(version, doc, i, outcome, claimed));
    return { cases, coverage };
  }

  /** The case's result with the id of its stored simulation run (none when it could not run). */
  async function kept(
    version: VersionRecord,
    doc: WorkflowDocument,
    index: number,
    outcome: CaseOutcome,
    claimed: ClaimedTestRun,
  ): Promise<CaseResult> {
    const sim = outcome.simulation;
    const c = doc.tests[index];
    if (!sim || !c) return outcome.result;
    const runId = await storeSimulation(prisma, sim, {
      workflowId: version.workflowId,
      versionId: version.id,
      input: { case: c.name, event: c.event, fixtures: c.fixtures, approvals: c.approvals },
      extra: { check: caseCheck(outcome), testRun: claimed.id },
      startedAt: new Date(sim.startedAt),
      finishedAt: now(),
      createdById: claimed.requestedById,
    });
    return { ...outcome.result, runId };
  }

  async function outcomeOf(version: VersionRecord, claimed: ClaimedTestRun): Promise<TestRunOutcome> {
    const error = (message: string): TestRunOutcome => ({
      status: 'error',
      cases: [],
      coverage: null,
      message,
      at: now(),
    });
    const { parsed, problems } = loadStored(version.document);
    if (!parsed) return error(`version ${version.number} is not a valid document`);
    if (problems.length > 0) {
      const first = problems[0]?.message ?? '';
      return error(`version ${version.number} has ${problems.length} problem(s) and cannot run: ${first}`);
    }
    if (parsed.tests.length === 0) return error('no test cases');
    try {
      const { cases, coverage } = await casesOf(version, parsed, claimed);
      const status = cases.every((c) => c.passed) ? 'passed' : 'failed';
      return { status, cases, coverage, message: null, at: now() };
    } catch (e) {
      ctx.log.error({ err: e, versionId: version.id }, 'test run broke');
      return error(`the test run broke: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  async function runClaimed(claimed: ClaimedTestRun): Promise<void> {
    const version = await findVersionById(prisma, claimed.versionId);
    if (!version) return;
    const outcome = await outcomeOf(version, claimed);
    // A newer request reset the row meanwhile: its run comes next, and this one is not kept.
    if (!(await finishTestRun(prisma, claimed, outcome))) return;
    await transaction(prisma, (tx) => approveIfReady(tx, RUNNER, version.id, { cause: 'test_run', at: outcome.at }));
  }

  /** One run at a time in this process. */
  const worker = createQueueWorker({
    what: 'test runs',
    log: ctx.log,
    ...(deps.pollMs !== undefined ? { pollMs: deps.pollMs } : {}),
    requeue: () => requeueInterrupted(prisma),
    claim: () => claimTestRun(prisma, now()),
    run: runClaimed,
  });
  const { serial, wake } = worker;

  const signal: TestRunSignal = { queued: wake };

  return {
    signal,
    wake,
    start: worker.start,
    /** Stops polling; resolves when the run in progress has been stored. */
    stop: worker.stop,
    /** Runs every queued run now, one after the other (also when not started); resolves with how many ran. */
    drain: worker.drain,
    /** Runs the version's queued run now, if it has one (the seed, before the reviewers decide). */
    runVersion: (versionId: string): Promise<boolean> =>
      serial(async () => {
        const claimed = await claimTestRun(prisma, now(), versionId);
        if (claimed) await runClaimed(claimed);
        return claimed !== null;
      }),
  };
}

export type TestRunner = ReturnType<typeof createTestRunner>;
