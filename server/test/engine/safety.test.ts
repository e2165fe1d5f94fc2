import { describe, expect, it } from 'vitest';
import { checkTarget, createSafetyPort, SafetyList, type EffectTarget } from '../../src/engine';
import { blockIp, FakeEffects, harness, inspect, step, workflow } from './harness';

const list = SafetyList.parse({
  protected: [
    { kind: 'ip', value: '10.1.1.1', criticality: 'critical', reason: 'domain controller', owner: 'it-ops' },
    { kind: 'cidr', value: '192.168.10.0/24', criticality: 'high', reason: 'OT network' },
    { kind: 'ip', value: '2001:db8::1', criticality: 'high', reason: 'core router' },
    { kind: 'cidr', value: '2001:db8:ffff::/48', criticality: 'medium', reason: 'lab v6' },
    { kind: 'host', value: 'DC01.corp.example', criticality: 'critical', reason: 'domain controller' },
    { kind: 'user', value: 'CORP\\ceo', criticality: 'critical', reason: 'executive' },
    { kind: 'domain', value: 'payments.example', criticality: 'high', reason: 'PCI scope' },
    { kind: 'ip', value: '203.0.113.50', criticality: 'low', reason: 'also listed as auto-OK' },
  ],
  autoOk: [
    { kind: 'cidr', value: '203.0.113.0/24', criticality: 'low', reason: 'known-bad range (TEST-NET-3)' },
    { kind: 'host', value: 'kiosk-07', criticality: 'low', reason: 'lab kiosk' },
  ],
});

const verdict = (kind: EffectTarget['kind'], value: string) => checkTarget(list, { kind, value }).decision;

describe('safety list matching', () => {
  it.each([
    ['ip', '10.1.1.1', 'refuse'],
    ['ip', '10.1.1.2', 'allow'],
    ['ip', '192.168.10.77', 'refuse'],
    ['ip', '192.168.11.1', 'allow'],
    ['ip', '2001:0db8:0000:0000:0000:0000:0000:0001', 'refuse'],
    ['ip', '2001:db8::2', 'allow'],
    ['ip', '2001:db8:ffff:1::9', 'refuse'],
    ['ip', '::ffff:10.1.1.1', 'refuse'],
    ['ip', '203.0.113.9', 'auto-ok'],
    ['ip', '203.0.113.50', 'refuse'],
    ['host', 'dc01.CORP.example.', 'refuse'],
    ['host', 'dc02.corp.example', 'allow'],
    ['host', 'api.payments.example', 'refuse'],
    ['host', 'notpayments.example', 'allow'],
    ['host', 'KIOSK-07', 'auto-ok'],
    ['user', 'corp\\CEO', 'refuse'],
    ['user', 'ceo@corp.example', 'refuse'],
    ['user', 'ceo', 'refuse'],
    ['user', 'ceo@other.example', 'allow'],
    ['user', 'cfo@corp.example', 'allow'],
    ['user', 'clerk@payments.example', 'refuse'],
  ] as const)('when the target is %s %s then the verdict is %s', (kind, value, expected) => {
    expect(verdict(kind, value)).toBe(expected);
  });

  // A connector's CIDR target is an `ip` target whose value is a network.
  it.each([
    ['10.1.0.0/16', 'refuse'], // holds the protected 10.1.1.1
    ['192.168.0.0/16', 'refuse'], // holds the protected 192.168.10.0/24
    ['192.168.10.128/25', 'refuse'], // inside the protected 192.168.10.0/24
    ['10.2.0.0/16', 'allow'],
    ['203.0.113.128/25', 'auto-ok'], // all of it inside the auto-OK 203.0.113.0/24, clear of 203.0.113.50
    ['203.0.0.0/16', 'refuse'], // wider than the auto-OK range, and holds the protected 203.0.113.50
    ['198.51.0.0/16', 'allow'],
    ['2001:db8::/64', 'refuse'], // holds the protected 2001:db8::1
  ] as const)('when the target is the network %s then the verdict is %s', (value, expected) => {
    expect(verdict('ip', value)).toBe(expected);
  });

  it('when a network only partly inside an auto-OK range is the target then it is not auto-OK', () => {
    const ok = SafetyList.parse({
      autoOk: [
        { kind: 'cidr', value: '198.51.100.0/24', criticality: 'low', reason: 'bad range' },
        { kind: 'ip', value: '198.51.101.1', criticality: 'low', reason: 'sinkhole' },
      ],
    });
    expect(checkTarget(ok, { kind: 'ip', value: '198.51.100.0/23' }).decision).toBe('allow');
    expect(checkTarget(ok, { kind: 'ip', value: '198.51.101.0/24' }).decision).toBe('allow');
    expect(checkTarget(ok, { kind: 'ip', value: '198.51.101.1/32' }).decision).toBe('auto-ok');
  });

  it('when several protected entries match then the most critical one gives the reason', () => {
    const two = SafetyList.parse({
      protected: [
        { kind: 'cidr', value: '10.0.0.0/8', criticality: 'low', reason: 'internal' },
        { kind: 'ip', value: '10.0.0.5', criticality: 'critical', reason: 'backup server', owner: 'storage' },
      ],
    });
    expect(checkTarget(two, { kind: 'ip', value: '10.0.0.5' })).toEqual({
      decision: 'refuse',
      criticality: 'critical',
      reason: '10.0.0.5 is protected: backup server (owner: storage)',
    });
  });

  it('when an entry is not a valid address or block then the list does not parse', () => {
    const bad = (kind: string, value: string) =>
      SafetyList.safeParse({ protected: [{ kind, value, criticality: 'low', reason: 'x' }] }).success;
    expect(bad('ip', '300.1.1.1')).toBe(false);
    expect(bad('cidr', '10.0.0.0/33')).toBe(false);
    expect(bad('cidr', '2001:db8::/129')).toBe(false);
    expect(bad('ip', '1:2:3')).toBe(false);
    expect(bad('cidr', '2001:db8::/32')).toBe(true);
  });
});

