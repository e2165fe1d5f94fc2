/**
 * The replay runner (issue 15 §1, §3): in-process, one item at a time, started with the app
 * and stopped on close — the shape of the test runner. It claims queued items (`FOR UPDATE
 * SKIP LOCKED`: several processes share the queue), simulates the candidate version on the
 * item's real event with the live run's own answers as fixtures and its approval decisions
 * as approval outcomes (the organisation's safety lists, the installed connectors'
 * examples for what the live run never asked; never a live call, never a credential),
 * stores the simulation as a Run (its trace opens on the canvas), compares it with the
 * live run and stores the diff. Items of a replay are queued when it is asked for; a
 * shadow's when a live run of its workflow finishes (`onRun`).
 *
 * Each pass also ends shadows whose period is over and, at most every `sweepMs`, deletes
 * stored events older than REPLAY_RETENTION_DAYS. Items left `running` by a stopped
 * process are queued again at start.
 */
import type { AppContext } from '../../context';
import { simulate, TERMINAL, type SimulationResult } from '../../engine';
import type { RunEvent } from '../../executor/events';
import { transaction } from '../../store/db';
import {
  activeShadowWorkflows,
  claimReplayItem,
  deleteReplayEventsBefore,
  endExpiredShadows,
  finishReplayItem,
  loadLiveRun,
  queueShadowItems,
  requeueInterruptedItems,
  type ClaimedItem,
} from '../../store/replays';
import { findVersionById, publishedDocumentResolver } from '../../store/versions';
import { createQueueWorker } from '../queue-worker';
import { loadStored } from '../workflows/documents';
import { storeSimulation } from '../workflows/simulation-runs';
import type { SimulationDeps } from '../workflows/simulations';
import { behaviouralDiff, type Behaviour, type BehaviourDiff } from './diff';
import { liveBehaviour, liveEvent, liveFixtures, toBehaviourEffect } from './live';

export interface ReplayRunnerDeps extends SimulationDeps {
  /** How often the runner looks for queued items when nobody tells it. @default 1000 */
  pollMs?: number;
  /** How often stored events past their retention are deleted. @default 3600000 (an hour) */
  sweepMs?: number;
}

const DAY = 86_400_000;

/** The candidate's behaviour: its own run's steps (a sub-workflow step answered as its fixture). */
function candidateBehaviour(sim: SimulationResult): Behaviour {
  const own = sim.trace.filter((a) => a.runId === sim.runId);
  const idOf = new Map(own.map((a) => [a.stepKey, a.stepId]));
  return {
    status: sim.status,
    path: sim.path.map((key) => idOf.get(key) ?? key),
    effects: sim.effects.filter((e) => e.runId === sim.runId).map(toBehaviourEffect(false)),
  };
}

