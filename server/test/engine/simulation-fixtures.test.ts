import { StepFixture } from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import { fixturesFromOutputs, simulate, type SimulationResult } from '../../src/engine';
import { get, post, step, transform, workflow } from './harness';

const HOUR = 3_600_000;
const ok = (body: unknown) => ({ output: { status: 200, headers: {}, body } });
const http503 = { fail: { kind: 'http_5xx' as const, status: 503 } };
const fixtures = (f: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(f).map(([id, v]) => [id, StepFixture.parse(v)]));
const attemptsOf = (sim: SimulationResult, stepId: string) => sim.trace.filter((a) => a.stepId === stepId);
/** The last output of a step (a run without an end step has no output of its own). */
const outputOf = (sim: SimulationResult, stepId: string) => attemptsOf(sim, stepId).at(-1)?.output;

describe('simulate: injected failures', () => {
  /** start → lookup (GET, retry as given) ─out→ use ; ─error→ fallback (when wired) */
  const lookupDoc = (opts: { error?: boolean; retry?: Record<string, unknown> } = {}) =>
    workflow('lookup', {
      lookup: get(
        'https://intel.example/{{ event.ip }}',
        { out: 'use', ...(opts.error ? { error: 'fallback' } : {}) },
        opts.retry ? { retry: opts.retry } : {},
      ),
      use: transform('steps.lookup.output.body.score'),
      fallback: transform('"intel down: " & steps.lookup.error.message'),
    });

  it('when a lookup answers 503 and its error port is wired then the run follows the error port', async () => {
    const sim = await simulate(lookupDoc({ error: true }), {}, { fixtures: fixtures({ lookup: http503 }) });

    expect(sim.status).toBe('succeeded');
    expect(sim.path).toEqual(['lookup', 'fallback']);
    expect(outputOf(sim, 'fallback')).toBe('intel down: injected by the test case: HTTP 503');
    expect(attemptsOf(sim, 'lookup')).toMatchObject([
      { status: 'failed', port: 'error', source: 'fixture', error: { kind: 'http_5xx', status: 503, retryable: true } },
    ]);
  });

  it('when a lookup answers 503 and has no error port then the run fails with the injected error', async () => {
    const sim = await simulate(lookupDoc(), {}, { fixtures: fixtures({ lookup: http503 }) });

    expect(sim.status).toBe('failed');
    expect(sim.error).toMatchObject({ kind: 'http_5xx', status: 503, stepId: 'lookup' });
  });

  it('when a sequence by attempt answers 503, 503, ok under a 3-attempt retry then the third attempt succeeds', async () => {
    const retry = { maxAttempts: 3, initialDelayMs: 1_000, multiplier: 2, jitter: 0 };
    const lookup = { sequence: [http503, http503, ok({ score: 77 })], by: 'attempt' };

    const sim = await simulate(lookupDoc({ retry }), {}, { fixtures: fixtures({ lookup }) });

    expect(sim.status).toBe('succeeded');
    expect(outputOf(sim, 'use')).toBe(77);
    expect(attemptsOf(sim, 'lookup').map((a) => [a.attempt, a.status, a.source])).toEqual([
      [1, 'failed', 'fixture'],
      [2, 'failed', 'fixture'],
      [3, 'succeeded', 'fixture'],
    ]);
    expect(sim.durationMs).toBe(3_000);
  });

  it('when a timeout is injected then it fails as a timeout, is retried as one and is caught by the error port', async () => {
    const retry = { maxAttempts: 2, initialDelayMs: 10, jitter: 0 };
    const lookup = { fail: { kind: 'timeout', message: 'intel took too long' } };

    const sim = await simulate(lookupDoc({ error: true, retry }), {}, { fixtures: fixtures({ lookup }) });

    expect(attemptsOf(sim, 'lookup').map((a) => a.error)).toEqual([
      { kind: 'timeout', message: 'intel took too long', retryable: true },
      { kind: 'timeout', message: 'intel took too long', retryable: true },
    ]);
    expect(sim.path).toEqual(['lookup', 'fallback']);
  });

  it('when a client error is injected then it is not retried, as a live 404 is not', async () => {
    const retry = { maxAttempts: 3, initialDelayMs: 10, jitter: 0 };
    const lookup = { fail: { kind: 'http_4xx', status: 404 } };

    const sim = await simulate(lookupDoc({ retry }), {}, { fixtures: fixtures({ lookup }) });

    expect(attemptsOf(sim, 'lookup')).toHaveLength(1);
    expect(sim.error).toMatchObject({ kind: 'http_4xx', message: 'injected by the test case: HTTP 404' });
  });
});

