/**
 * Starting live runs (the RunStarter contract): validate against the PUBLISHED version,
 * record the run durably as `queued` in one INSERT, then drive it in this process at
 * once (its lease is ours; if we die, another executor claims it when the lease expires).
 */
import type { WorkflowDocument } from '@autonomic/workflow';
import { newId } from '../../db/ids';
import type { Executor } from '../../executor';
import { AppError, ConflictError, NotFoundError } from '../../errors';
import { insertLiveRun } from '../../store/runs-create';
import { initialState } from '../../store/runs-load';
import { readRunSummary } from '../../store/runs-status';
import { findStartableWorkflow } from '../../store/runs-workflows';
import type { AppContext } from '../../context';
import type { RunStarter } from '../contracts';
import { EventSchemas } from './event-schema';
import { eventTimeOf } from './event-time';
import { waitForRun } from './wait';

interface Startable {
  id: string;
  versionId: string;
  document: WorkflowDocument;
}

export interface RunStarterService extends RunStarter {
  /** Path prefix of event fields in 400 details (`body` for a webhook, `body.event` for the API). */
  startLiveAt(input: Parameters<RunStarter['startLive']>[0], eventPath: string): ReturnType<RunStarter['startLive']>;
}

export function createRunStarter(ctx: AppContext, executor: Executor): RunStarterService {
  const schemas = new EventSchemas();
  /** Only startable workflows are cached; the INSERT re-checks version and kill switch atomically. */
  const cache = new Map<string, Startable>();

  async function startable(ref: string, fresh: boolean): Promise<Startable> {
    const hit = fresh ? undefined : cache.get(ref);
    if (hit) return hit;
    const docs = executor.documents;
    const w = await findStartableWorkflow(executor.sql, ref, docs.cachedVersionIds());
    if (!w) throw new NotFoundError(`workflow ${ref}`);
    if (!w.publishedVersionId) throw new ConflictError('the workflow has no published version', 'not_published');
    if (w.killSwitch) throw new AppError(423, 'kill_switch', "the workflow's kill switch is on: no new run starts");
    const origin = { workflowId: w.id, versionId: w.publishedVersionId };
    const entry = { ...origin, id: w.id, document: docs.get(origin.versionId) ?? docs.add(origin, w.document) };
    if (cache.size > 1_000) cache.clear();
    cache.set(ref, entry);
    return entry;
  }

  const starter: RunStarterService = {
    startLive: (input) => starter.startLiveAt(input, 'body'),

    async startLiveAt(input, eventPath) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const w = await startable(input.workflowId, attempt > 0);
        const problems = schemas.check(w.versionId, w.document.trigger.inputSchema, input.event, eventPath);
        if (problems.length > 0) {
          throw new AppError(400, 'invalid_event', "the event does not match the trigger's input schema", problems);
        }
        const createdAt = ctx.clock.now();
        const id = newId(createdAt);
        // Beyond its concurrency this process leaves new runs to the claim loop (here or elsewhere).
        const local = executor.hasCapacity();
        const at = input.eventTimestamp?.getTime() ?? eventTimeOf(input.event);
        const out = await insertLiveRun(executor.sql, {
          id,
          workflowId: w.id,
          versionId: w.versionId,
          triggerType: input.trigger,
          event: input.event,
          createdAt,
          eventTimestamp: at ?? null,
          createdById: input.actor?.userId ?? null,
          dedupeKey: input.dedupeKey ?? null,
          leaseOwner: local ? executor.workerId : null,
          leaseMs: executor.leaseMs,
        });
        if (out.inserted) {
          if (local) {
            const run = { id, document: w.document, event: input.event, createdAt, depth: 0 };
            const maxDestructive = out.maxDestructive === null ? {} : { maxDestructive: out.maxDestructive };
            const stored = {
              run: { ...run, ...maxDestructive },
              state: initialState(createdAt),
              results: [],
              attempts: [],
            };
            executor.store.prime(stored, w.id);
            executor.run(id).catch(() => undefined);
          } else executor.announceWork();
          return { runId: id, deduplicated: false };
        }
        if (out.existingRunId) return { runId: out.existingRunId, deduplicated: true };
        // Not inserted and no run with the key yet: a concurrent duplicate still committing,
        // or the workflow changed (unpublished, new version, kill switch): look again.
      }
      throw new ConflictError('the workflow changed while the run was starting; try again');
    },

    waitForRun: (runId, timeoutMs) =>
      waitForRun(executor, runId, timeoutMs, () => readRunSummary(executor.sql, runId)).then((s) => ({
        ...s,
        runId,
      })),
  };
  return starter;
}
