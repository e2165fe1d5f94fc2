/** Connector steps through the engine: live over real HTTP to the vendor mocks, and simulated. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createSafetyPort,
  createVirtualClock,
  SafetyList,
  simulate,
  type EffectRequest,
  type EffectsPort,
  type SimulatedConnectors,
} from '../../src/engine';
import type { HttpClient } from '../../src/adapters/http-client';
import type { ConnectorCredentialValue, ConnectorCredentials } from '../../src/services/contracts';
import { ABUSEIPDB_KEY, startAbuseIpdbMock } from '../../connectors/abuseipdb/mock';
import { SLACK_TOKEN, startSlackMock, type SlackMock } from '../../connectors/slack/mock';
import type { VendorMock } from '../../connectors/vendor-mock';
import { catalog, connectorStep, fakeCredentials, liveConnectorEffects } from './connector-support';
import { FakeEffects, harness, inspect, T0, workflow } from './harness';

const CHECK_IP = { connector: 'abuseipdb', version: '1.0.0', action: 'check_ip' };
const POST_MESSAGE = { connector: 'slack', version: '1.0.0', action: 'chat_post_message' };
const BLOCK_NETWORK = { connector: 'acme-edge', version: '1.0.0', action: 'block_network' };

let abuse: VendorMock;
let slack: SlackMock;
let http: HttpClient | undefined;
beforeAll(async () => {
  [abuse, slack] = await Promise.all([startAbuseIpdbMock(), startSlackMock()]);
});
beforeEach(() => {
  abuse.calls.length = 0;
  slack.calls.length = 0;
});
afterEach(async () => {
  await http?.close();
  http = undefined;
});
afterAll(async () => {
  await Promise.all([abuse.close(), slack.close()]);
});

/** The credentials of these tests; the base URLs point at the mocks. */
const credentialList = (): ConnectorCredentialValue[] => [
  {
    name: 'abuse-live',
    connectorId: 'abuseipdb',
    mode: 'live',
    value: ABUSEIPDB_KEY,
    settings: {},
    baseUrl: abuse.baseUrl,
  },
  {
    name: 'abuse-test',
    connectorId: 'abuseipdb',
    mode: 'test',
    value: ABUSEIPDB_KEY,
    settings: {},
    baseUrl: abuse.baseUrl,
  },
  {
    name: 'abuse-revoked',
    connectorId: 'abuseipdb',
    mode: 'live',
    value: 'wrong',
    settings: {},
    baseUrl: abuse.baseUrl,
  },
  { name: 'slack-live', connectorId: 'slack', mode: 'live', value: SLACK_TOKEN, settings: {}, baseUrl: slack.baseUrl },
];

/** An engine whose live effects run connector steps against the mocks; no timer fires on its own. */
function live(opts: { safety?: SafetyList; credentials?: ConnectorCredentials } = {}) {
  const made = liveConnectorEffects(opts.credentials ?? fakeCredentials(credentialList()));
  http = made.http;
  return harness({
    effects: made.effects,
    clock: createVirtualClock({ start: T0 }),
    ...(opts.safety ? { safety: createSafetyPort(opts.safety) } : {}),
  });
}

// start → check (abuseipdb 1.0.0 check_ip {{ event.ip }})
const checkDoc = (credential: string, retry?: Record<string, unknown>) =>
  workflow('check', {
    check: { ...connectorStep(CHECK_IP, credential, { ipAddress: '{{ event.ip }}' }), ...(retry ? { retry } : {}) },
  });

