/**
 * What a live run tells the candidate (issue 15 §1): each step's answers in the order they
 * came (a retry's failure, then its success) as a call sequence, each approval's decision
 * and level as the approval outcome, nothing for a step the safety guard refused (it never
 * called out) or one the candidate does not have; and its effects as the simulation words
 * them, with `ran` for what it did.
 */
import { describe, expect, it } from 'vitest';
import { liveEffects, liveFixtures } from '../../src/services/replays/live';
import type { LiveRunRecord } from '../../src/store/replays';
import { step, workflow } from '../engine/harness';

const at = (s: number) => new Date(Date.UTC(2026, 11, 6, 10, 0, s));
type Attempt = LiveRunRecord['attempts'][number];
const attempt = (a: Partial<Attempt> & Pick<Attempt, 'stepId' | 'status'>, s: number): Attempt => ({
  stepKey: a.stepId,
  attempt: 1,
  nodeType: 'http',
  effectClass: 'none',
  input: null,
  output: null,
  error: null,
  port: null,
  startedAt: at(s),
  finishedAt: at(s),
  details: null,
  ...a,
});

/**
 * The live run: lookup failed 503 then answered; approve rejected at level 1; block refused
 * (protected); ticket opened; gone is a step the candidate no longer has.
 */
const live: LiveRunRecord = {
  id: '0193a000-0000-7000-8000-000000000001',
  status: 'succeeded',
  mode: 'live',
  startedAt: at(0),
  createdAt: at(0),
  input: { ip: '203.0.113.6' },
  storedEvent: { ip: '203.0.113.6' },
  path: ['lookup', 'approve', 'block', 'ticket'],
  attempts: [
    attempt(
      {
        stepId: 'lookup',
        status: 'failed',
        error: { kind: 'http_5xx', status: 503, message: 'down', retryable: true },
      },
      1,
    ),
    attempt({ stepId: 'lookup', attempt: 2, status: 'succeeded', output: { risk: 90 } }, 2),
    attempt(
      {
        stepId: 'approve',
        nodeType: 'approval',
        status: 'succeeded',
        output: { decision: 'rejected', votes: [], level: 1 },
      },
      3,
    ),
    attempt(
      {
        stepId: 'block',
        effectClass: 'destructive',
        status: 'failed',
        input: { method: 'POST', url: 'https://fw.example/block' },
        error: { kind: 'safety', message: 'refused: protected', retryable: false },
        details: {
          safety: { decision: 'refuse', reason: 'corporate egress' },
          target: { kind: 'ip', value: '203.0.113.6' },
        },
      },
      4,
    ),
    attempt(
      {
        stepId: 'ticket',
        effectClass: 'write',
        status: 'succeeded',
        input: { method: 'POST', url: 'https://t.example/new' },
        output: { id: 7 },
      },
      5,
    ),
    attempt({ stepId: 'gone', status: 'succeeded', output: { x: 1 } }, 6),
  ],
};

const candidate = workflow('lookup', {
  lookup: step('http', { method: 'GET', url: 'https://intel.example/{{ event.ip }}' }, { out: 'approve' }),
  approve: step(
    'approval',
    { approvers: { users: ['bob'] }, timeout: '1h' },
    { approved: 'block', rejected: 'ticket' },
  ),
  block: step('http', { method: 'POST', url: 'https://fw.example/block' }),
  ticket: step('http', { method: 'POST', url: 'https://t.example/new' }),
});

describe('liveFixtures', () => {
  it('when a step failed then answered then the candidate gets both answers in order, by call', () => {
    expect(liveFixtures(live, candidate).fixtures.lookup).toEqual({
      sequence: [{ fail: { kind: 'http_5xx', status: 503, message: 'down' } }, { output: { risk: 90 } }],
      by: 'call',
    });
  });

  it('when an approval was decided then the candidate’s approval is decided alike, at its level', () => {
    expect(liveFixtures(live, candidate).approvals).toEqual({ approve: { decision: 'rejected', level: 1 } });
  });

  it('when a step was refused, or the candidate has no such step, then it answers nothing', () => {
    const { fixtures } = liveFixtures(live, candidate);
    expect(Object.keys(fixtures).sort()).toEqual(['lookup', 'ticket']);
    expect(fixtures.ticket).toEqual({ output: { id: 7 } });
  });
});

describe('liveEffects', () => {
  it('when the live run refused one effect and ran another then both are reported, the one that ran as ran', () => {
    expect(liveEffects(live)).toEqual([
      {
        stepId: 'block',
        action: 'POST https://fw.example/block',
        target: { kind: 'ip', value: '203.0.113.6' },
        effect: 'destructive',
        decision: 'refused',
      },
      { stepId: 'ticket', action: 'POST https://t.example/new', effect: 'write', decision: 'ran' },
    ]);
  });
});
