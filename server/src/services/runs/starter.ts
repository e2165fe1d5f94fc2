/**
 * Starting live runs (the RunStarter contract): validate against the PUBLISHED version,
 * then hand the run to the executor, which records it durably as `queued` in one INSERT
 * and drives it (see executor/start.ts).
 */
import type { WorkflowDocument } from '@autonomic/workflow';
import type { Executor } from '../../executor';
import { AppError, ConflictError, NotFoundError } from '../../errors';
import type { AppContext } from '../../context';
import { releaseDedupeKey } from '../../store/runs-dedupe';
import type { RunStarter } from '../contracts';
import { EventSchemas } from './event-schema';
import { eventTimeOf } from './event-time';

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
    const w = await executor.findStartable(ref);
    if (!w) throw new NotFoundError(`workflow ${ref}`);
    if (!w.published) throw new ConflictError('the workflow has no published version', 'not_published');
    if (w.killSwitch) throw new AppError(423, 'kill_switch', "the workflow's kill switch is on: no new run starts");
    const entry = { id: w.id, ...w.published };
    if (cache.size > 1_000) cache.clear();
    cache.set(ref, entry);
    return entry;
  }

  /** Frees `key` when its run is older than `windowMs`; false when it still holds. */
  const expired = (key: string | undefined, windowMs: number | undefined): Promise<boolean> =>
    key === undefined || windowMs === undefined
      ? Promise.resolve(false)
      : releaseDedupeKey(ctx.prisma, key, new Date(ctx.clock.now() - windowMs));

  const starter: RunStarterService = {
    startLive: (input) => starter.startLiveAt(input, 'body'),

    async startLiveAt(input, eventPath) {
      let claim = input.claim;
      for (let attempt = 0; attempt < 3; attempt++) {
        const w = await startable(input.workflowId, attempt > 0);
        schemas.assertFits(w.versionId, w.document.trigger.inputSchema, input.event, eventPath);
        const out = await executor.startRun({
          workflowId: w.id,
          versionId: w.versionId,
          document: w.document,
          trigger: input.trigger,
          event: input.event,
          eventTimestamp: input.eventTimestamp?.getTime() ?? eventTimeOf(input.event) ?? null,
          createdById: input.actor?.userId ?? null,
          dedupeKey: input.dedupeKey ?? null,
          ...(claim ? { claim } : {}),
          ...(input.awaitEnd ? { awaitEnd: true } : {}),
        });
        if (out.started) return { runId: out.runId, deduplicated: false };
        if (out.claimSpent) claim = undefined; // this delivery's signature is ours now
        if (out.existingRunId) {
          // A key past its window is released, and the next attempt takes it.
          if (!(await expired(input.dedupeKey, input.dedupeWindowMs))) {
            return { runId: out.existingRunId, deduplicated: true };
          }
          continue;
        }
        // Not inserted and no run with the key yet: a concurrent duplicate still committing,
        // or the workflow changed (unpublished, new version, kill switch): look again.
      }
      throw new ConflictError('the workflow changed while the run was starting; try again');
    },

    waitForRun: (runId, timeoutMs) => executor.waitForRun(runId, timeoutMs).then((s) => ({ ...s, runId })),
  };
  return starter;
}