describe('connector steps, live', () => {
  it('when a run reaches an AbuseIPDB check then the vendor is called over HTTP and its answer is the step output', async () => {
    const { engine, store } = live();

    const run = await engine.start(checkDoc('abuse-live'), { ip: '118.25.6.39' });

    expect(run.status).toBe('succeeded');
    const r = await inspect(store, run.runId);
    expect(r.result('check')?.output).toMatchObject({
      data: { ipAddress: '118.25.6.39', abuseConfidenceScore: 100, countryCode: 'CN' },
    });
    expect(abuse.calls).toHaveLength(1);
    expect(abuse.calls[0]?.headers['key']).toBe(ABUSEIPDB_KEY);
    const attempt = r.attemptsOf('check')[0];
    expect(attempt).toMatchObject({ effect: 'read', target: { kind: 'ip', value: '118.25.6.39' } });
    // The trace names the credential; its value is nowhere in it.
    expect(JSON.stringify(r.attempts)).not.toContain(ABUSEIPDB_KEY);
  });

  it('when a live call went out with a credential then the credential is marked used', async () => {
    const touched: string[] = [];
    const credentials = {
      ...fakeCredentials(credentialList()),
      touch: async (name: string) => void touched.push(name),
    };
    const { engine } = live({ credentials });

    const ok = await engine.start(checkDoc('abuse-live'), { ip: '118.25.6.39' });
    const rejected = await engine.start(checkDoc('abuse-revoked'), { ip: '118.25.6.39' });
    const missing = await engine.start(checkDoc('abuse-gone'), { ip: '118.25.6.39' });

    expect([ok.status, rejected.status, missing.status]).toEqual(['succeeded', 'failed', 'failed']);
    // The revoked key was sent too (and refused by the vendor); a missing one never was.
    expect(touched).toEqual(['abuse-live', 'abuse-revoked']);
  });

  it('when marking the credential used fails or hangs then the step still succeeds, without waiting for it', async () => {
    const hangs: ConnectorCredentials = { ...fakeCredentials(credentialList()), touch: () => new Promise(() => {}) };
    const rejects: ConnectorCredentials = {
      ...fakeCredentials(credentialList()),
      touch: () => Promise.reject(new Error('database down')),
    };
    const throws: ConnectorCredentials = {
      ...fakeCredentials(credentialList()),
      touch: () => {
        throw new Error('not even a promise');
      },
    };

    for (const credentials of [hangs, rejects, throws]) {
      const { engine } = live({ credentials });
      const run = await engine.start(checkDoc('abuse-live'), { ip: '118.25.6.39' });
      expect(run.status).toBe('succeeded');
    }
    expect(abuse.calls).toHaveLength(3);
  });

  it('when the credential does not exist then the step fails with validation, once, and nothing is sent', async () => {
    const { engine, store } = live();
    const retry = { maxAttempts: 3, initialDelayMs: 0, retryOn: ['validation', 'network'] };

    const run = await engine.start(checkDoc('abuse-gone', retry), { ip: '118.25.6.39' });

    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ kind: 'validation', retryable: false, stepId: 'check' });
    expect(run.error?.message).toContain("credential 'abuse-gone' does not exist");
    expect((await inspect(store, run.runId)).attemptsOf('check')).toHaveLength(1);
    expect(abuse.calls).toHaveLength(0);
  });

  it("when the credential is another connector's then the step fails with validation and nothing is sent", async () => {
    const { engine } = live();

    const run = await engine.start(checkDoc('slack-live'), { ip: '118.25.6.39' });

    expect(run.error).toMatchObject({ kind: 'validation', retryable: false });
    expect(run.error?.message).toContain('belongs to connector slack, not abuseipdb');
    expect(abuse.calls).toHaveLength(0);
  });

  it('when the vendor rejects the credential then the step fails as a 4xx that is not retried', async () => {
    const { engine } = live();

    const run = await engine.start(checkDoc('abuse-revoked'), { ip: '118.25.6.39' });

    expect(run.error).toMatchObject({ kind: 'http_4xx', status: 401, retryable: false });
  });

  it("when the step's effect copy is not the installed action's then it is refused before anything is sent", async () => {
    // start → post (slack chat_post_message, copied as a read: no durable commit, no write checks)
    const doc = workflow('post', {
      post: connectorStep(POST_MESSAGE, 'slack-live', { channel: 'C024BE91L', text: 'hi' }, {}, { effect: 'read' }),
    });
    const { engine } = live();

    const run = await engine.start(doc, {});

    expect(run.error).toMatchObject({ kind: 'safety', retryable: false, stepId: 'post' });
    expect(run.error?.message).toContain('the step says read but slack 1.0.0 chat_post_message is write');
    expect(slack.calls).toHaveLength(0);
  });
});

