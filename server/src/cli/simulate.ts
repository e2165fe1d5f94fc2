import { z } from 'zod';
import type { TestCase, WorkflowDocument } from '@autonomic/workflow';
import type { AssertionResult } from '@autonomic/api';
import {
  fixturesFromOutputs,
  runCase,
  SafetyList,
  simulate,
  type ApprovalPolicy,
  type SimulationResult,
} from '../engine';
import { startExpressionPool } from '../sandbox/pool';
import { shippedConnectors } from './connectors';
import { eventFitsOrThrow } from './event-check';
import { CliError, oneLine, refusal } from './errors';
import { readJson, readWith } from './io';
import { readValidWorkflow } from './load';
import { formatSimulation } from './report';
import type { CliIo } from './run';

/** Failures of the expression itself (not of the playbook's logic): the CLI exits 1 with one line. */
const STOPPED_BY: ReadonlySet<string> = new Set(['expression', 'budget_exceeded', 'output_too_large']);

const Fixtures = z.record(z.string(), z.unknown());
const Approvals = z.enum(['approved', 'rejected', 'timeout']);

export interface SimulateFlags {
  event?: string;
  fixtures?: string;
  safety?: string;
  approvals?: string;
  /** A stored test case's name: its event, fixtures, approvals, safety entries and assertions. */
  case?: string;
  /** The raw result as JSON (the shape scripts read) instead of the readable report. */
  json?: boolean;
  /** The run is meant to end failed: exit 0 when it does, 1 when it succeeds. */
  expectFailure?: boolean;
}

function findCase(document: WorkflowDocument, name: string): TestCase {
  const found = document.tests.find((c) => c.name === name);
  if (!found) {
    const names = document.tests.map((c) => `"${c.name}"`).join(', ') || 'none';
    throw new CliError(`no test case named "${name}" in the workflow (cases: ${names})`);
  }
  return found;
}

/**
 * The case as the flags amend it: `--fixtures` answer over the case's own fixtures and
 * approvals, `--approvals` decides the approval steps the case leaves out, and with
 * `--expect-failure` a case that states no status must end failed.
 */
function amendedCase(
  document: WorkflowDocument,
  testCase: TestCase,
  raw: Record<string, unknown>,
  policy: ApprovalPolicy | undefined,
  expectFailure: boolean,
): TestCase {
  const extra = fixturesFromOutputs(document, raw);
  const approvals = { ...testCase.approvals, ...extra.approvals };
  if (policy) {
    for (const [id, step] of Object.entries(document.steps)) {
      if (step.type === 'approval' && !Object.hasOwn(approvals, id)) approvals[id] = { decision: policy, level: 0 };
    }
  }
  const status = testCase.expect.status ?? (expectFailure ? 'failed' : undefined);
  return {
    ...testCase,
    fixtures: { ...testCase.fixtures, ...extra.fixtures },
    approvals,
    expect: { ...testCase.expect, ...(status ? { status } : {}) },
  };
}

/** A run counts as failed for `--expect-failure` when it ends failed or cancelled. */
const ENDED_FAILED: ReadonlySet<string> = new Set(['failed', 'cancelled']);

/** Without a case, only the status is checked: succeeded, or failed with `--expect-failure`. */
function statusMisses(result: SimulationResult, expectFailure: boolean): string[] {
  const met = expectFailure ? ENDED_FAILED.has(result.status) : result.status === 'succeeded';
  return met ? [] : [`expected status ${expectFailure ? 'failed' : 'succeeded'}, got ${result.status}`];
}

const failureLine = (a: AssertionResult) => (a.detail ? `${a.assertion}: ${a.detail}` : a.assertion);

/**
 * Simulates a workflow: the trace and effects report on stdout (readable, or the raw
 * result with `--json`), nothing sent anywhere. Exits 0 when the run ended as expected
 * (succeeded; failed with `--expect-failure`; with `--case`, when every assertion of
 * the case holds), 1 otherwise, with one line per miss on stderr.
 */
export async function simulateCommand([file]: string[], flags: SimulateFlags, io: CliIo): Promise<number> {
  if (!flags.event && !flags.case) throw new CliError('simulate needs --event <event.json> or --case <name>', 2);
  if (flags.event && flags.case) throw new CliError('give either --event or --case, not both', 2);
  const approvals = Approvals.safeParse(flags.approvals ?? 'approved');
  if (!approvals.success) throw new CliError(`--approvals must be one of approved, rejected, timeout`, 2);
  const expectFailure = flags.expectFailure === true;

  const document = await readValidWorkflow(file as string);
  const stored = flags.case ? findCase(document, flags.case) : undefined;
  if (stored?.expect.status === 'succeeded' && expectFailure) {
    throw new CliError(`--expect-failure contradicts case "${stored.name}", which expects status succeeded`, 2);
  }
  const event = flags.event ? await readJson(flags.event, 'event') : stored?.event;
  eventFitsOrThrow(document, event, file as string);
  const raw = flags.fixtures ? await readWith(flags.fixtures, 'fixtures', Fixtures) : {};
  const safety = flags.safety ? await readWith(flags.safety, 'safety list', SafetyList) : undefined;
  const policy = flags.approvals ? approvals.data : undefined;

  // Expressions run in a sandbox process: a runaway one fails its step, never this process.
  const expressions = await startExpressionPool({ processes: 1 });
  let result: SimulationResult;
  let checked: AssertionResult[] | undefined;
  try {
    const common = { expressions, connectors: shippedConnectors(), ...(safety ? { safety } : {}) };
    if (stored) {
      const testCase = amendedCase(document, stored, raw, policy, expectFailure);
      const outcome = await runCase(document, testCase, common);
      // The event was checked above; what is left is a safety entry of the case that is not one.
      if (!outcome.simulation) throw new CliError(`cannot simulate ${file as string}: ${outcome.result.firstFailure}`);
      result = outcome.simulation;
      checked = outcome.result.assertions;
    } else {
      result = await simulate(document, event, {
        ...fixturesFromOutputs(document, raw),
        approvalPolicy: approvals.data,
        ...common,
      });
    }
  } catch (e) {
    // The engine refusing to start (an event its trigger would not accept, say): said, exit 1.
    throw refusal(e, `cannot simulate ${file as string}`) ?? e;
  } finally {
    await expressions.close();
  }
  const missed = checked ? checked.filter((a) => !a.passed).map(failureLine) : statusMisses(result, expectFailure);
  if (flags.json) {
    io.out(
      JSON.stringify(
        stored ? { case: stored.name, assertions: checked, failures: missed, ...result } : result,
        null,
        2,
      ),
    );
  } else {
    formatSimulation(result, document, io.color === true).forEach((line) => io.out(line));
    if (stored && checked) {
      io.out('');
      io.out(`Case "${oneLine(stored.name)}": ${checked.length - missed.length} of ${checked.length} assertions hold`);
    }
  }
  const stopped = result.status === 'failed' && result.error && STOPPED_BY.has(result.error.kind);
  if (stopped) {
    // A sandbox limit or a broken expression is a bug in the playbook, never the failure a test expects.
    io.err(`simulation stopped at step ${result.error?.stepId ?? '?'}: ${result.error?.message}`);
    return 1;
  }
  missed.forEach((m) => io.err(stored ? `case "${stored.name}": ${oneLine(m)}` : m));
  return missed.length > 0 ? 1 : 0;
}
