/**
 * Simulating a version: the real engine in-process with simulated effects and a virtual
 * clock (`simulate()`), against the current safety lists. Every simulation is stored as
 * a Run (mode `simulation`) with its StepRuns; a run of a stored sample, unchanged, also
 * records whether it met the sample's `expect`, which the review policy reads.
 */
import type { SampleEvent, WorkflowDocument } from '@autonomic/workflow';
import type { AppContext } from '../../context';
import {
  simulate,
  TERMINAL,
  type ApprovalPolicy,
  type EngineLimits,
  type ExpressionEvaluator,
  type SafetyList,
  type SimulatedConnectors,
} from '../../engine';
import type { Actor, SampleCheck, SamplesResult, SimulationView } from '@autonomic/api';
import { AppError, ValidationError } from '../../errors';
import { transaction } from '../../store/db';
import { insertSimulationRun } from '../../store/simulations';
import { publishedDocumentResolver, type VersionRecord } from '../../store/versions';
import type { SafetySource } from '../contracts';
import { EventSchemas } from '../runs/event-schema';
import { loadStored, problemDetails } from './documents';
import { workflowAndVersion } from './lookup';
import { approveIfReady } from './review-policy';
import { checkSample, eventMisfit, stepRunsOf } from './sample-check';
import { parsedOrThrow } from './versions';

export interface SimulateInput {
  event?: unknown;
  /** The name of a sample stored in the version: its event and fixtures, unless given here. */
  sample?: string | undefined;
  fixtures?: Record<string, unknown> | undefined;
  approvals?: ApprovalPolicy | undefined;
}

interface RunSpec {
  event: unknown;
  fixtures: Record<string, unknown>;
  approvals: ApprovalPolicy;
  sampleName?: string;
  /** The sample to check the run against (only when simulated as stored). */
  checkAgainst?: SampleEvent;
}

