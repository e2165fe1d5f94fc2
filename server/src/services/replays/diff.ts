/**
 * The behavioural diff of one real event (issue 15 §1): what the live run did against what
 * the candidate version did in simulation on the same event, with the live run's answers.
 * Pure. Compared:
 * - the path: step ids in the order they first completed. A step that completes several
 *   times (a for-each body, a retried branch) counts once, at its first completion: a
 *   loop over more or fewer items is the same path, and what it did is in the effects.
 * - the status of the run;
 * - the effects (write and destructive steps that reached their effect), matched by step
 *   id and target, then by step id alone: only in the candidate → added; only in the live
 *   run → removed; matched with another action text, target or decision → changed. The
 *   live run's `ran` is the candidate's `would-run`.
 */
import type { BehaviourEffect, ReplayItemView, ReplaySummary, RunStatus } from '@autonomic/api';

export interface Behaviour {
  status: RunStatus;
  /** Step ids in completion order (repeats allowed: they are collapsed here). */
  path: readonly string[];
  effects: readonly BehaviourEffect[];
}

/** The diff part of a ReplayItemView (without the ids and the event time). */
export type BehaviourDiff = Omit<ReplayItemView, 'id' | 'liveRunId' | 'simulationRunId' | 'eventAt'>;

/** Each step id once, at its first completion. */
export function collapsePath(path: readonly string[]): string[] {
  return [...new Set(path)];
}

const targetOf = (e: BehaviourEffect) => (e.target ? `${e.target.kind}:${e.target.value}` : '');
/** `ran` (live) and `would-run` (simulated) are the same decision. */
const decisionOf = (e: BehaviourEffect) => (e.decision === 'ran' ? 'would-run' : e.decision);
const sameEffect = (a: BehaviourEffect, b: BehaviourEffect) =>
  a.action === b.action && targetOf(a) === targetOf(b) && decisionOf(a) === decisionOf(b) && a.effect === b.effect;

/** Pairs live and candidate effects: first by step id and target, then by step id alone, each in order. */
function pairEffects(live: readonly BehaviourEffect[], candidate: readonly BehaviourEffect[]) {
  const left = [...live];
  const right = [...candidate];
  const pairs: Array<[BehaviourEffect, BehaviourEffect]> = [];
  const take = (match: (a: BehaviourEffect, b: BehaviourEffect) => boolean) => {
    for (let i = 0; i < left.length;) {
      const a = left[i] as BehaviourEffect;
      const j = right.findIndex((b) => match(a, b));
      if (j < 0) {
        i++;
        continue;
      }
      pairs.push([a, right[j] as BehaviourEffect]);
      left.splice(i, 1);
      right.splice(j, 1);
    }
  };
  take((a, b) => a.stepId === b.stepId && targetOf(a) === targetOf(b));
  take((a, b) => a.stepId === b.stepId);
  return { pairs, removed: left, added: right };
}

/** The diff of one event; `candidate` null when it could not be simulated (`message` says why). */
export function behaviouralDiff(live: Behaviour, candidate: Behaviour | null, message?: string): BehaviourDiff {
  const liveView = { status: live.status, path: collapsePath(live.path) };
  if (!candidate) {
    return {
      outcome: 'error',
      live: liveView,
      candidate: null,
      pathChanged: false,
      statusChanged: false,
      effects: { added: [], removed: [], changed: [] },
      ...(message === undefined ? {} : { message }),
    };
  }
  const candidateView = { status: candidate.status, path: collapsePath(candidate.path) };
  const { pairs, added, removed } = pairEffects(live.effects, candidate.effects);
  const changed = pairs.filter(([a, b]) => !sameEffect(a, b)).map(([before, after]) => ({ before, after }));
  const pathChanged = liveView.path.join('\u0000') !== candidateView.path.join('\u0000');
  const statusChanged = live.status !== candidate.status;
  const differs = pathChanged || statusChanged || added.length + removed.length + changed.length > 0;
  return {
    outcome: differs ? 'different' : 'same',
    live: liveView,
    candidate: candidateView,
    pathChanged,
    statusChanged,
    effects: { added, removed, changed },
    ...(message === undefined ? {} : { message }),
  };
}

/** The counts over a replay's compared events. */
export function summarise(items: readonly BehaviourDiff[]): ReplaySummary {
  const s: ReplaySummary = {
    events: items.length,
    same: 0,
    different: 0,
    pathChanged: 0,
    statusChanged: 0,
    effectsAdded: 0,
    effectsRemoved: 0,
    effectsChanged: 0,
    errors: 0,
  };
  for (const i of items) {
    if (i.outcome === 'same') s.same++;
    else if (i.outcome === 'different') s.different++;
    else s.errors++;
    if (i.pathChanged) s.pathChanged++;
    if (i.statusChanged) s.statusChanged++;
    s.effectsAdded += i.effects.added.length;
    s.effectsRemoved += i.effects.removed.length;
    s.effectsChanged += i.effects.changed.length;
  }
  return s;
}
