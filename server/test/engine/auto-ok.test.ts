import { TestCase } from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import {
  createSafetyPort,
  runCase,
  createVirtualClock,
  simulate,
  SafetyList,
  type ApprovalsPort,
  type PolicyApproval,
} from '../../src/engine';
import { blockIp, FakeEffects, harness, inspect, step, T0, transform, workflow } from './harness';

const list = SafetyList.parse({
  protected: [{ kind: 'ip', value: '203.0.113.66', criticality: 'critical', reason: 'payment gateway' }],
  autoOk: [
    { kind: 'cidr', value: '203.0.113.0/24', criticality: 'low', reason: 'known-bad range' },
    { kind: 'ip', value: '198.51.100.9', criticality: 'high', reason: 'sinkholed, but a shared host' },
  ],
});

/** An approvals port that records opens and policy skips. */
function recordingApprovals() {
  const log: string[] = [];
  const skips: PolicyApproval[] = [];
  const port: ApprovalsPort = {
    open: async (task) => void log.push(`open ${task.stepId}`),
    escalate: async () => {},
    close: async (task, outcome) => void log.push(`close ${task.stepId} ${outcome}`),
    skipped: async (task, policy) => {
      skips.push(policy);
      log.push(`skipped ${task.stepId}`);
    },
  };
  return { port, log, skips };
}

const ask = (skip: Record<string, unknown> | null, to: Record<string, string>) =>
  step(
    'approval',
    { approvers: { roles: ['soc-lead'] }, timeout: '4h', ...(skip ? { skipWhenAutoOk: skip } : {}) },
    to,
  );

/** start → ask (approval, skip when auto-OK) ─approved→ block (gateway block_ip {{ event.ip }}) → done */
const guarded = (skip: Record<string, unknown> | null = { enabled: true }) =>
  workflow('ask', {
    ask: ask(skip, { approved: 'block', rejected: 'done' }),
    block: blockIp('{{ event.ip }}', { out: 'done' }),
    done: transform('"done"'),
  });

function live(approvals = recordingApprovals()) {
  const effects = new FakeEffects();
  const h = harness({
    clock: createVirtualClock({ start: T0 }),
    effects,
    approvals: approvals.port,
    safety: createSafetyPort(list),
  });
  return { ...h, effects, approvals };
}

describe('engine: an approval skipped when every guarded target is auto-OK', () => {
  it('when the guarded block targets an auto-OK address then no task opens, the run goes on by approved, and policy is named', async () => {
    const { engine, store, effects, approvals } = live();

    const run = await engine.start(guarded(), { ip: '203.0.113.7' });

    expect(run.status).toBe('succeeded');
    expect(approvals.log).toEqual(['skipped ask']);
    expect(effects.calls.map((c) => c.stepId)).toEqual(['block']);
    const r = await inspect(store, run.runId);
    expect(r.path).toEqual(['ask', 'block', 'done']);
    expect(r.result('ask')?.output).toMatchObject({ decision: 'approved', decidedBy: 'policy', votes: [] });
    const [attempt] = r.attemptsOf('ask');
    expect(attempt?.port).toBe('approved');
    expect(attempt?.events).toEqual([
      expect.objectContaining({
        type: 'decided',
        by: 'policy',
        detail: 'auto-ok: approval skipped — block on ip 203.0.113.7 (auto-OK cidr 203.0.113.0/24: known-bad range)',
      }),
    ]);
    expect(approvals.skips).toEqual([
      {
        guards: [
          {
            stepId: 'block',
            effect: 'destructive',
            target: { kind: 'ip', value: '203.0.113.7' },
            entry: 'cidr 203.0.113.0/24',
            reason: 'known-bad range',
            criticality: 'low',
          },
        ],
      },
    ]);
  });

  it('when the guarded target is not auto-OK then the task opens as before and the run waits', async () => {
    const { engine, store, effects, approvals } = live();

    const run = await engine.start(guarded(), { ip: '192.0.2.10' });

    expect(run.status).toBe('waiting');
    expect(approvals.log).toEqual(['open ask']);
    expect(effects.calls).toHaveLength(0);
    expect((await inspect(store, run.runId)).attemptsOf('ask')[0]?.events?.map((e) => e.type)).toEqual(['opened']);
  });

  it('when the target is protected then the approval opens, even inside an auto-OK range', async () => {
    const { engine, approvals } = live();

    const run = await engine.start(guarded(), { ip: '203.0.113.66' });

    expect(run.status).toBe('waiting');
    expect(approvals.log).toEqual(['open ask']);
  });

  it('when skipWhenAutoOk is off or absent then an auto-OK target still asks', async () => {
    for (const skip of [null, { enabled: false }]) {
      const { engine, approvals } = live();
      const run = await engine.start(guarded(skip), { ip: '203.0.113.7' });
      expect(run.status).toBe('waiting');
      expect(approvals.log).toEqual(['open ask']);
    }
  });

  it.each([
    ['low entry, below high', '203.0.113.7', 'high', 'skipped ask'],
    ['high entry, below high', '198.51.100.9', 'high', 'open ask'],
    ['high entry, below critical', '198.51.100.9', 'critical', 'skipped ask'],
    ['low entry, below medium', '203.0.113.7', 'medium', 'skipped ask'],
  ])('when belowCriticality is set (%s) then only entries less critical than it skip', async (_, ip, below, first) => {
    const { engine, approvals } = live();

    await engine.start(guarded({ enabled: true, belowCriticality: below }), { ip });

    expect(approvals.log[0]).toBe(first);
  });

  it('when one of two guarded targets is not auto-OK then the approval opens', async () => {
    // start → ask ─approved→ block_a ({{ event.a }}) → block_b ({{ event.b }})
    const doc = workflow('ask', {
      ask: ask({ enabled: true }, { approved: 'block_a' }),
      block_a: blockIp('{{ event.a }}', { out: 'block_b' }),
      block_b: blockIp('{{ event.b }}'),
    });
    const { engine, approvals } = live();

    await engine.start(doc, { a: '203.0.113.7', b: '192.0.2.1' });
    expect(approvals.log).toEqual(['open ask']);

    const both = live();
    const run = await both.engine.start(doc, { a: '203.0.113.7', b: '203.0.113.8' });
    expect(run.status).toBe('succeeded');
    expect(both.approvals.skips[0]?.guards.map((g) => g.stepId).sort()).toEqual(['block_a', 'block_b']);
  });

  it('when a guarded target depends on a step after the approval then it cannot be judged yet and the approval opens', async () => {
    // start → ask ─approved→ pick (transform) → block ({{ steps.pick.output }})
    const doc = workflow('ask', {
      ask: ask({ enabled: true }, { approved: 'pick' }),
      pick: transform('event.ip', { out: 'block' }),
      block: blockIp('{{ steps.pick.output }}'),
    });
    const { engine, approvals } = live();

    const run = await engine.start(doc, { ip: '203.0.113.7' });

    expect(run.status).toBe('waiting');
    expect(approvals.log).toEqual(['open ask']);
  });

  it('when a guarded write declares no target then the approval opens', async () => {
    // start → ask ─approved→ block (auto-OK) → post (http POST, no target)
    const doc = workflow('ask', {
      ask: ask({ enabled: true }, { approved: 'block' }),
      block: blockIp('{{ event.ip }}', { out: 'post' }),
      post: step('http', { method: 'POST', url: 'https://fw.example/rules', body: '{{ event.ip }}' }),
    });
    const { engine, approvals } = live();

    await engine.start(doc, { ip: '203.0.113.7' });

    expect(approvals.log).toEqual(['open ask']);
  });

  it('when actions lie beyond the next approval then they are that approval’s to guard, not this one’s', async () => {
    // start → ask ─approved→ block (auto-OK) → second (approval) ─approved→ wipe (not auto-OK)
    const doc = workflow('ask', {
      ask: ask({ enabled: true }, { approved: 'block' }),
      block: blockIp('{{ event.ip }}', { out: 'second' }),
      second: ask(null, { approved: 'wipe' }),
      wipe: blockIp('192.0.2.1'),
    });
    const { engine, approvals } = live();

    const run = await engine.start(doc, { ip: '203.0.113.7' });

    expect(run.status).toBe('waiting');
    expect(approvals.log).toEqual(['skipped ask', 'open second']);
  });

  it('when an approval guards no action at all then it asks (nothing for policy to vouch for)', async () => {
    const doc = workflow('ask', { ask: ask({ enabled: true }, { approved: 'done' }), done: transform('1') });
    const { engine, approvals } = live();

    await engine.start(doc, {});

    expect(approvals.log).toEqual(['open ask']);
  });
});

