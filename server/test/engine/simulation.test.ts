import { gatewayParams } from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import { createConnectorCatalog } from '../../src/connectors/catalog';
import { SafetyList, simulate, type EffectRequest, type EffectsPort } from '../../src/engine';
import { blockIp, get, notify, step, transform, workflow } from './harness';

const catalog = createConnectorCatalog();
/** The installed connectors, as the server passes them (the gateway's actions name their titles). */
const connectors = { definition: (id: string, version: string) => catalog.get(id, version) };

const DAY = 86_400_000;

/**
 * start → enrich (GET) → notify (gateway notify) → block (gateway block_ip {{ event.ip }})
 *       → isolate (gateway isolate_host) ─error→ note
 */
const playbook = workflow('enrich', {
  enrich: get('https://intel.example/{{ event.ip }}', { out: 'notify' }),
  notify: notify('score {{ steps.enrich.output.score }}', { out: 'block' }),
  block: blockIp('{{ event.ip }}', { out: 'isolate' }),
  isolate: step(
    'connector',
    gatewayParams('isolate_host', { host: '{{ event.host }}', reason: 'malware', path: '/isolate' }),
    { error: 'note' },
  ),
  note: transform('steps.isolate.output.error.message'),
});

const safety = SafetyList.parse({
  protected: [{ kind: 'host', value: 'dc01', criticality: 'critical', reason: 'domain controller' }],
  autoOk: [{ kind: 'cidr', value: '203.0.113.0/24', criticality: 'low', reason: 'known-bad range' }],
});

describe('simulation', () => {
  it('when a playbook is simulated then writes and destructive actions are reported, not sent, and refusals say why', async () => {
    const sent: EffectRequest[] = [];
    const liveReads: EffectsPort = {
      perform: async (req) => {
        sent.push(req);
        return { ok: true, output: { score: 80 } };
      },
    };

    const sim = await simulate(playbook, { ip: '203.0.113.7', host: 'DC01' }, { safety, liveReads, connectors });

    expect(sim.status).toBe('succeeded');
    expect(sent.map((r) => r.stepId)).toEqual(['enrich']);
    expect(sim.path).toEqual(['enrich', 'notify', 'block', 'isolate', 'note']);
    expect(sim.effects).toEqual([
      expect.objectContaining({
        stepId: 'notify',
        effect: 'write',
        decision: 'would-run',
        action: 'Action gateway (JSON webhook): Notify',
      }),
      expect.objectContaining({
        stepId: 'block',
        effect: 'destructive',
        decision: 'auto-ok',
        action: 'Action gateway (JSON webhook): Block IP 203.0.113.7',
        target: { kind: 'ip', value: '203.0.113.7' },
        reason: 'known-bad range',
      }),
      expect.objectContaining({
        stepId: 'isolate',
        effect: 'destructive',
        decision: 'refused',
        action: 'Action gateway (JSON webhook): Isolate host DC01',
        criticality: 'critical',
        reason: 'DC01 is protected: domain controller',
      }),
    ]);
    expect(sim.effects[0]?.params).toMatchObject({ input: { message: 'score 80' } });
    const enrich = sim.trace.find((a) => a.stepId === 'enrich');
    expect(enrich).toMatchObject({ input: { url: 'https://intel.example/203.0.113.7' }, output: { score: 80 } });
  });

  it('when fixtures are given then steps answer from them, and reads without one answer with the example output', async () => {
    const sim = await simulate(
      playbook,
      { ip: '198.51.100.1', host: 'ws-1' },
      { fixtures: { block: { output: { accepted: 'fixture' } } }, connectors },
    );

    const output = (id: string) => sim.trace.find((a) => a.stepId === id)?.output;
    expect(output('enrich')).toEqual({ status: 200, headers: {}, body: {} });
    expect(output('block')).toEqual({ accepted: 'fixture' });
    expect(output('isolate')).toEqual({ accepted: true });
    expect(sim.effects.map((e) => e.decision)).toEqual(['would-run', 'would-run', 'would-run']);
  });

  describe('approvals', () => {
    /** start → ask (approval, 1 day, escalates after 4h) ─approved→ yes, ─rejected→ no, ─timeout→ late */
    const ask = workflow('ask', {
      ask: step(
        'approval',
        {
          approvers: { roles: ['lead'] },
          quorum: 2,
          timeout: '1d',
          escalation: [{ after: '4h', approvers: { users: ['ciso'] } }],
        },
        { approved: 'yes', rejected: 'no', timeout: 'late' },
      ),
      yes: transform('"yes"'),
      no: transform('"no"'),
      late: transform('"late"'),
    });

    it('when approvals default to approved then the quorum is met at once', async () => {
      const sim = await simulate(ask, {});
      expect(sim.path).toEqual(['ask', 'yes']);
      expect(sim.durationMs).toBe(0);
    });

    it('when a one-day approval times out then the simulation jumps through it and records the escalation', async () => {
      // A real day's wait would never end within the test's limit; the virtual clock jumps it.
      const sim = await simulate(ask, {}, { approvalPolicy: 'timeout' });

      expect(sim.path).toEqual(['ask', 'late']);
      expect(sim.durationMs).toBe(DAY);
      const events = sim.trace.find((a) => a.stepId === 'ask')?.events?.map((e) => e.type);
      expect(events).toEqual(['opened', 'escalated', 'timeout', 'decided']);
    });

    it('when an approval step has a fixture then its decision wins over the default', async () => {
      const sim = await simulate(ask, {}, { approvals: { ask: { decision: 'rejected', level: 0 } } });
      expect(sim.path).toEqual(['ask', 'no']);
    });
  });

  it('when a playbook has a long delay then the simulation finishes at once with the simulated duration', async () => {
    const doc = workflow('wait', { wait: step('delay', { duration: '3d' }, { out: 'after' }), after: transform('1') });

    const sim = await simulate(doc, {}, { startAt: 5_000 });

    expect(sim).toMatchObject({ status: 'succeeded', startedAt: 5_000, durationMs: 3 * DAY });
  });
});
