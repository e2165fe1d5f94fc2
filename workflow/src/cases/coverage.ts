/**
 * Coverage of a version by its test cases: which edges and wired ports the cases' runs
 * exercised, and, listed one by one because a reviewer asks for them by name, every
 * destructive step (reached by which cases, refused on a protected target by which) and
 * every wired error port (followed by which cases). Pure: the server, the CLI and the
 * tests compute it the same way from the runs' attempts.
 */
import type { WorkflowDocument } from '../document';
import { effectOf } from '../diff/steps';
import { isRecord } from '../problem';

/** What coverage needs of one attempt of a case's top-level run (a sub-workflow's runs are not this graph's). */
export interface CoveredAttempt {
  stepId: string;
  /** The port the attempt left by (`error` for a failure its error port caught). */
  port?: string | undefined;
  /** The safety decision on its target, when it had one. */
  safety?: { decision: string } | undefined;
  /** What the step answered (read of a safety lookup's `protected`). */
  output?: unknown;
}

export interface CaseRun {
  name: string;
  /** Attempts of the case's top-level run; none when the case could not run. */
  attempts: readonly CoveredAttempt[];
}

export interface EdgeCoverage {
  from: string;
  port: string;
  to: string;
  /** Names of the cases that went along this edge. */
  cases: string[];
}

export interface DestructiveCoverage {
  stepId: string;
  label: string;
  /** Cases whose run reached the step (refused or not). */
  reachedBy: string[];
  /** Cases in which the step was refused by the safety list (a protected target). */
  refusedBy: string[];
  /**
   * Cases in which an auto-OK check guarding the step held it back from a protected target:
   * its safety lookup found the target protected, the condition on the lookup's `autoOk`
   * left by `false`, and the step did not run. A protected target is never auto-OK, so for
   * a step behind such a check this is how "refused on a protected target" shows.
   */
  heldBackBy: string[];
}

export interface ErrorPortCoverage {
  stepId: string;
  label: string;
  /** Cases whose run left the step by its error port. */
  cases: string[];
}

export interface Coverage {
  edges: EdgeCoverage[];
  /** Covered and total edges; `percent` is covered / total, rounded down to a tenth (100 with no edge). */
  covered: number;
  total: number;
  percent: number;
  destructive: DestructiveCoverage[];
  errorPorts: ErrorPortCoverage[];
}

