/**
 * What a live run tells a replay (issue 15 §1): its behaviour (status, path, effects) and
 * what the world answered it, as a candidate's fixtures — each step's answers in the order
 * they came (outputs and failures, every attempt and every for-each item: a `call`
 * sequence), and each approval step's decision as the candidate's approval outcome. A
 * step the safety guard refused never called out, so it answers nothing. Only the root
 * run's steps: a sub-workflow step answers with the child's output, as a fixture does.
 */
import type { BehaviourEffect, RunStatus } from '@autonomic/api';
import { ApprovalFixture, StepFixture, type StepAnswer, type WorkflowDocument } from '@autonomic/workflow';
import {
  effectsReport,
  type ApprovalFixtures,
  type AttemptRecord,
  type SimulatedConnectors,
  type Fixtures,
} from '../../engine';
import type { LiveRunRecord } from '../../store/replays';
import type { Behaviour } from './diff';
import { redactEvent } from './redact';

type StoredAttempt = LiveRunRecord['attempts'][number];

const RUN_ID = 'live';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The attempt as the engine recorded it (the stored row's columns over its details). */
function attemptOf(a: StoredAttempt): AttemptRecord {
  const details = isObject(a.details) ? (a.details as Partial<AttemptRecord>) : {};
  const r: AttemptRecord = {
    ...details,
    runId: RUN_ID,
    stepId: a.stepId,
    stepKey: a.stepKey,
    nodeType: a.nodeType,
    attempt: a.attempt,
    status: a.status as AttemptRecord['status'],
    startedAt: a.startedAt.getTime(),
    effect: a.effectClass as NonNullable<AttemptRecord['effect']>,
  };
  if (a.finishedAt) r.finishedAt = a.finishedAt.getTime();
  if (a.input !== null) r.input = a.input;
  if (a.output !== null) r.output = a.output;
  if (a.error !== null) r.error = a.error as unknown as NonNullable<AttemptRecord['error']>;
  if (a.port !== null) r.port = a.port;
  return r;
}

/** The live run's effects, as the simulation reports them, with `ran` for what it did. */
export function liveEffects(run: LiveRunRecord, connectors?: SimulatedConnectors): BehaviourEffect[] {
  return effectsReport(run.attempts.map(attemptOf), connectors).map(toBehaviourEffect(true));
}

/** A report entry as compared; a live `would-run` is `ran`. */
export const toBehaviourEffect =
  (live: boolean) =>
  (e: ReturnType<typeof effectsReport>[number]): BehaviourEffect => ({
    stepId: e.stepId,
    action: e.action,
    ...(e.target ? { target: e.target } : {}),
    effect: e.effect,
    decision: live && e.decision === 'would-run' ? 'ran' : e.decision,
  });

export function liveBehaviour(run: LiveRunRecord, connectors?: SimulatedConnectors): Behaviour {
  return { status: run.status as RunStatus, path: run.path, effects: liveEffects(run, connectors) };
}

/** The event the candidate runs on: the stored (redacted) one, else the run's input redacted now. */
export function liveEvent(run: LiveRunRecord): unknown {
  return run.storedEvent ?? redactEvent(run.input);
}

/** One ended attempt as a fixture answer; undefined for one that never called out (refused, still going). */
function answerOf(a: StoredAttempt): StepAnswer | undefined {
  const details = isObject(a.details) ? a.details : {};
  const safety = isObject(details.safety) ? details.safety : {};
  if (safety.decision === 'refuse') return undefined;
  if (a.status === 'succeeded') return { output: (a.output ?? null) as StepAnswer['output'] };
  if (a.status !== 'failed' || !isObject(a.error)) return undefined;
  const e = a.error;
  const fail: Record<string, unknown> = { kind: e.kind };
  if (typeof e.status === 'number') fail.status = e.status;
  if (typeof e.message === 'string') fail.message = e.message.slice(0, 500);
  return { fail: fail as StepAnswer['fail'] };
}

/**
 * The candidate's fixtures and approval outcomes from the live run's attempts (those of
 * steps the candidate has; an answer that does not fit the fixture schema is left out,
 * and that step answers as unfixed).
 */
export function liveFixtures(
  run: LiveRunRecord,
  candidate: WorkflowDocument,
): { fixtures: Fixtures; approvals: ApprovalFixtures } {
  const answers = new Map<string, StepAnswer[]>();
  const approvals: ApprovalFixtures = {};
  for (const a of run.attempts) {
    const step = candidate.steps[a.stepId];
    if (!step) continue;
    if (a.nodeType === 'approval' || step.type === 'approval') {
      if (step.type !== 'approval' || !isObject(a.output)) continue;
      const parsed = ApprovalFixture.safeParse({ decision: a.output.decision, level: a.output.level ?? 0 });
      if (parsed.success) approvals[a.stepId] = parsed.data;
      continue;
    }
    const answer = answerOf(a);
    if (answer) answers.set(a.stepId, [...(answers.get(a.stepId) ?? []), answer]);
  }
  const fixtures: Fixtures = {};
  for (const [stepId, sequence] of answers) {
    const parsed = StepFixture.safeParse(
      sequence.length === 1 ? sequence[0] : { sequence: sequence.slice(0, 1_000), by: 'call' },
    );
    if (parsed.success) fixtures[stepId] = parsed.data;
  }
  return { fixtures, approvals };
}