/** start → block (gateway block_ip {{ event.ip }}) → after */
const blockDoc = workflow('block', {
  block: blockIp('{{ event.ip }}', { out: 'after' }),
  after: step('transform', { expression: '1' }),
});

describe('engine: safety on destructive actions', () => {
  it.each([
    ['a protected IP', '10.1.1.1', 'domain controller'],
    ['an address in a protected CIDR', '192.168.10.3', 'OT network'],
    ['a protected IPv6 address', '2001:db8:0::1', 'core router'],
  ])('when the target is %s then the action is refused, never sent, and the decision recorded', async (_, ip, why) => {
    const effects = new FakeEffects();
    const { engine, store } = harness({ effects, safety: createSafetyPort(list) });

    const run = await engine.start(blockDoc, { ip });

    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ kind: 'safety', retryable: false, stepId: 'block' });
    expect(run.error?.message).toContain(why);
    expect(effects.calls).toHaveLength(0);
    expect((await inspect(store, run.runId)).attemptsOf('block')[0]).toMatchObject({
      status: 'failed',
      target: { kind: 'ip', value: ip },
      safety: { decision: 'refuse' },
    });
  });

  it('when the target is on the auto-OK list then the action runs and the decision is recorded', async () => {
    const effects = new FakeEffects();
    const { engine, store } = harness({ effects, safety: createSafetyPort(list) });

    const run = await engine.start(blockDoc, { ip: '203.0.113.7' });

    expect(run.status).toBe('succeeded');
    expect(effects.calls[0]?.target).toEqual({ kind: 'ip', value: '203.0.113.7' });
    expect((await inspect(store, run.runId)).attemptsOf('block')[0]?.safety?.decision).toBe('auto-ok');
  });

  it('when a run goes past its blast radius then the excess destructive actions are refused', async () => {
    // start → each (4 IPs) ─item→ block (gateway block_ip {{ item }}), continue on error
    const doc = workflow('each', {
      each: step('foreach', { items: 'event.ips', concurrency: 1, onItemError: 'continue' }, { item: 'block' }),
      block: blockIp('{{ item }}'),
    });
    const effects = new FakeEffects();
    const { engine, store } = harness({ effects, limits: { maxDestructivePerRun: 2 } });

    const run = await engine.start(doc, { ips: ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4'] });

    expect(effects.calls.map((c) => c.target?.value)).toEqual(['198.51.100.1', '198.51.100.2']);
    const out = (await inspect(store, run.runId)).result('each')?.output as {
      status: string;
      error?: { kind: string };
    }[];
    expect(out.map((o) => o.status)).toEqual(['succeeded', 'succeeded', 'failed', 'failed']);
    expect(out[2]?.error?.kind).toBe('safety');
  });

  it('when the target param is not an IP address then the action fails validation before any check', async () => {
    const effects = new FakeEffects();
    const { engine } = harness({ effects, safety: createSafetyPort(list) });

    const run = await engine.start(blockDoc, { ip: 'not-an-ip' });

    expect(run.error).toMatchObject({ kind: 'validation', message: '"not-an-ip" is not an IP address' });
  });
});
