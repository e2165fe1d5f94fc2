/**
 * The engine's run store with a bell on its commits: after every commit that is durable,
 * `ring` gets the run's row id (followers of the run read it; other processes are told
 * through the broadcaster). Loads and timers pass through unchanged.
 */
import type { RunStore } from '../engine';
import { dbRunId } from '../store/runs-ids';

export function ringOnCommit(store: RunStore, ring: (dbId: string) => void): RunStore {
  return {
    async commit(runId, commit) {
      await store.commit(runId, commit);
      ring(dbRunId(runId));
    },
    load: (runId) => store.load(runId),
    due: (now, limit) => store.due(now, limit),
    // A held run (not stored yet) commits pure progress only at a durable point (start.ts).
    holds: (runId) => store.holds?.(runId) === true,
  };
}
