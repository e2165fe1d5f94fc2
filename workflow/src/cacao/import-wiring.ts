import { stepPointers } from './import-checks';
import type { CacaoStep } from './model';

const BRANCHING = new Set(['if-condition', 'switch-condition', 'parallel', 'while-condition']);

function branchRoots(s: CacaoStep): string[] {
  if (s.type === 'parallel') return s.next_steps ?? [];
  if (s.type === 'switch-condition') return Object.values(s.cases ?? {});
  if (s.type === 'while-condition') return s.on_true ? [s.on_true] : [];
  return [s.on_true, s.on_false].filter((x): x is string => typeof x === 'string');
}

/**
 * CACAO branches (of an if, switch, parallel or while) end at an end step, after which
 * the flow goes back to the step that opened them: on to its `on_completion` (a while
 * goes round again). Our graph has no such return, so a pointer from inside a branch to
 * its end step is redirected: `continuation(P)` for the innermost such step P — the loop
 * itself, the join of a parallel, or the `on_completion` step of an if or switch. A
 * branching step without `on_completion` leaves its branch ends as real ends.
 *
 * @returns `"<from>-><end step>"` → the branching step whose continuation replaces it.
 */
export function branchEnds(steps: Record<string, CacaoStep>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [pid, p] of Object.entries(steps)) {
    if (!BRANCHING.has(p.type)) continue;
    if (p.type !== 'while-condition' && !p.on_completion) continue;
    const seen = new Set<string>();
    const walk = (from: string, to: string) => {
      const s = steps[to];
      if (!s) return;
      if (s.type === 'end') {
        out.set(`${from}->${to}`, pid);
        return;
      }
      if (seen.has(to) || to === pid) return;
      seen.add(to);
      const next = BRANCHING.has(s.type)
        ? s.on_completion && s.type !== 'while-condition'
          ? [s.on_completion]
          : s.type === 'while-condition'
            ? [s.on_false ?? s.on_completion].filter((x): x is string => typeof x === 'string')
            : branchRoots(s)
        : stepPointers(s).map((x) => x.to);
      for (const n of next) walk(to, n);
    };
    for (const root of branchRoots(p)) walk(pid, root);
  }
  return out;
}
