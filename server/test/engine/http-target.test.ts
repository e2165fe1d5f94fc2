import { describe, expect, it } from 'vitest';
import { createSafetyPort, SafetyList, simulate } from '../../src/engine';
import { FakeEffects, harness, inspect, step, transform, workflow } from './harness';

const list = SafetyList.parse({
  protected: [{ kind: 'ip', value: '10.0.0.5', criticality: 'critical', reason: 'backup server', owner: 'infra' }],
  autoOk: [{ kind: 'cidr', value: '203.0.113.0/24', criticality: 'low', reason: 'known-bad range' }],
});

/** An http step to the firewall API; `target` as given. */
const firewall = (method: string, target?: Record<string, unknown>, to: Record<string, string> = {}) =>
  step(
    'http',
    {
      method,
      url: 'https://fw.example/api/rules',
      body: '{ "deny": "{{ event.ip }}" }',
      ...(target ? { target } : {}),
    },
    to,
  );

/** start → fw (http POST, target ip {{ event.ip }}) → done */
const declared = workflow('fw', {
  fw: firewall('POST', { kind: 'ip', value: '{{ event.ip }}' }, { out: 'done' }),
  done: transform('"done"'),
});

describe('engine: an http write that declares its target is guarded like a connector action', () => {
  it('when the declared target is protected then the POST is refused, never sent, and the refusal recorded', async () => {
    const effects = new FakeEffects();
    const { engine, store } = harness({ effects, safety: createSafetyPort(list) });

    const run = await engine.start(declared, { ip: '10.0.0.5' });

    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ kind: 'safety', retryable: false, stepId: 'fw' });
    expect(run.error?.message).toBe('refused: 10.0.0.5 is protected: backup server (owner: infra)');
    expect(effects.calls).toHaveLength(0);
    expect((await inspect(store, run.runId)).attemptsOf('fw')[0]).toMatchObject({
      effect: 'write',
      target: { kind: 'ip', value: '10.0.0.5' },
      safety: { decision: 'refuse', criticality: 'critical' },
    });
  });

  it('when the declared target is auto-OK then the POST is sent with its target and the decision recorded', async () => {
    const effects = new FakeEffects();
    const { engine, store } = harness({ effects, safety: createSafetyPort(list) });

    const run = await engine.start(declared, { ip: '203.0.113.7' });

    expect(run.status).toBe('succeeded');
    expect(effects.calls[0]?.target).toEqual({ kind: 'ip', value: '203.0.113.7' });
    expect((await inspect(store, run.runId)).attemptsOf('fw')[0]?.safety).toMatchObject({
      decision: 'auto-ok',
      reason: 'known-bad range',
    });
  });

  it.each(['PUT', 'PATCH', 'DELETE'])(
    'when a %s declares a protected target then it is refused too',
    async (method) => {
      const effects = new FakeEffects();
      const { engine } = harness({ effects, safety: createSafetyPort(list) });
      const doc = workflow('fw', { fw: firewall(method, { kind: 'ip', value: '10.0.0.5' }) });

      const run = await engine.start(doc, {});

      expect(run.error?.kind).toBe('safety');
      expect(effects.calls).toHaveLength(0);
    },
  );

  it('when the http write declares no target then nothing is checked and it is sent (the validator warns instead)', async () => {
    const effects = new FakeEffects();
    const { engine, store } = harness({ effects, safety: createSafetyPort(list) });
    const doc = workflow('fw', { fw: firewall('POST') });

    const run = await engine.start(doc, { ip: '10.0.0.5' });

    expect(run.status).toBe('succeeded');
    expect(effects.calls).toHaveLength(1);
    expect((await inspect(store, run.runId)).attemptsOf('fw')[0]?.safety).toBeUndefined();
  });

  it('when a GET declares a target then it is a read: recorded, not checked, not refused', async () => {
    const effects = new FakeEffects();
    const { engine, store } = harness({ effects, safety: createSafetyPort(list) });
    const doc = workflow('fw', { fw: firewall('GET', { kind: 'ip', value: '10.0.0.5' }) });

    const run = await engine.start(doc, {});

    expect(run.status).toBe('succeeded');
    const [a] = (await inspect(store, run.runId)).attemptsOf('fw');
    expect(a?.target).toEqual({ kind: 'ip', value: '10.0.0.5' });
    expect(a?.safety).toBeUndefined();
  });

  it('when the declared target renders to something that is not an IP then the write fails validation before any check', async () => {
    const effects = new FakeEffects();
    const { engine } = harness({ effects, safety: createSafetyPort(list) });

    const run = await engine.start(declared, { ip: 'fw-01' });

    expect(run.error).toMatchObject({ kind: 'validation', message: '"fw-01" is not an IP address' });
    expect(effects.calls).toHaveLength(0);
  });
});

describe('simulation: http writes in the effects report', () => {
  it('when simulated then the protected target is refused and the report shows the target, the reason and the criticality', async () => {
    const sim = await simulate(declared, { ip: '10.0.0.5' }, { safety: list });

    expect(sim.status).toBe('failed');
    expect(sim.effects).toEqual([
      expect.objectContaining({
        stepId: 'fw',
        nodeType: 'http',
        effect: 'write',
        action: 'POST https://fw.example/api/rules',
        target: { kind: 'ip', value: '10.0.0.5' },
        decision: 'refused',
        criticality: 'critical',
        reason: '10.0.0.5 is protected: backup server (owner: infra)',
      }),
    ]);
  });

  it('when simulated on an auto-OK target then the report says auto-ok with the target', async () => {
    const sim = await simulate(declared, { ip: '203.0.113.7' }, { safety: list });

    expect(sim.effects).toEqual([
      expect.objectContaining({ stepId: 'fw', target: { kind: 'ip', value: '203.0.113.7' }, decision: 'auto-ok' }),
    ]);
  });
});