describe('connector steps, safety', () => {
  const safety = SafetyList.parse({
    protected: [{ kind: 'ip', value: '10.1.1.1', criticality: 'critical', reason: 'domain controller' }],
    autoOk: [{ kind: 'ip', value: '10.2.0.1', criticality: 'low', reason: 'sinkhole' }],
  });
  // start → block (acme-edge block_network {{ event.network }}: destructive, target cidr)
  const blockDoc = workflow('block', {
    block: connectorStep(BLOCK_NETWORK, 'edge', { network: '{{ event.network }}' }),
  });

  it('when a destructive connector action targets a network holding a protected address then it is refused', async () => {
    const effects = new FakeEffects();
    const { engine, store } = harness({ effects, safety: createSafetyPort(safety) });

    const run = await engine.start(blockDoc, { network: '10.1.0.0/16' });

    expect(run.error).toMatchObject({ kind: 'safety', retryable: false, stepId: 'block' });
    expect(run.error?.message).toContain('domain controller');
    expect(effects.calls).toHaveLength(0);
    expect((await inspect(store, run.runId)).attemptsOf('block')[0]).toMatchObject({
      target: { kind: 'ip', value: '10.1.0.0/16' },
      safety: { decision: 'refuse' },
    });
  });

  it('when the network holds no protected address then it runs, and one auto-OK address does not clear the network', async () => {
    const effects = new FakeEffects();
    const { engine, store } = harness({ effects, safety: createSafetyPort(safety) });

    const run = await engine.start(blockDoc, { network: '10.2.0.0/16' });

    expect(run.status).toBe('succeeded');
    expect(effects.calls[0]).toMatchObject({ effect: 'destructive', target: { kind: 'ip', value: '10.2.0.0/16' } });
    expect((await inspect(store, run.runId)).attemptsOf('block')[0]?.safety?.decision).toBe('allow');
  });

  it('when the target is not a network then the step fails with validation', async () => {
    const { engine } = harness({ effects: new FakeEffects() });

    const run = await engine.start(blockDoc, { network: 'everything' });

    expect(run.error).toMatchObject({ kind: 'validation', message: '"everything" is not a CIDR block' });
  });
});

describe('connector steps, simulated', () => {
  const connectors = (modes: Record<string, 'live' | 'test'> = {}): SimulatedConnectors => ({
    definition: (id, version) => catalog.get(id, version),
    credentialMode: async (name) => modes[name],
  });

  it('when a Slack post is simulated then nothing is sent, the example answers and the report describes it', async () => {
    // start → post (slack chat_post_message: write)
    const doc = workflow('post', {
      post: connectorStep(POST_MESSAGE, 'slack-live', { channel: '#soc-alerts', text: 'ip {{ event.ip }}' }),
    });

    const sim = await simulate(doc, { ip: '203.0.113.7' }, { connectors: connectors() });

    expect(sim.status).toBe('succeeded');
    expect(slack.calls).toHaveLength(0);
    const example = catalog.get('slack', '1.0.0')?.actions['chat_post_message']?.example;
    expect(sim.trace.find((a) => a.stepId === 'post')?.output).toEqual(example);
    expect(sim.effects).toMatchObject([
      { stepId: 'post', effect: 'write', action: 'Slack: Post a message', decision: 'would-run' },
    ]);
  });

  it('when live reads are on and the credential is live then the read answers from the example and a note says so', async () => {
    const made = liveConnectorEffects(fakeCredentials(credentialList()));
    http = made.http;

    const sim = await simulate(
      checkDoc('abuse-live'),
      { ip: '118.25.6.39' },
      {
        liveReads: made.effects,
        connectors: connectors({ 'abuse-live': 'live' }),
      },
    );

    expect(abuse.calls).toHaveLength(0);
    const example = catalog.get('abuseipdb', '1.0.0')?.actions['check_ip']?.example;
    expect(sim.trace.find((a) => a.stepId === 'check')?.output).toEqual(example);
    expect(sim.notes).toEqual([
      {
        stepKey: 'check',
        message:
          "credential 'abuse-live' is a live credential: abuseipdb 1.0.0 check_ip answered with its example, nothing was sent",
      },
    ]);
  });

  it('when live reads are on and the credential is a test one then the read is sent to the vendor', async () => {
    const made = liveConnectorEffects(fakeCredentials(credentialList()));
    http = made.http;
    const sent: EffectRequest[] = [];
    const liveReads: EffectsPort = { perform: (req) => (sent.push(req), made.effects.perform(req)) };

    const sim = await simulate(
      checkDoc('abuse-test'),
      { ip: '118.25.6.39' },
      {
        liveReads,
        connectors: connectors({ 'abuse-test': 'test' }),
      },
    );

    expect(sent).toHaveLength(1);
    expect(abuse.calls).toHaveLength(1);
    expect(sim.trace.find((a) => a.stepId === 'check')?.output).toMatchObject({ data: { abuseConfidenceScore: 100 } });
    expect(sim.notes).toEqual([]);
  });

  it('when a destructive connector action is simulated then the report names the action and its target', async () => {
    const doc = workflow('block', { block: connectorStep(BLOCK_NETWORK, 'edge', { network: '{{ event.network }}' }) });

    const sim = await simulate(doc, { network: '10.2.0.0/16' }, { connectors: connectors() });

    expect(sim.effects).toMatchObject([
      { stepId: 'block', effect: 'destructive', action: 'ACME Edge: Block network 10.2.0.0/16', decision: 'would-run' },
    ]);
  });
});
