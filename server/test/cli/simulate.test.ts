import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectorCatalog } from '../../src/connectors/catalog';
import { cli, CONTAINMENT, simulation, tempFolder } from './harness';

const workflow = `${CONTAINMENT}/workflow.json`;
const event = `${CONTAINMENT}/event.json`;
const eventProtected = `${CONTAINMENT}/event-protected.json`;
const fixtures = `${CONTAINMENT}/fixtures.json`;
const safety = `${CONTAINMENT}/safety.json`;

const tmp = tempFolder('cli-simulate');
afterAll(() => tmp.remove());

/*
 * siem_alert → enrich_ip (AbuseIPDB) → check_confidence ─true→ approve_block ─approved→ block_ip (FortiGate) → notify_blocked (Slack)
 *                                                                                        └error→ notify_block_failed → end_block_failed
 */
describe('cli simulate', () => {
  it('when the containment example is simulated on its event then the block would run after the approval', async () => {
    const run = await cli('simulate', workflow, '--event', event, '--fixtures', fixtures, '--safety', safety, '--json');

    expect(run.code).toBe(0);
    expect(run.err).toEqual([]);
    const sim = simulation(run);
    expect(sim.status).toBe('succeeded');
    expect(sim.path).toEqual(['enrich_ip', 'check_confidence', 'approve_block', 'block_ip', 'notify_blocked']);
    expect(sim.effects).toEqual([
      expect.objectContaining({
        stepId: 'block_ip',
        effect: 'destructive',
        decision: 'would-run',
        action: 'FortiGate: Block an IP address 192.0.2.45',
        target: { kind: 'ip', value: '192.0.2.45' },
      }),
      expect.objectContaining({ stepId: 'notify_blocked', effect: 'write', decision: 'would-run' }),
    ]);
  });

  it('when the event names a protected address then the block is refused with the reason and criticality', async () => {
    const run = await cli(
      'simulate',
      workflow,
      '--event',
      eventProtected,
      '--fixtures',
      fixtures,
      '--safety',
      safety,
      '--json',
    );

    // The run ends failed: exit 1 (--expect-failure would make it 0).
    expect(run.code).toBe(1);
    const sim = simulation(run);
    expect(sim.status).toBe('failed');
    expect(sim.path.slice(-3)).toEqual(['block_ip', 'notify_block_failed', 'end_block_failed']);
    const block = sim.effects.find((e) => e.stepId === 'block_ip');
    expect(block).toMatchObject({
      decision: 'refused',
      criticality: 'critical',
      action: 'FortiGate: Block an IP address 203.0.113.6',
    });
    expect(block?.reason).toBe(
      '203.0.113.6 is protected: Corporate internet egress (NAT pool): blocking it cuts the whole company off (owner: network@corp.example)',
    );
  });

  it('when the protected event is simulated without --safety then nothing refuses the block', async () => {
    const run = await cli('simulate', workflow, '--event', eventProtected, '--fixtures', fixtures, '--json');

    const sim = simulation(run);
    expect(sim.effects.find((e) => e.stepId === 'block_ip')?.decision).toBe('would-run');
    expect(sim.status).toBe('succeeded');
  });

  it('when --approvals rejected is given then the reviewer says no and nothing is blocked', async () => {
    const run = await cli(
      'simulate',
      workflow,
      '--event',
      event,
      '--fixtures',
      fixtures,
      '--approvals',
      'rejected',
      '--json',
    );

    const sim = simulation(run);
    expect(sim.path.slice(-2)).toEqual(['approve_block', 'notify_rejected']);
    expect(sim.effects.map((e) => e.stepId)).toEqual(['notify_rejected']);
  });

  it('when --approvals timeout is given then the one-hour wait passes in simulated time and the run fails', async () => {
    const run = await cli(
      'simulate',
      workflow,
      '--event',
      event,
      '--fixtures',
      fixtures,
      '--approvals',
      'timeout',
      '--json',
    );

    const sim = simulation(run);
    expect(sim.status).toBe('failed');
    expect(sim.path.slice(-3)).toEqual(['approve_block', 'notify_timeout', 'end_timed_out']);
    expect(sim.durationMs).toBe(3_600_000);
  });
});

