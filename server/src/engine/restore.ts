import type { Flow } from './flow';
import type { LiveRun } from './live-run';
import { stepView } from './scope';
import type { StoredRun } from './state';

/**
 * Rebuilds a session's live structures from a stored run whose results the session
 * already holds (never run again): loops with the scopes of their items in flight, the
 * step outputs each scope sees, live tokens with their current attempt (an in-flight one
 * keeps its number, so its idempotency key), and joins.
 */
export function restore(run: LiveRun, flow: Flow, stored: StoredRun): void {
  const { state } = stored;
  for (const loop of state.loops) flow.adoptLoop(loop);
  for (const r of [...stored.results].sort((a, b) => a.seq - b.seq)) {
    if (r.kind === 'step') {
      const scope = run.scope(r.scopeId);
      if (scope) scope.steps[r.stepId] = stepView(r.output, r.error);
    }
  }
  for (const t of state.tokens) run.addToken(t, run.scope(t.scopeId));
  for (const j of state.joins) flow.adoptJoin(j);
  run.trace.adopt(state.tokens, stored.attempts);
}