/** The document of a version that can run: it parses and has no problems (else 409 naming them). */
function runnableOrThrow(version: VersionRecord): WorkflowDocument {
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

export function createSimulationService(ctx: AppContext, deps: SimulationDeps) {
  const { prisma } = ctx;
  /** The live trigger's check (versions are immutable: one compiled schema per version id). */
  const schemas = new EventSchemas();

  async function runOne(
    actor: Actor,
    version: VersionRecord,
    doc: WorkflowDocument,
    safety: SafetyList,
    spec: RunSpec,
  ) {
    const startedAt = new Date(ctx.clock.now());
    const sim = await simulate(doc, spec.event, {
      fixtures: spec.fixtures,
      approvals: spec.approvals,
      safety,
      startAt: startedAt.getTime(),
      workflows: publishedDocumentResolver(prisma),
      ...(deps.expressions ? { expressions: deps.expressions } : {}),
      ...(deps.limits ? { limits: deps.limits } : {}),
      ...(deps.connectors ? { connectors: deps.connectors } : {}),
    });
    const check = spec.checkAgainst ? checkSample(spec.checkAgainst, sim) : undefined;
    const runId = await insertSimulationRun(prisma, {
      workflowId: version.workflowId,
      versionId: version.id,
      // A simulation that stopped short of an end is stored as waiting, without a wake time:
      // the executor claims queued and running rows, and must never pick up a simulation.
      status: TERMINAL.has(sim.status) ? sim.status : 'waiting',
      input: {
        ...(spec.sampleName === undefined ? {} : { sample: spec.sampleName }),
        event: spec.event,
        fixtures: spec.fixtures,
        approvals: spec.approvals,
      },
      output: sim.output,
      error: sim.error,
      summary: {
        path: sim.path,
        effects: sim.effects,
        ...(sim.notes.length === 0 ? {} : { notes: sim.notes }),
        durationMs: sim.durationMs,
        ...(sim.message === undefined ? {} : { message: sim.message }),
        ...(check ? { check } : {}),
      },
      startedAt,
      finishedAt: new Date(ctx.clock.now()),
      createdById: actor.userId,
      steps: stepRunsOf(sim.trace, sim.runId),
    });
    const { runId: _engineRunId, startedAt: _s, finishedAt: _f, ...rest } = sim;
    const view: SimulationView = { ...rest, runId };
    if (check) view.check = check;
    return view;
  }

  /** After sample runs: the version's open review may now satisfy the policy. */
  async function reconsider(actor: Actor, versionId: string): Promise<boolean> {
    const at = new Date(ctx.clock.now());
    return transaction(prisma, (tx) => approveIfReady(tx, actor, versionId, { cause: 'sample_simulation', at }));
  }

  async function simulateVersion(actor: Actor, ref: string, number: number, input: SimulateInput) {
    const { version } = await workflowAndVersion(prisma, ref, number);
    const doc = runnableOrThrow(version);
    const sample = input.sample === undefined ? undefined : doc.samples.find((s) => s.name === input.sample);
    if (input.sample !== undefined && !sample) {
      const message = `version ${number} has no sample named "${input.sample}"`;
      throw new ValidationError(message, [{ path: 'body.sample', message }]);
    }
    const event = input.event !== undefined ? input.event : sample?.event;
    if (event === undefined) {
      const message = 'give an event, or the name of a stored sample';
      throw new ValidationError(message, [{ path: 'body.event', message }]);
    }
    // Refused as the live trigger would refuse it (same 400, same messages), before anything is stored.
    const eventPath =
      input.event !== undefined || !sample ? 'body.event' : `samples[${doc.samples.indexOf(sample)}].event`;
    schemas.assertFits(version.id, doc.trigger.inputSchema, event, eventPath);
    const asStored = sample && input.event === undefined && input.fixtures === undefined && !input.approvals;
    const view = await runOne(actor, version, doc, await deps.safety.list(), {
      event,
      fixtures: input.fixtures ?? sample?.fixtures ?? {},
      approvals: input.approvals ?? 'approved',
      ...(sample ? { sampleName: sample.name } : {}),
      ...(asStored ? { checkAgainst: sample } : {}),
    });
    if (asStored) await reconsider(actor, version.id);
    return view;
  }

  /** Simulates every stored sample of the version and checks each against its `expect`. */
  async function simulateSamples(actor: Actor, ref: string, number: number): Promise<SamplesResult> {
    const { version } = await workflowAndVersion(prisma, ref, number);
    const doc = runnableOrThrow(version);
    if (doc.samples.length === 0) throw new AppError(409, 'no_samples', `version ${number} has no sample events`);
    const safety = await deps.safety.list();
    const results: SamplesResult['results'] = [];
    for (const [i, sample] of doc.samples.entries()) {
      // A sample whose event the trigger would refuse is not run: it fails, saying why.
      const problems = schemas.check(version.id, doc.trigger.inputSchema, sample.event, `samples[${i}].event`);
      if (problems.length > 0) {
        const misfit = eventMisfit(sample, problems);
        results.push({ sample: sample.name, path: [], effects: [], passed: false, failures: misfit.failures });
        continue;
      }
      const spec = { event: sample.event, fixtures: sample.fixtures, approvals: 'approved' as const };
      const r = await runOne(actor, version, doc, safety, { ...spec, sampleName: sample.name, checkAgainst: sample });
      const check: Pick<SampleCheck, 'passed' | 'failures' | 'warnings'> = r.check ?? { passed: false, failures: [] };
      results.push({
        sample: sample.name,
        runId: r.runId,
        status: r.status,
        path: r.path,
        effects: r.effects,
        passed: check.passed,
        failures: check.failures,
        ...(check.warnings ? { warnings: check.warnings } : {}),
      });
    }
    const approved = await reconsider(actor, version.id);
    return { workflowId: version.workflowId, number, passed: results.every((r) => r.passed), approved, results };
  }

  return { simulate: simulateVersion, simulateSamples };
}

export type SimulationService = ReturnType<typeof createSimulationService>;
