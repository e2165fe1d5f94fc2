/**
 * The engine's run store with a bell on its commits: after every commit that is durable,
 * `ring` gets the run's row id (followers of the run read it; other processes are told
 * through the broadcaster). Everything else passes through unchanged.
 */
import type { RunStore } from '../engine';
import { dbRunId } from '../store/runs-ids';

// Compiles only while every member of the port, optional ones too, is passed through below
// (a store member hidden by this wrapper once cost the engine its in-memory pure steps).
type Unpassed = Exclude<keyof RunStore, 'commit' | 'load' | 'due' | 'holds'>;
const everyMemberPassed: [Unpassed] extends [never] ? true : false = true;
void everyMemberPassed;

export function ringOnCommit(store: RunStore, ring: (dbId: string) => void): RunStore {
  const rung: RunStore = {
    async commit(runId, commit) {
      await store.commit(runId, commit);
      ring(dbRunId(runId));
    },
    load: (runId) => store.load(runId),
    due: (now, limit) => store.due(now, limit),
  };
  if (store.holds) {
    const holds = store.holds.bind(store);
    rung.holds = (runId) => holds(runId);
  }
  return rung;
}