/** How much of `doc` the runs of its cases exercised. */
export function coverageOf(doc: WorkflowDocument, runs: readonly CaseRun[]): Coverage {
  /** step id → port → the cases that left the step by that port. */
  const left = new Map<string, Map<string, Set<string>>>();
  /** step id → cases that reached it; and those in which it was refused. */
  const reached = new Map<string, Set<string>>();
  const refused = new Map<string, Set<string>>();
  /** condition id → cases that left it by `false`; safety lookup id → cases in which it found a protected target. */
  const leftFalse = new Map<string, Set<string>>();
  const foundProtected = new Map<string, Set<string>>();
  const add = <K>(m: Map<K, Set<string>>, k: K, name: string) => m.set(k, (m.get(k) ?? new Set()).add(name));
  for (const run of runs) {
    if (run.attempts.length > 0) add(ports(left, doc.trigger.id), 'out', run.name);
    for (const a of run.attempts) {
      add(reached, a.stepId, run.name);
      if (a.safety?.decision === 'refuse') add(refused, a.stepId, run.name);
      if (a.port !== undefined) add(ports(left, a.stepId), a.port, run.name);
      if (a.port === 'false') add(leftFalse, a.stepId, run.name);
      if (isRecord(a.output) && a.output['protected'] === true) add(foundProtected, a.stepId, run.name);
    }
  }
  const edges: EdgeCoverage[] = [];
  const nodes: Array<[string, Record<string, string[]>]> = [
    [doc.trigger.id, doc.trigger.transitions],
    ...Object.entries(doc.steps).map(([id, s]): [string, Record<string, string[]>] => [id, s.transitions]),
  ];
  for (const [from, transitions] of nodes) {
    for (const [port, targets] of Object.entries(transitions)) {
      // A for-each's own attempt leaves by `done`; its items start the body without an
      // attempt of their own, so the `item` edge went wherever the for-each ran (a
      // repeat-until loop's `body` edge likewise).
      const type = doc.steps[from]?.type;
      const itemEdge = (port === 'item' && type === 'foreach') || (port === 'body' && type === 'loop');
      const went = itemEdge
        ? (reached.get(from) ?? new Set<string>())
        : (left.get(from)?.get(from === doc.trigger.id ? 'out' : port) ?? new Set<string>());
      for (const to of targets) {
        const arrived = reached.get(to) ?? new Set<string>();
        edges.push({ from, port, to, cases: sorted([...went].filter((n) => arrived.has(n))) });
      }
    }
  }
  const covered = edges.filter((e) => e.cases.length > 0).length;
  const steps = Object.entries(doc.steps).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    edges,
    covered,
    total: edges.length,
    percent: edges.length === 0 ? 100 : Math.floor((covered / edges.length) * 1000) / 10,
    destructive: steps
      .filter(([, s]) => effectOf(s) === 'destructive')
      .map(([id, s]) => ({
        stepId: id,
        label: s.label,
        reachedBy: sorted(reached.get(id) ?? []),
        refusedBy: sorted(refused.get(id) ?? []),
        heldBackBy: sorted(
          autoOkGuardsOf(doc, id).flatMap(({ condition, lookup }) =>
            [...(leftFalse.get(condition) ?? [])].filter(
              (n) => (foundProtected.get(lookup)?.has(n) ?? false) && !(reached.get(id)?.has(n) ?? false),
            ),
          ),
        ),
      })),
    errorPorts: steps
      .filter(([, s]) => (s.transitions['error'] ?? []).length > 0)
      .map(([id, s]) => ({ stepId: id, label: s.label, cases: sorted(left.get(id)?.get('error') ?? []) })),
  };
}

/** `steps.<lookup>.output.autoOk` in a condition's predicate: the condition is an auto-OK check. */
const AUTO_OK_READ = /\bsteps\.([A-Za-z_][A-Za-z0-9_]*)\.output\.autoOk\b/g;

/**
 * The auto-OK checks in front of `stepId`: conditions whose predicate reads a safety
 * lookup's `autoOk` and whose `true` branch reaches the step.
 */
function autoOkGuardsOf(doc: WorkflowDocument, stepId: string): Array<{ condition: string; lookup: string }> {
  const guards: Array<{ condition: string; lookup: string }> = [];
  for (const [id, step] of Object.entries(doc.steps)) {
    if (step.type !== 'condition') continue;
    const predicate = (step.params as { predicate?: unknown }).predicate;
    if (typeof predicate !== 'string') continue;
    const lookups = [...predicate.matchAll(AUTO_OK_READ)]
      .map((m) => m[1] as string)
      .filter((l) => doc.steps[l]?.type === 'safety-lookup');
    if (lookups.length === 0 || !reaches(doc, step.transitions['true'] ?? [], stepId)) continue;
    for (const lookup of new Set(lookups)) guards.push({ condition: id, lookup });
  }
  return guards;
}

function reaches(doc: WorkflowDocument, from: readonly string[], target: string): boolean {
  const seen = new Set<string>();
  const stack = [...from];
  while (stack.length > 0) {
    const n = stack.pop() as string;
    if (n === target) return true;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const next of Object.values(doc.steps[n]?.transitions ?? {})) stack.push(...next);
  }
  return false;
}

function ports(m: Map<string, Map<string, Set<string>>>, id: string): Map<string, Set<string>> {
  let found = m.get(id);
  if (!found) m.set(id, (found = new Map()));
  return found;
}

const sorted = (names: Iterable<string>) => [...names].sort();
