import type { ExpressionEvaluator } from './expressions';
import type { WorkflowDocument } from '@autonomic/workflow';
import { createVirtualClock, seededRandom, type VirtualClock } from './clocks';
import { createEngine, type Engine } from './engine';
import type { EngineLimits } from './env';
import { fixtureAnswers, type ApprovalFixtures, type FixtureAnswerer, type Fixtures } from './fixtures';
import { MemoryRunStore } from './memory-store';
import type { StepSource } from '@autonomic/api';
import type { ApprovalsPort, EffectsPort, Random, WorkflowResolver } from './ports';
import { createSafetyLookupPort } from './assets';
import type { SafetyList } from './safety';
import {
  effectsReport,
  simulatedEffects,
  type EffectReportEntry,
  type SimulatedConnectors,
  type SimulationNote,
} from './simulated-effects';
import { pathOf, TERMINAL, type AttemptRecord, type RunError, type RunStatus } from './state';

export type ApprovalPolicy = 'approved' | 'rejected' | 'timeout';

export interface SimulationOptions {
  /**
   * Step id → what the step answers instead of calling out: an output, an injected
   * failure, a sequence (a sub-workflow step: the child's output or failure). See
   * `fixturesFromOutputs` for the older step id → output form.
   */
  fixtures?: Fixtures;
  /** Approval step id → how it is decided: approved, rejected or timeout, at an escalation level. */
  approvals?: ApprovalFixtures;
  safety?: SafetyList;
  /** Sends `none`/`read` steps without a fixture for real (connector reads only with a `test` credential). */
  liveReads?: EffectsPort;
  /** The installed connectors and the credentials' modes: connector steps answer with their action's example. */
  connectors?: SimulatedConnectors;
  /** How approvals go when their step is not in `approvals` (at once, level 0). @default 'approved' */
  approvalPolicy?: ApprovalPolicy;
  /** A clock the driver moves through waits. @default a virtual clock at `startAt` */
  clock?: VirtualClock;
  /** @default 0 */
  startAt?: number;
  workflows?: WorkflowResolver;
  random?: Random;
  limits?: Partial<EngineLimits>;
  /** Where expressions run (the server's sandbox pool). @default in this thread */
  expressions?: ExpressionEvaluator;
}

export interface SimulationResult {
  runId: string;
  status: RunStatus;
  output?: unknown;
  message?: string;
  error?: RunError;
  /** Step keys of the simulated run in completion order. */
  path: string[];
  /** Every attempt of the run and its child runs, in start order. */
  trace: AttemptRecord[];
  effects: EffectReportEntry[];
  /** What the simulation did differently from a live run (a connector read not sent with a live credential). */
  notes: SimulationNote[];
  /** Repeat-until loops that ran their maximum of rounds without their condition holding; absent when none did. */
  bounds?: LoopBound[];
  startedAt: number;
  finishedAt: number;
  /** Simulated time: a one-day approval wait shows as a day. */
  durationMs: number;
}

/** A loop that reached its bound, in words: "bound reached after 10 rounds". */
export interface LoopBound {
  runId: string;
  stepId: string;
  stepKey: string;
  rounds: number;
  message: string;
}

/** Every `loop_exit` of reason `max_reached` in a trace, in the order the loops ran. */
export function loopBounds(trace: readonly AttemptRecord[]): LoopBound[] {
  return trace.flatMap((a) =>
    (a.events ?? [])
      .filter((e) => e.type === 'loop_exit' && e.reason === 'max_reached')
      .map((e) => {
        const rounds = e.rounds ?? 0;
        const message = `"${a.stepId}": bound reached after ${rounds} round${rounds === 1 ? '' : 's'}`;
        return { runId: a.runId, stepId: a.stepId, stepKey: a.stepKey, rounds, message };
      }),
  );
}

const RUN_ID = 'simulation';
const MAX_ROUNDS = 10_000;
const NO_APPROVALS: ApprovalsPort = { open: async () => {}, escalate: async () => {}, close: async () => {} };

/**
 * Runs a document through the real engine with simulated effects: nothing that writes
 * leaves the process, and a virtual clock jumps through delays and approval waits.
 */