describe('simulate: sequences', () => {
  /**
   * start → each (event.users, concurrency 1) ─item→ sessions (GET) → check (count > 0)
   *           ─true→ revoke (POST) → each ; ─false→ each
   *         └done→ summary
   */
  const revokeDoc = workflow('each', {
    each: step('foreach', { items: 'event.users', concurrency: 1 }, { item: 'sessions', done: 'summary' }),
    sessions: get('https://idp.example/users/{{ item }}/sessions', { out: 'check' }),
    check: step('condition', { predicate: 'steps.sessions.output.body.count > 0' }, { true: 'revoke', false: 'each' }),
    revoke: post('https://idp.example/users/{{ item }}/revoke', { out: 'each' }),
    summary: transform('"done"'),
  });
  const users = { users: ['ann', 'bob', 'cy', 'dee'] };

  it('when session counts 3, 2, 1, 0 answer by item then revoke runs for the first three items only', async () => {
    const sessions = { sequence: [3, 2, 1, 0].map((count) => ok({ count })), by: 'item' };

    const sim = await simulate(revokeDoc, users, { fixtures: fixtures({ sessions }) });

    expect(sim.status).toBe('succeeded');
    expect(attemptsOf(sim, 'revoke').map((a) => a.stepKey)).toEqual(['revoke[0]', 'revoke[1]', 'revoke[2]']);
    expect(attemptsOf(sim, 'check').map((a) => [a.stepKey, a.port])).toEqual([
      ['check[0]', 'true'],
      ['check[1]', 'true'],
      ['check[2]', 'true'],
      ['check[3]', 'false'],
    ]);
  });

  it('when a sequence is shorter than the calls then its last answer answers again', async () => {
    const sessions = { sequence: [ok({ count: 0 }), ok({ count: 5 })] };

    const sim = await simulate(revokeDoc, users, { fixtures: fixtures({ sessions }) });

    expect(attemptsOf(sim, 'revoke').map((a) => a.stepKey)).toEqual(['revoke[1]', 'revoke[2]', 'revoke[3]']);
  });

  it('when a sequence counts by call then every attempt and every item takes the next answer in the order performed', async () => {
    const doc = workflow('each', {
      each: step('foreach', { items: 'event.users', concurrency: 1 }, { item: 'sessions', done: 'summary' }),
      sessions: get('https://idp.example/{{ item }}', { out: 'each' }, { retry: { maxAttempts: 2, jitter: 0 } }),
      summary: transform('steps.each.output'),
    });
    const sessions = { sequence: [http503, ok('ann'), ok('bob')] };

    const sim = await simulate(doc, { users: ['ann', 'bob'] }, { fixtures: fixtures({ sessions }) });

    expect(attemptsOf(sim, 'sessions').map((a) => [a.stepKey, a.attempt, a.status])).toEqual([
      ['sessions[0]', 1, 'failed'],
      ['sessions[0]', 2, 'succeeded'],
      ['sessions[1]', 1, 'succeeded'],
    ]);
    expect(attemptsOf(sim, 'sessions').map((a) => a.output)).toMatchObject([
      undefined,
      { body: 'ann' },
      { body: 'bob' },
    ]);
  });
});

describe('simulate: sub-workflow stubs', () => {
  /** start → sub (subworkflow enrich) ─out→ after ; ─error→ failed */
  const doc = workflow('sub', {
    sub: step('subworkflow', { workflow: 'enrich' }, { out: 'after', error: 'failed' }),
    after: transform('steps.sub.output.score'),
    failed: transform('steps.sub.error.message'),
  });

  it('when a sub-workflow has an output fixture then it answers without resolving the workflow', async () => {
    const sim = await simulate(doc, {}, { fixtures: fixtures({ sub: { output: { score: 12 } } }) });

    expect(outputOf(sim, 'after')).toBe(12);
    expect(attemptsOf(sim, 'sub')).toMatchObject([{ status: 'succeeded', source: 'fixture' }]);
  });

  it('when a sub-workflow has a failure fixture then the step fails with it into its error port', async () => {
    const sim = await simulate(
      doc,
      {},
      { fixtures: fixtures({ sub: { fail: { kind: 'internal', message: 'boom' } } }) },
    );

    expect(sim.path).toEqual(['sub', 'failed']);
    expect(outputOf(sim, 'failed')).toBe('boom');
    expect(attemptsOf(sim, 'sub')).toMatchObject([
      { status: 'failed', source: 'fixture', error: { kind: 'internal' } },
    ]);
  });
  it("when a called workflow has a step of the same id then the parent's fixture does not answer for it", async () => {
    /** parent: start → lookup (GET, fixed) → sub (enrich) ; enrich: start → lookup (GET, no fixture) */
    const parent = workflow('lookup', {
      lookup: get('https://intel.example', { out: 'sub' }),
      sub: step('subworkflow', { workflow: 'enrich' }),
    });
    const enrich = workflow('lookup', { lookup: get('https://whois.example') });
    const workflows = { resolve: async (id: string) => (id === 'enrich' ? enrich : undefined) };

    const sim = await simulate(parent, {}, { fixtures: fixtures({ lookup: ok({ score: 1 }) }), workflows });

    expect(sim.status).toBe('succeeded');
    expect(attemptsOf(sim, 'lookup').map((a) => [a.runId === sim.runId ? 'parent' : 'child', a.source])).toEqual([
      ['parent', 'fixture'],
      ['child', 'default'],
    ]);
  });
});

