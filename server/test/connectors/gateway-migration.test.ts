/**
 * A format v1 playbook loaded today (issue 11 §2): its retired containment steps are
 * autonomic-gateway steps that pass the connector checks against the installed
 * definition, and simulate to the decisions the legacy steps got — a protected target is
 * still refused, and the blast radius still counts them.
 */
import { connectorProblems, validateDocument, type WorkflowDocument } from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import { createConnectorCatalog } from '../../src/connectors/catalog';
import { SafetyList, simulate } from '../../src/engine';

const catalog = createConnectorCatalog();
const connectors = { definition: (id: string, version: string) => catalog.get(id, version) };
const credentials = [
  { name: 'fw-token', connectorId: 'autonomic-gateway', mode: 'live' as const },
  { name: 'gateway-edr-example', connectorId: 'autonomic-gateway', mode: 'live' as const },
  { name: 'notify-slack', connectorId: 'autonomic-gateway', mode: 'live' as const },
];

const endpoint = (url: string, secret?: string) => ({
  url,
  method: 'POST',
  ...(secret ? { auth: { type: 'bearer', secret } } : {}),
});

/**
 * start → first (block-ip {{ event.a }}) → second (block-ip {{ event.b }}) → isolate (isolate-host {{ event.host }})
 *       → tell (notify slack)
 */
const V1 = {
  formatVersion: 1,
  metadata: { name: 'Legacy containment' },
  trigger: { id: 'start', type: 'trigger.manual', params: {}, transitions: { out: ['first'] } },
  steps: {
    first: {
      type: 'block-ip',
      params: { ip: '{{ event.a }}', reason: 'scan', endpoint: endpoint('https://fw.example/block', 'fw.token') },
      transitions: { out: ['second'] },
    },
    second: {
      type: 'block-ip',
      params: { ip: '{{ event.b }}', reason: 'scan', endpoint: endpoint('https://fw.example/block', 'fw.token') },
      transitions: { out: ['isolate'] },
    },
    isolate: {
      type: 'isolate-host',
      params: { host: '{{ event.host }}', reason: 'malware', endpoint: endpoint('https://edr.example/isolate') },
      transitions: { out: ['tell'] },
    },
    tell: { type: 'notify', params: { channel: 'slack', to: '#soc', message: 'contained {{ event.host }}' } },
  },
};

function loaded(raw: unknown): WorkflowDocument {
  const { document, problems } = validateDocument(raw);
  if (!document) throw new Error(JSON.stringify(problems));
  expect(problems).toEqual([]);
  return document;
}

const safety = SafetyList.parse({
  protected: [{ kind: 'host', value: 'dc01', criticality: 'critical', reason: 'domain controller' }],
});

describe('a format v1 playbook after the migration to gateway steps', () => {
  it('when loaded then every step passes the connector checks against the installed gateway', () => {
    const doc = loaded(V1);
    expect(doc.formatVersion).toBe(3);
    expect(connectorProblems(doc, { connectors: (id, v) => catalog.get(id, v), credentials })).toEqual([]);
  });

  it('when a legacy URL starts with a template then the check asks for a credential with a base URL', () => {
    const raw = structuredClone(V1);
    raw.steps.isolate.params.endpoint = endpoint('{{ vars.edr }}/isolate');
    const doc = loaded(raw);
    const problems = connectorProblems(doc, { connectors: (id, v) => catalog.get(id, v), credentials });
    expect(problems).toEqual([
      {
        nodeId: 'isolate',
        path: 'params.credential',
        message:
          'there is no credential “gateway-step-isolate”: pick another, or ask an admin to create it on Credentials',
      },
      {
        nodeId: 'isolate',
        path: 'params.input.path',
        message: expect.stringContaining('use a credential whose base URL is that address'),
      },
    ]);
  });

  it('when simulated on a protected host then the isolation is refused, as the legacy step was', async () => {
    const sim = await simulate(
      loaded(V1),
      { a: '198.51.100.1', b: '198.51.100.2', host: 'DC01' },
      {
        safety,
        connectors,
      },
    );

    expect(sim.status).toBe('failed');
    expect(sim.effects.map((e) => [e.stepId, e.effect, e.decision])).toEqual([
      ['first', 'destructive', 'would-run'],
      ['second', 'destructive', 'would-run'],
      ['isolate', 'destructive', 'refused'],
    ]);
    expect(sim.effects[2]).toMatchObject({ target: { kind: 'host', value: 'DC01' }, criticality: 'critical' });
  });

  it('when the run may take one destructive action then the second block is refused by the blast radius', async () => {
    const sim = await simulate(
      loaded(V1),
      { a: '198.51.100.1', b: '198.51.100.2', host: 'ws-7' },
      {
        connectors,
        limits: { maxDestructivePerRun: 1 },
      },
    );

    expect(sim.status).toBe('failed');
    expect(sim.path).toEqual(['first', 'second']);
    const second = sim.trace.find((a) => a.stepId === 'second');
    expect(second?.error).toMatchObject({ kind: 'safety', message: expect.stringContaining('blast radius') });
  });

  it('when nothing is protected and no limit is hit then every action would run and the notify is a write', async () => {
    const sim = await simulate(loaded(V1), { a: '198.51.100.1', b: '198.51.100.2', host: 'ws-7' }, { connectors });

    expect(sim.status).toBe('succeeded');
    expect(sim.effects.map((e) => [e.stepId, e.effect, e.decision])).toEqual([
      ['first', 'destructive', 'would-run'],
      ['second', 'destructive', 'would-run'],
      ['isolate', 'destructive', 'would-run'],
      ['tell', 'write', 'would-run'],
    ]);
  });
});