export async function simulate(
  doc: WorkflowDocument,
  event: unknown,
  opts: SimulationOptions = {},
): Promise<SimulationResult> {
  const clock = opts.clock ?? createVirtualClock({ start: opts.startAt ?? 0 });
  const store = new MemoryRunStore();
  // Fixtures name the document's steps: a sub-workflow's own steps (another document,
  // perhaps with the same ids) answer as unfixed.
  const fixed = fixtureAnswers(opts.fixtures ?? {});
  const answer: FixtureAnswerer = (call) => (call.runId === RUN_ID ? fixed(call) : undefined);
  const notes: SimulationNote[] = [];
  const sources: Sources = new Map();
  const engine = createEngine({
    store,
    clock,
    random: opts.random ?? seededRandom(1),
    effects: simulatedEffects(answer, {
      ...(opts.liveReads ? { liveReads: opts.liveReads } : {}),
      ...(opts.connectors ? { connectors: opts.connectors } : {}),
      note: (n) => notes.push(n),
      source: (req, s) => sources.set(attemptKey(req), s),
    }),
    safety: createSafetyLookupPort(opts.safety ?? { protected: [], autoOk: [] }),
    approvals: NO_APPROVALS,
    ...(opts.workflows ? { workflows: opts.workflows } : {}),
    ...(opts.expressions ? { expressions: opts.expressions } : {}),
    // Every wait becomes a stored timer, which the driver below jumps to.
    limits: { inlineWaitMs: 0, ...opts.limits },
    stubs: {
      subworkflow: (call) => {
        const stub = answer(call);
        if (stub) sources.set(attemptKey(call), 'fixture');
        return stub;
      },
    },
  });
  await engine.start(doc, event, { runId: RUN_ID });
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const open = store.open();
    if (!open.some((r) => r.runId === RUN_ID)) break;
    if (await decideApprovals(engine, store, opts.approvals ?? {}, opts.approvalPolicy ?? 'approved')) continue;
    const next = Math.min(...open.map((r) => r.wakeAt ?? Infinity));
    if (next === Infinity) break;
    clock.set(next);
    await engine.wakeDue(1_000);
  }
  return result(store, notes, sources, opts.connectors);
}

/** Where each performed attempt's answer came from, by `attemptKey`. */
type Sources = Map<string, StepSource>;
const attemptKey = (a: { runId: string; stepKey: string; attempt: number }) => `${a.runId} ${a.stepKey} ${a.attempt}`;

/**
 * Answers every open approval task the way its fixture or the policy says; true if any
 * was. A fixture at level L waits until the task has escalated to L (the virtual clock
 * passing `escalation[L-1].after`), then the votes carry that level; a level beyond the
 * step's escalations is decided at its last one. `timeout` never decides.
 */
async function decideApprovals(
  engine: Engine,
  store: MemoryRunStore,
  fixtures: ApprovalFixtures,
  policy: ApprovalPolicy,
): Promise<boolean> {
  let decided = false;
  for (const { runId } of store.open()) {
    const stored = await store.load(runId);
    for (const t of stored?.state.tokens ?? []) {
      if (t.wait?.kind !== 'approval' || t.wait.approval.decision) continue;
      // Like fixtures, approval outcomes name the document's steps, not a sub-workflow's.
      const fixture = runId === RUN_ID && Object.hasOwn(fixtures, t.stepId) ? fixtures[t.stepId] : undefined;
      const decision = fixture?.decision ?? policy;
      if (decision === 'timeout') continue;
      const { task, level } = t.wait.approval;
      const wanted = Math.min(fixture?.level ?? 0, task.escalation.length);
      if (level < wanted) continue;
      const votes = decision === 'approved' ? task.quorum : 1;
      for (let i = 1; i <= votes; i++) {
        await engine.decide(runId, task.id, {
          decision,
          by: `simulated-approver-${i}`,
          comment: 'simulation',
          level: wanted,
        });
      }
      decided = true;
    }
  }
  return decided;
}

async function result(
  store: MemoryRunStore,
  notes: SimulationNote[],
  sources: Sources,
  connectors: SimulatedConnectors | undefined,
): Promise<SimulationResult> {
  const root = await store.load(RUN_ID);
  if (!root) throw new Error('the simulated run was not stored');
  const trace: AttemptRecord[] = [];
  for (const id of store.runIds()) {
    for (const a of (await store.load(id))?.attempts ?? []) {
      const source = sources.get(attemptKey(a));
      trace.push(source === undefined ? a : { ...a, source });
    }
  }
  trace.sort((a, b) => a.startedAt - b.startedAt);
  const { state } = root;
  const startedAt = state.startedAt ?? root.run.createdAt;
  const finishedAt = state.finishedAt ?? state.updatedAt;
  const out: SimulationResult = {
    runId: RUN_ID,
    status: state.status,
    path: pathOf(root.results),
    trace,
    effects: effectsReport(trace, connectors),
    notes,
    startedAt,
    finishedAt,
    durationMs: finishedAt - startedAt,
  };
  const bounds = loopBounds(trace);
  if (bounds.length > 0) out.bounds = bounds;
  if (state.output !== undefined) out.output = state.output;
  if (state.message !== undefined) out.message = state.message;
  if (state.error !== undefined) out.error = state.error;
  if (!TERMINAL.has(state.status)) out.message ??= 'the simulation stopped with the run still waiting';
  return out;
}