describe('simulation: an approval skipped by policy', () => {
  it('when the target is auto-OK then the effects report says "auto-ok: approval skipped" naming the entry, before the block', async () => {
    const sim = await simulate(guarded(), { ip: '203.0.113.7' }, { safety: list, approvalPolicy: 'rejected' });

    // The policy would have rejected any task: the run still blocks, because no task opened.
    expect(sim.status).toBe('succeeded');
    expect(sim.path).toEqual(['ask', 'block', 'done']);
    expect(sim.effects).toEqual([
      expect.objectContaining({
        stepId: 'ask',
        nodeType: 'approval',
        effect: 'destructive',
        action: 'auto-ok: approval skipped',
        decision: 'auto-ok',
        target: { kind: 'ip', value: '203.0.113.7' },
        reason: 'auto-ok: approval skipped — block on ip 203.0.113.7 (auto-OK cidr 203.0.113.0/24: known-bad range)',
      }),
      expect.objectContaining({ stepId: 'block', decision: 'auto-ok', target: { kind: 'ip', value: '203.0.113.7' } }),
    ]);
  });

  it('when the target is not auto-OK then the approval is decided as the simulation says and nothing is skipped', async () => {
    const sim = await simulate(guarded(), { ip: '192.0.2.10' }, { safety: list, approvalPolicy: 'rejected' });

    expect(sim.path).toEqual(['ask', 'done']);
    expect(sim.effects).toEqual([]);
  });
});

describe('test cases: an approval skipped by a case safety entry', () => {
  it('when the case auto-OKs the target then the approval is skipped and the case sees effects decided auto-ok', async () => {
    const doc = guarded();
    const caseOf = (autoOk: unknown[]) =>
      TestCase.parse({
        name: 'auto-ok lab range',
        event: { ip: '192.0.2.44' },
        // Any task that opened would be rejected: only a policy skip reaches the block.
        approvals: { ask: { decision: 'rejected' } },
        safety: { autoOk },
        expect: {
          reached: ['block'],
          effects: [
            { step: 'ask', action: 'approval skipped', decision: 'auto-ok' },
            { step: 'block', target: '192.0.2.44', decision: 'auto-ok' },
          ],
        },
      });

    const ok = await runCase(doc, caseOf([{ kind: 'cidr', value: '192.0.2.0/24', criticality: 'low', reason: 'lab' }]));
    const none = await runCase(doc, caseOf([]));

    expect(ok.result.passed).toBe(true);
    expect(ok.result.effects.map((e) => [e.stepId, e.decision])).toEqual([
      ['ask', 'auto-ok'],
      ['block', 'auto-ok'],
    ]);
    expect(none.result.passed).toBe(false);
    expect(none.result.path).toEqual(['ask', 'done']);
  });
});