export function createReplayRunner(ctx: AppContext, deps: ReplayRunnerDeps) {
  const { prisma } = ctx;
  const now = () => new Date(ctx.clock.now());
  let sweptAt = -Infinity;
  /** Workflows with an active shadow, refreshed every pass: a finished run of another one costs no query. */
  let shadowed = new Set<string>();

  /** The candidate simulated on the live run's event, stored, and compared. */
  async function compare(item: ClaimedItem): Promise<{ diff: BehaviourDiff; simulationRunId: string | null }> {
    const live = await loadLiveRun(prisma, item.liveRunId);
    const version = await findVersionById(prisma, item.versionId);
    const fail = (live: Behaviour, message: string) => ({
      diff: behaviouralDiff(live, null, message),
      simulationRunId: null,
    });
    if (!live) return fail({ status: 'failed', path: [], effects: [] }, 'the live run is gone');
    const liveSide = liveBehaviour(live, deps.connectors);
    const { parsed, problems } = version ? loadStored(version.document) : { parsed: undefined, problems: [] };
    if (!version || !parsed) return fail(liveSide, 'the candidate version is not a valid document');
    if (problems.length > 0) {
      return fail(
        liveSide,
        `version ${version.number} has ${problems.length} problem(s): ${problems[0]?.message ?? ''}`,
      );
    }
    const event = liveEvent(live);
    const { fixtures, approvals } = liveFixtures(live, parsed);
    let sim: SimulationResult;
    try {
      sim = await simulate(parsed, event, {
        fixtures,
        approvals,
        approvalPolicy: 'approved',
        safety: await deps.safety.list(),
        workflows: publishedDocumentResolver(prisma),
        startAt: (live.startedAt ?? live.createdAt).getTime(),
        ...(deps.connectors ? { connectors: deps.connectors } : {}),
        ...(deps.expressions ? { expressions: deps.expressions } : {}),
        ...(deps.limits ? { limits: deps.limits } : {}),
      });
    } catch (e) {
      return fail(liveSide, `the simulation broke: ${e instanceof Error ? e.message : String(e)}`);
    }
    const simulationRunId = await storeSimulation(prisma, sim, {
      workflowId: item.workflowId,
      versionId: item.versionId,
      input: { event, liveRunId: live.id, replay: item.replayId },
      extra: { replay: item.replayId, liveRunId: live.id },
      startedAt: new Date(sim.startedAt),
      finishedAt: now(),
      createdById: item.requestedById,
    });
    const candidate = candidateBehaviour(sim);
    const message = TERMINAL.has(sim.status) ? undefined : `the candidate stopped ${sim.status}`;
    return { diff: behaviouralDiff(liveSide, candidate, message), simulationRunId };
  }

  async function runClaimed(item: ClaimedItem): Promise<void> {
    let result: { diff: BehaviourDiff; simulationRunId: string | null };
    try {
      result = await compare(item);
    } catch (e) {
      ctx.log.error({ err: e, itemId: item.id }, 'replay item broke');
      const why = `the replay broke: ${e instanceof Error ? e.message : String(e)}`;
      result = { diff: behaviouralDiff({ status: 'failed', path: [], effects: [] }, null, why), simulationRunId: null };
    }
    await transaction(prisma, (tx) =>
      finishReplayItem(tx, item, { ...result, outcome: result.diff.outcome, at: now() }),
    );
  }

  /** Ends shadows past their period, deletes events past retention (at most every `sweepMs`); returns how many events. */
  async function sweep(force = false): Promise<number> {
    await endExpiredShadows(prisma, now());
    shadowed = new Set(await activeShadowWorkflows(prisma));
    const t = ctx.clock.now();
    if (!force && t - sweptAt < (deps.sweepMs ?? 3_600_000)) return 0;
    sweptAt = t;
    const days = ctx.config.REPLAY_RETENTION_DAYS;
    // 0 keeps nothing new; what an earlier setting kept goes too.
    return deleteReplayEventsBefore(prisma, new Date(t - days * DAY));
  }

  /** One item at a time in this process. */
  const worker = createQueueWorker({
    what: 'replay items',
    log: ctx.log,
    ...(deps.pollMs !== undefined ? { pollMs: deps.pollMs } : {}),
    requeue: () => requeueInterruptedItems(prisma),
    claim: () => claimReplayItem(prisma),
    run: runClaimed,
    beforePass: async () => {
      await sweep();
    },
  });
  const { wake } = worker;

  return {
    wake,
    /** A shadow started or stopped here: seen at once by `onRun` (other processes see it at their next pass). */
    shadowsChanged(workflowId: string, active: boolean): void {
      if (active) shadowed.add(workflowId);
      else wake();
    },
    /**
     * A run's status changed (executor events): when a live run of a shadowed workflow has
     * ended here, each active shadow of it gets an item. Never throws.
     */
    onRun(e: Pick<RunEvent, 'runId' | 'workflowId' | 'status' | 'local'>): void {
      if (!e.local || !e.workflowId || !shadowed.has(e.workflowId) || !TERMINAL.has(e.status)) return;
      queueShadowItems(prisma, e.runId, now())
        .then((queued) => {
          if (queued > 0) wake();
        })
        .catch((err: unknown) => ctx.log.warn({ err, runId: e.runId }, 'queueing shadow items failed'));
    },
    sweep,
    start: worker.start,
    stop: worker.stop,
    /** Runs every queued item now (also when not started); resolves with how many ran. */
    drain: worker.drain,
  };
}

export type ReplayRunner = ReturnType<typeof createReplayRunner>;
