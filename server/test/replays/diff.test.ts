/**
 * The behavioural diff (issue 15 §1): the live run against the candidate's simulation of the
 * same event — path (step ids, a loop's repeats collapsed), status, and effects matched by
 * step id and target (added, removed, changed; the live `ran` is the simulated `would-run`).
 */
import type { BehaviourEffect } from '@autonomic/api';
import { describe, expect, it } from 'vitest';
import { behaviouralDiff, collapsePath, summarise, type Behaviour } from '../../src/services/replays/diff';

const block = (ip: string, decision: BehaviourEffect['decision'] = 'ran', stepId = 'block'): BehaviourEffect => ({
  stepId,
  action: `block IP ${ip}`,
  target: { kind: 'ip', value: ip },
  effect: 'destructive',
  decision,
});
const ticket: BehaviourEffect = { stepId: 'ticket', action: 'open a ticket', effect: 'write', decision: 'ran' };
const run = (
  path: string[],
  effects: BehaviourEffect[] = [],
  status: Behaviour['status'] = 'succeeded',
): Behaviour => ({
  status,
  path,
  effects,
});

describe('behaviouralDiff', () => {
  it.each([
    {
      name: 'the same path, status and effects (ran ≡ would-run)',
      live: run(['triage', 'block', 'tell'], [block('198.51.100.7')]),
      candidate: run(['triage', 'block', 'tell'], [block('198.51.100.7', 'would-run')]),
      expected: { outcome: 'same', pathChanged: false, statusChanged: false, added: 0, removed: 0, changed: 0 },
    },
    {
      name: 'a block the candidate skips',
      live: run(['triage', 'block', 'tell'], [block('198.51.100.7')]),
      candidate: run(['triage', 'tell']),
      expected: { outcome: 'different', pathChanged: true, statusChanged: false, added: 0, removed: 1, changed: 0 },
    },
    {
      name: 'a block the candidate adds',
      live: run(['triage', 'tell']),
      candidate: run(['triage', 'block', 'tell'], [block('198.51.100.7', 'would-run')]),
      expected: { outcome: 'different', pathChanged: true, statusChanged: false, added: 1, removed: 0, changed: 0 },
    },
    {
      name: 'the same step now refused',
      live: run(['block'], [block('198.51.100.7')]),
      candidate: run(['block'], [block('198.51.100.7', 'refused')]),
      expected: { outcome: 'different', pathChanged: false, statusChanged: false, added: 0, removed: 0, changed: 1 },
    },
    {
      name: 'the same step on another target',
      live: run(['block'], [block('198.51.100.7')]),
      candidate: run(['block'], [block('198.51.100.8', 'would-run')]),
      expected: { outcome: 'different', pathChanged: false, statusChanged: false, added: 0, removed: 0, changed: 1 },
    },
    {
      name: 'another status only',
      live: run(['block'], [], 'succeeded'),
      candidate: run(['block'], [], 'failed'),
      expected: { outcome: 'different', pathChanged: false, statusChanged: true, added: 0, removed: 0, changed: 0 },
    },
    {
      name: 'a loop over the same targets in another order',
      live: run(['each', 'block', 'block'], [block('198.51.100.1'), block('198.51.100.2')]),
      candidate: run(['each', 'block'], [block('198.51.100.2', 'would-run'), block('198.51.100.1', 'would-run')]),
      expected: { outcome: 'same', pathChanged: false, statusChanged: false, added: 0, removed: 0, changed: 0 },
    },
    {
      name: 'a write replaced by another step',
      live: run(['ticket'], [ticket]),
      candidate: run(['page'], [{ ...ticket, stepId: 'page', action: 'page the on-call', decision: 'would-run' }]),
      expected: { outcome: 'different', pathChanged: true, statusChanged: false, added: 1, removed: 1, changed: 0 },
    },
  ])('when $name then the diff says so', ({ live, candidate, expected }) => {
    const d = behaviouralDiff(live, candidate);
    expect({
      outcome: d.outcome,
      pathChanged: d.pathChanged,
      statusChanged: d.statusChanged,
      added: d.effects.added.length,
      removed: d.effects.removed.length,
      changed: d.effects.changed.length,
    }).toEqual(expected);
  });

  it('when an effect is removed and another added then each is named with its step and target', () => {
    const d = behaviouralDiff(run(['block'], [block('198.51.100.7')]), run(['tell'], [ticket]));
    expect(d.effects.removed).toEqual([block('198.51.100.7')]);
    expect(d.effects.added).toEqual([ticket]);
    expect(d.live.path).toEqual(['block']);
    expect(d.candidate?.path).toEqual(['tell']);
  });

  it('when a decision changes then before and after are both kept', () => {
    const d = behaviouralDiff(
      run(['block'], [block('203.0.113.6')]),
      run(['block'], [block('203.0.113.6', 'refused')]),
    );
    expect(d.effects.changed).toEqual([{ before: block('203.0.113.6'), after: block('203.0.113.6', 'refused') }]);
  });

  it('when the candidate could not be simulated then the outcome is error with why', () => {
    const d = behaviouralDiff(run(['block']), null, 'version 2 has 1 problem(s)');
    expect(d).toMatchObject({ outcome: 'error', candidate: null, message: 'version 2 has 1 problem(s)' });
  });
});

describe('collapsePath', () => {
  it('when a step completes several times then it counts once, at its first completion', () => {
    expect(collapsePath(['each', 'block', 'tell', 'block', 'done'])).toEqual(['each', 'block', 'tell', 'done']);
  });
});

describe('summarise', () => {
  it('when events are same, different and errors then each count adds up', () => {
    const same = behaviouralDiff(run(['a']), run(['a']));
    const different = behaviouralDiff(run(['a'], [block('198.51.100.7')]), run(['b'], [ticket], 'failed'));
    const error = behaviouralDiff(run(['a']), null, 'broke');
    expect(summarise([same, different, error])).toEqual({
      events: 3,
      same: 1,
      different: 1,
      pathChanged: 1,
      statusChanged: 1,
      effectsAdded: 1,
      effectsRemoved: 1,
      effectsChanged: 0,
      errors: 1,
    });
  });
});