describe('simulate: approval outcomes', () => {
  /** start → ask (approval, quorum 2, 1 day, break glass after 1h) ─approved→ yes ─rejected→ no ─timeout→ late */
  const ask = workflow('ask', {
    ask: step(
      'approval',
      {
        approvers: { roles: ['lead'] },
        quorum: 2,
        timeout: '1d',
        escalation: [{ after: '1h', approvers: { users: ['ciso'] }, breakGlass: true }],
      },
      { approved: 'yes', rejected: 'no', timeout: 'late' },
    ),
    yes: transform('"yes"'),
    no: transform('"no"'),
    late: transform('"late"'),
  });
  const eventsOf = (sim: SimulationResult) =>
    attemptsOf(sim, 'ask')
      .flatMap((a) => a.events ?? [])
      .map((e) => [e.type, e.level, e.detail]);

  it('when an approval is decided at level 1 then it waits for the break-glass escalation and the votes carry level 1', async () => {
    const sim = await simulate(ask, {}, { approvals: { ask: { decision: 'approved', level: 1 } } });

    expect(sim.path).toEqual(['ask', 'yes']);
    expect(sim.durationMs).toBe(HOUR);
    expect(eventsOf(sim)).toEqual([
      ['opened', undefined, undefined],
      ['escalated', 1, 'break glass'],
      ['vote', 1, 'approved'],
      ['vote', 1, 'approved'],
      ['decided', undefined, 'approved'],
    ]);
    expect(attemptsOf(sim, 'ask')[0]?.output).toMatchObject({ decision: 'approved', level: 1 });
  });

  it('when an approval is rejected at level 0 then one vote rejects at once', async () => {
    const sim = await simulate(ask, {}, { approvals: { ask: { decision: 'rejected', level: 0 } } });

    expect(sim.path).toEqual(['ask', 'no']);
    expect(sim.durationMs).toBe(0);
    expect(eventsOf(sim).filter(([type]) => type === 'vote')).toEqual([['vote', 0, 'rejected']]);
  });

  it('when an approval times out then nobody votes and the deadline takes the timeout port', async () => {
    const sim = await simulate(ask, {}, { approvals: { ask: { decision: 'timeout', level: 0 } } });

    expect(sim.path).toEqual(['ask', 'late']);
    expect(sim.durationMs).toBe(24 * HOUR);
    expect(eventsOf(sim).map(([type]) => type)).toEqual(['opened', 'escalated', 'timeout', 'decided']);
  });

  it('when the level is beyond the step escalations then it is decided at the last one instead of waiting for ever', async () => {
    const sim = await simulate(ask, {}, { approvals: { ask: { decision: 'rejected', level: 4 } } });

    expect(sim.path).toEqual(['ask', 'no']);
    expect(eventsOf(sim).filter(([type]) => type === 'vote')).toEqual([['vote', 1, 'rejected']]);
  });

  it('when the policy says rejected then an unlisted approval is rejected at once', async () => {
    const sim = await simulate(ask, {}, { approvalPolicy: 'rejected' });
    expect(sim.path).toEqual(['ask', 'no']);
  });
});

describe('fixturesFromOutputs', () => {
  it('when the old form gives outputs and an approval decision then they become output fixtures and an approval at level 0', () => {
    const doc = workflow('lookup', {
      lookup: get('https://intel.example', { out: 'ask' }),
      ask: step('approval', { approvers: { roles: ['lead'] }, timeout: '1h' }, { approved: 'done' }),
      done: transform('1'),
    });

    expect(
      fixturesFromOutputs(doc, { lookup: { status: 200, body: { score: 3 } }, ask: { decision: 'rejected' } }),
    ).toEqual({
      fixtures: { lookup: { output: { status: 200, body: { score: 3 } } } },
      approvals: { ask: { decision: 'rejected', level: 0 } },
    });
    expect(fixturesFromOutputs(doc, { ask: { decision: 'maybe' }, lookup: null })).toEqual({
      fixtures: { lookup: { output: null } },
      approvals: {},
    });
  });

  it('when a value is a whole fixture (an output, a failure or a sequence) then it is taken as it is, not as an output', () => {
    const doc = workflow('lookup', { lookup: get('https://intel.example', { out: 'done' }), done: transform('1') });

    expect(fixturesFromOutputs(doc, { lookup: { output: { score: 3 } } }).fixtures).toEqual({
      lookup: { output: { score: 3 } },
    });
    expect(fixturesFromOutputs(doc, { lookup: http503 }).fixtures).toEqual({ lookup: http503 });
    expect(
      fixturesFromOutputs(doc, { lookup: { sequence: [http503, { output: 1 }], by: 'attempt' } }).fixtures,
    ).toEqual({ lookup: { sequence: [http503, { output: 1 }], by: 'attempt' } });
    // Not exactly one of output / fail / sequence: an output like any other.
    expect(fixturesFromOutputs(doc, { lookup: { output: 1, extra: 2 } }).fixtures).toEqual({
      lookup: { output: { output: 1, extra: 2 } },
    });
  });
});
