/**
 * Simulating a version: the real engine in-process with simulated effects and a virtual
 * clock, against the current safety lists. Every simulation is stored as a Run (mode
 * `simulation`) with its StepRuns. A stored test case simulated as it is runs exactly as
 * the test runner runs it (`runCase`) and answers with its check; given an event,
 * fixtures or an approval outcome, the case is only a starting point and nothing is checked.
 */
import type { TestCase, WorkflowDocument } from '@autonomic/workflow';
import type { AppContext } from '../../context';
import {
  fixturesFromOutputs,
  runCase,
  simulate,
  type ApprovalPolicy,
  type CaseOutcome,
  type EngineLimits,
  type ExpressionEvaluator,
  type SafetyList,
  type SimulatedConnectors,
  type SimulationResult,
} from '../../engine';
import type { Actor, CaseCheck, SimulationView } from '@autonomic/api';
import { AppError, ValidationError } from '../../errors';
import { publishedDocumentResolver, type VersionRecord } from '../../store/versions';
import type { SafetySource } from '../contracts';
import { EventSchemas } from '../runs/event-schema';
import { loadStored, problemDetails } from './documents';
import { workflowAndVersion } from './lookup';
import { storeSimulation } from './simulation-runs';
import { parsedOrThrow } from './versions';

export interface SimulateInput {
  event?: unknown;
  /** The name of a test case stored in the version: its event, fixtures and approvals, unless given here. */
  case?: string | undefined;
  /** Step id → the output that step answers with (for an approval step: `{ decision }`). */
  fixtures?: Record<string, unknown> | undefined;
  /** How approval steps without a fixture decide. @default 'approved' */
  approvals?: ApprovalPolicy | undefined;
}

/** The document of a version that can run: it parses and has no problems (else 409 naming them). */
export function runnableOrThrow(version: VersionRecord): WorkflowDocument {
  const doc = parsedOrThrow(version);
  const { problems } = loadStored(version.document);
  if (problems.length === 0) return doc;
  const message = `version ${version.number} has ${problems.length} problem(s) and cannot run`;
  throw new AppError(409, 'version_invalid', message, problemDetails(problems));
}

export interface SimulationDeps {
  safety: SafetySource;
  /** Where expressions run: the server's sandbox pool. @default in this thread */
  expressions?: ExpressionEvaluator;
  /** Engine limits for simulations (expression budget, output cap). */
  limits?: Partial<EngineLimits>;
  /** Connector steps answer with their pinned action's example (see `simulatedConnectors`). */
  connectors?: SimulatedConnectors;
}

/** A case's outcome as the simulate route's check: every failed assertion in words, the first first. */
export function caseCheck(outcome: CaseOutcome): CaseCheck {
  const { result } = outcome;
  const failures = result.assertions
    .filter((a) => !a.passed)
    .map((a) => `${a.assertion}: ${a.detail ?? 'does not hold'}`);
  if (failures.length === 0 && result.firstFailure !== undefined) failures.push(result.firstFailure);
  const check: CaseCheck = { case: result.name, passed: result.passed, failures };
  return result.warnings.length > 0 ? { ...check, warnings: result.warnings } : check;
}

export function createSimulationService(ctx: AppContext, deps: SimulationDeps) {
  const { prisma } = ctx;
  /** The live trigger's check (versions are immutable: one compiled schema per version id). */
  const schemas = new EventSchemas();

  const engineOptions = () => ({
    workflows: publishedDocumentResolver(prisma),
    ...(deps.expressions ? { expressions: deps.expressions } : {}),
    ...(deps.limits ? { limits: deps.limits } : {}),
    ...(deps.connectors ? { connectors: deps.connectors } : {}),
  });

  async function keep(actor: Actor, version: VersionRecord, sim: SimulationResult, input: object, check?: CaseCheck) {
    const runId = await storeSimulation(prisma, sim, {
      workflowId: version.workflowId,
      versionId: version.id,
      input,
      ...(check ? { extra: { check } } : {}),
      startedAt: new Date(sim.startedAt),
      finishedAt: new Date(ctx.clock.now()),
      createdById: actor.userId,
    });
    const { runId: _engineRunId, startedAt: _s, finishedAt: _f, ...rest } = sim;
    const view: SimulationView = { ...rest, runId };
    if (check) view.check = check;
    return view;
  }

  /** A stored case, simulated as it is: the runner's own run of it, and its check. */
  async function simulateCase(actor: Actor, version: VersionRecord, doc: WorkflowDocument, c: TestCase) {
    const outcome = await runCase(doc, c, {
      ...engineOptions(),
      safety: await deps.safety.list(),
      startAt: ctx.clock.now(),
    });
    if (!outcome.simulation) {
      const i = doc.tests.indexOf(c);
      const message = `case "${c.name}" cannot run: ${outcome.result.firstFailure ?? 'unknown reason'}`;
      throw new ValidationError(message, [{ path: `document.tests.${i}`, message }]);
    }
    const input = { case: c.name, event: c.event, fixtures: c.fixtures, approvals: c.approvals };
    return keep(actor, version, outcome.simulation, input, caseCheck(outcome));
  }

  /** An event with ad-hoc fixtures (the older step id → output form), or a stored case's, overridden. */
  async function simulateAdHoc(
    actor: Actor,
    version: VersionRecord,
    doc: WorkflowDocument,
    input: SimulateInput & { event: unknown },
    c: TestCase | undefined,
  ) {
    const given = input.fixtures === undefined ? undefined : fixturesFromOutputs(doc, input.fixtures);
    const fixtures = given?.fixtures ?? c?.fixtures ?? {};
    const approvals = given?.approvals ?? c?.approvals ?? {};
    const approvalPolicy = input.approvals ?? 'approved';
    const safety: SafetyList = await deps.safety.list();
    const sim = await simulate(doc, input.event, {
      ...engineOptions(),
      fixtures,
      approvals,
      approvalPolicy,
      safety,
      startAt: ctx.clock.now(),
    });
    const stored = {
      ...(c ? { case: c.name } : {}),
      event: input.event,
      fixtures: input.fixtures ?? fixtures,
      approvals: approvalPolicy,
    };
    return keep(actor, version, sim, stored);
  }

  async function simulateVersion(actor: Actor, ref: string, number: number, input: SimulateInput) {
    const { version } = await workflowAndVersion(prisma, ref, number);
    const doc = runnableOrThrow(version);
    const c = input.case === undefined ? undefined : doc.tests.find((t) => t.name === input.case);
    if (input.case !== undefined && !c) {
      const message = `version ${number} has no test case named "${input.case}"`;
      throw new ValidationError(message, [{ path: 'body.case', message }]);
    }
    const event = input.event !== undefined ? input.event : c?.event;
    if (event === undefined) {
      const message = 'give an event, or the name of a stored test case';
      throw new ValidationError(message, [{ path: 'body.event', message }]);
    }
    // Refused as the live trigger would refuse it (same 400, same messages), before anything is stored.
    const eventPath = input.event !== undefined || !c ? 'body.event' : `tests[${doc.tests.indexOf(c)}].event`;
    schemas.assertFits(version.id, doc.trigger.inputSchema, event, eventPath);
    const asStored = c && input.event === undefined && input.fixtures === undefined && !input.approvals;
    if (asStored) return simulateCase(actor, version, doc, c);
    return simulateAdHoc(actor, version, doc, { ...input, event }, c);
  }

  return { simulate: simulateVersion };
}

export type SimulationService = ReturnType<typeof createSimulationService>;