describe('cli simulate sends nothing', () => {
  const received: string[] = [];
  let server: Server;
  let base = '';

  beforeAll(async () => {
    server = createServer((req, res) => {
      received.push(`${req.method} ${req.url}`);
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /*
   * start → lookup (http GET) → block (block-ip) → tell (notify, webhook): every call aimed at the local server.
   * Written in format 1: loading migrates block and tell to autonomic-gateway connector steps.
   * The examples call out only through connector steps, which the CLI cannot send (it holds
   * no credentials); the steps that take a URL are what could reach a live server.
   */
  function aimedAtLocalServer(): string {
    const step = (type: string, params: Record<string, unknown>, next?: string) => ({
      type,
      params,
      ...(next ? { transitions: { out: [next] } } : {}),
    });
    return tmp.write('aimed-at-local.json', {
      formatVersion: 1,
      metadata: { name: 'Aimed at a live server' },
      trigger: { id: 'start', type: 'trigger.manual', params: {}, transitions: { out: ['lookup'] } },
      steps: {
        lookup: step('http', { method: 'GET', url: `${base}/http/lookup` }, 'block'),
        block: step(
          'block-ip',
          {
            ip: '{{ event.src_ip }}',
            reason: 'simulated',
            endpoint: { url: `${base}/firewall/block`, method: 'POST' },
          },
          'tell',
        ),
        tell: step('notify', { channel: 'webhook', to: `${base}/hook/tell`, message: 'blocked {{ event.src_ip }}' }),
      },
    });
  }

  it('when a playbook aimed at a live server is simulated then the server receives no request', async () => {
    const local = aimedAtLocalServer();

    const run = await cli('simulate', local, '--event', event, '--json');

    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    const sim = simulation(run);
    expect(sim.path).toEqual(['lookup', 'block', 'tell']);
    expect(sim.trace.find((a) => a.stepId === 'lookup')).toMatchObject({
      input: { url: `${base}/http/lookup` },
      output: { status: 200, headers: {}, body: {} },
    });
    expect(sim.effects).toEqual([
      expect.objectContaining({
        stepId: 'block',
        decision: 'would-run',
        nodeType: 'connector',
        params: expect.objectContaining({
          connector: 'autonomic-gateway',
          action: 'block_ip',
          input: expect.objectContaining({ path: '/firewall/block', method: 'POST' }),
        }),
      }),
      expect.objectContaining({
        stepId: 'tell',
        decision: 'would-run',
        nodeType: 'connector',
        params: expect.objectContaining({ connector: 'autonomic-gateway', action: 'notify' }),
      }),
    ]);
    expect(received).toEqual([]);

    // The control: the server does count what reaches it.
    await fetch(`${base}/control`);
    expect(received).toEqual(['GET /control']);
  });
});

/*
 * start → check (abuseipdb 1.0.0 check_ip, read)
 */
describe('cli simulate with connector steps', () => {
  const catalog = createConnectorCatalog();
  const pinned = (id: string, version: string, action: string) => {
    const def = catalog.get(id, version);
    const found = def?.actions[action];
    if (!found) throw new Error(`${id} ${version} ${action} is not shipped`);
    return found;
  };

  it('when a connector step is simulated then it answers with the pinned action example, not null', async () => {
    const check = pinned('abuseipdb', '1.0.0', 'check_ip');
    const doc = {
      formatVersion: 1,
      metadata: { name: 'Connector check' },
      trigger: { id: 'start', type: 'trigger.manual', params: {}, transitions: { out: ['check'] } },
      steps: {
        check: {
          type: 'connector',
          params: {
            connector: 'abuseipdb',
            version: '1.0.0',
            action: 'check_ip',
            credential: 'abuse-prod',
            input: { ipAddress: '{{ event.ip }}' },
            effect: check.effect,
            target: check.target,
          },
        },
      },
    };
    const file = tmp.write('connector.json', doc);
    const eventFile = tmp.write('connector-event.json', { ip: '198.51.100.7' });

    const run = await cli('simulate', file, '--event', eventFile, '--json');

    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    const sim = simulation(run);
    expect(sim.status).toBe('succeeded');
    expect(check.example).toBeDefined();
    expect(sim.trace.find((a) => a.stepId === 'check')?.output).toEqual(check.example);
    expect(sim.notes).toEqual([]);
  });
});
