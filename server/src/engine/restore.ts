import { itemScope } from './scope';
import type { RunSession } from './session';
import type { StoredRun } from './state';

/**
 * Rebuilds a session's live structures from a stored run: completed results (never run
 * again), live tokens with their current attempt (an in-flight one keeps its number, so
 * its idempotency key), loops with the scopes of their items in flight, and joins.
 */
export function restore(s: RunSession, stored: StoredRun): void {
  const { state } = stored;
  for (const r of stored.results) s.results.set(r.key, r);
  for (const loop of state.loops) {
    s.loops.set(loop.key, loop);
    const parent = s.scopes.get(loop.scopeId);
    const items = s.results.get(`${loop.key}#items`)?.output;
    if (!parent) continue;
    for (const item of loop.running) {
      const scope = itemScope(parent, loop, item, Array.isArray(items) ? items[item.index] : undefined);
      s.scopes.set(scope.id, scope);
    }
  }
  for (const r of [...stored.results].sort((a, b) => a.seq - b.seq)) {
    if (r.kind === 'step') {
      const scope = s.scopes.get(r.scopeId);
      if (scope) scope.steps[r.stepId] = { output: r.output };
    }
  }
  for (const t of state.tokens) {
    s.tokens.set(t.key, t);
    const scope = s.scopes.get(t.scopeId);
    if (scope) scope.live++;
  }
  for (const j of state.joins) {
    s.joins.set(j.key, j);
    const scope = s.scopes.get(j.scopeId);
    if (scope && !s.tokens.has(j.key)) scope.pendingJoins++;
  }
  const current = new Map(state.tokens.map((t) => [`${t.key}:${t.attempt}`, t.key]));
  for (const a of stored.attempts) {
    const key = current.get(`${a.stepKey}:${a.attempt}`);
    if (key !== undefined) s.trace.current.set(key, a);
  }
}
