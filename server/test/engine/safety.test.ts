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

/** A list of these entries, each as `{kind, value, criticality, reason}` with the reason "r". */
const only = (protect: Array<[string, string]>, autoOk: Array<[string, string]> = []) =>
  SafetyList.parse({
    protected: protect.map(([kind, value]) => ({ kind, value, criticality: 'high', reason: `protects ${value}` })),
    autoOk: autoOk.map(([kind, value]) => ({ kind, value, criticality: 'low', reason: `ok ${value}` })),
  });
const decide = (l: SafetyList, kind: EffectTarget['kind'], value: string) => checkTarget(l, { kind, value }).decision;

describe('safety entry matchers, one kind at a time', () => {
  it('when an ip entry is checked then only ip targets with that address match, a network touching it too', () => {
    const l = only([['ip', '10.9.9.9']]);
    expect(decide(l, 'ip', '10.9.9.9')).toBe('refuse');
    expect(decide(l, 'ip', '10.9.9.8/31')).toBe('refuse');
    expect(decide(l, 'ip', '10.9.9.10/31')).toBe('allow');
    expect(decide(l, 'host', '10.9.9.9')).toBe('allow');
    expect(decide(l, 'ip', 'not-an-address')).toBe('allow');
  });

  it('when an auto-OK ip entry is checked then it covers only itself, v4 and v6', () => {
    const l = only(
      [],
      [
        ['ip', '198.51.100.7'],
        ['ip', '2001:db8::7'],
      ],
    );
    expect(decide(l, 'ip', '198.51.100.7')).toBe('auto-ok');
    expect(decide(l, 'ip', '198.51.100.6/31')).toBe('allow');
    expect(decide(l, 'ip', '2001:db8::7')).toBe('auto-ok');
    expect(decide(l, 'ip', '2001:db8::7/128')).toBe('auto-ok');
    expect(decide(l, 'ip', '2001:db8::6/127')).toBe('allow');
    expect(decide(l, 'host', '198.51.100.7')).toBe('allow');
  });

  it('when a cidr entry is checked then it is for ip targets only and a network equal to it is covered', () => {
    const l = only([['cidr', '10.20.0.0/16']], [['cidr', '198.51.100.0/24']]);
    expect(decide(l, 'ip', '10.20.0.0/16')).toBe('refuse');
    expect(decide(l, 'ip', '10.21.0.1')).toBe('allow');
    expect(decide(l, 'host', '10.20.0.1')).toBe('allow');
    expect(decide(l, 'ip', '198.51.100.0/24')).toBe('auto-ok');
    expect(decide(l, 'ip', '198.51.100.0/25')).toBe('auto-ok');
    expect(decide(l, 'ip', '198.51.100.0/23')).toBe('allow');
    expect(decide(l, 'ip', 'garbage/8')).toBe('allow');
  });

  it('when a host entry is checked then case, spaces and a trailing dot do not matter, and users do not match', () => {
    const l = only([['host', ' Web01.Corp.Example. ']]);
    expect(decide(l, 'host', 'web01.corp.example')).toBe('refuse');
    expect(decide(l, 'host', ' WEB01.CORP.EXAMPLE ')).toBe('refuse');
    expect(decide(l, 'host', 'web01.corp.example.net')).toBe('allow');
    expect(decide(l, 'user', 'web01.corp.example')).toBe('allow');
  });

  it.each([
    ['CORP\\ceo', 'ceo@corp.example', 'refuse'],
    ['ceo@corp.example', 'CORP\\ceo', 'refuse'],
    ['ceo@corp.example', 'ceo@CORP.example.', 'refuse'],
    ['ceo@corp.example', 'ceo@corp.other', 'allow'],
    ['ceo@corp.example', 'OTHER\\ceo', 'allow'],
    ['ceo@corp.example', 'ceo', 'refuse'],
    ['ceo', 'ceo@anywhere.example', 'refuse'],
    ['ceo', 'cfo', 'allow'],
    ['ceo@corp.example', 'ceo.assistant@corp.example', 'allow'],
    ['first.last@corp.example', 'first.last@corp.example', 'refuse'],
  ] as const)('when the protected user is %s and the target %s then the verdict is %s', (entry, target, expected) => {
    expect(decide(only([['user', entry]]), 'user', target)).toBe(expected);
    // A host of the same text is another kind of target.
    expect(decide(only([['user', entry]]), 'host', target)).toBe('allow');
  });

  it.each([
    ['host', 'payments.example', 'refuse'],
    ['host', 'API.Payments.Example.', 'refuse'],
    ['host', 'deep.api.payments.example', 'refuse'],
    ['host', 'xpayments.example', 'allow'],
    ['host', 'payments.example.org', 'allow'],
    ['user', 'clerk@payments.example', 'refuse'],
    ['user', 'clerk@eu.payments.example', 'refuse'],
    ['user', 'clerk', 'allow'],
    ['user', 'PAYMENTS\\clerk', 'allow'],
    ['ip', 'payments.example', 'allow'],
  ] as const)(
    'when the protected domain is Payments.Example. and the target is %s %s then %s',
    (kind, value, expected) => {
      expect(decide(only([['domain', 'Payments.Example.']]), kind, value)).toBe(expected);
    },
  );

  it('when protected entries of equal criticality match then the first gives the reason, and no owner adds none', () => {
    const l = only([
      ['cidr', '10.0.0.0/8'],
      ['ip', '10.0.0.5'],
    ]);
    expect(checkTarget(l, { kind: 'ip', value: '10.0.0.5' })).toEqual({
      decision: 'refuse',
      criticality: 'high',
      reason: '10.0.0.5 is protected: protects 10.0.0.0/8',
    });
  });

  it('when a less critical entry comes after a more critical one then the more critical one still decides', () => {
    const l = SafetyList.parse({
      protected: [
        { kind: 'ip', value: '10.0.0.5', criticality: 'critical', reason: 'backup server' },
        { kind: 'cidr', value: '10.0.0.0/8', criticality: 'medium', reason: 'internal' },
        { kind: 'cidr', value: '10.0.0.0/16', criticality: 'low', reason: 'office' },
      ],
    });
    expect(checkTarget(l, { kind: 'ip', value: '10.0.0.5' })).toMatchObject({
      criticality: 'critical',
      reason: '10.0.0.5 is protected: backup server',
    });
    expect(checkTarget(l, { kind: 'ip', value: '10.0.9.9' })).toMatchObject({ criticality: 'medium' });
  });

  it('when an auto-OK entry matches then its reason, criticality and name are given, and nothing matching is a plain allow', () => {
    const l = only([], [['host', 'kiosk-1']]);
    expect(checkTarget(l, { kind: 'host', value: 'kiosk-1' })).toEqual({
      decision: 'auto-ok',
      reason: 'ok kiosk-1',
      criticality: 'low',
      entry: 'host kiosk-1',
    });
    expect(checkTarget(l, { kind: 'host', value: 'kiosk-2' })).toEqual({ decision: 'allow' });
  });

  it('when the port checks a target then it answers what checkTarget answers', async () => {
    const port = createSafetyPort(list);
    await expect(port.check({ kind: 'ip', value: '10.1.1.1' })).resolves.toEqual(
      checkTarget(list, { kind: 'ip', value: '10.1.1.1' }),
    );
    await expect(port.check({ kind: 'host', value: 'kiosk-07' })).resolves.toMatchObject({ decision: 'auto-ok' });
  });
});

describe('safety entry schema', () => {
  const entry = (over: Record<string, unknown>) =>
    SafetyList.safeParse({ protected: [{ kind: 'host', value: 'h', criticality: 'low', reason: 'r', ...over }] });
  const issueAt = (over: Record<string, unknown>) =>
    entry(over).error?.issues.map((i) => [i.path.join('.'), i.message]);

  it('when a list leaves out a side then that side is empty', () => {
    expect(SafetyList.parse({})).toEqual({ protected: [], autoOk: [] });
  });

  it('when a value is padded then it is stored trimmed', () => {
    expect(
      SafetyList.parse({ autoOk: [{ kind: 'ip', value: ' 10.0.0.1 ', criticality: 'low', reason: 'r' }] }).autoOk[0]
        ?.value,
    ).toBe('10.0.0.1');
  });

  it.each([
    [{ value: '' }, 'protected.0.value'],
    [{ value: '   ' }, 'protected.0.value'],
    [{ value: 'x'.repeat(513) }, 'protected.0.value'],
    [{ reason: '' }, 'protected.0.reason'],
    [{ reason: 'x'.repeat(501) }, 'protected.0.reason'],
    [{ owner: 'x'.repeat(129) }, 'protected.0.owner'],
    [{ criticality: 'severe' }, 'protected.0.criticality'],
    [{ kind: 'mac' }, 'protected.0.kind'],
    [{ colour: 'red' }, 'protected.0'],
  ])('when an entry has %o then it is refused at %s', (over, path) => {
    expect(issueAt(over)?.map(([p]) => p)).toContain(path);
  });

  it('when values are at their limits then they are accepted', () => {
    expect(entry({ value: 'x'.repeat(512), reason: 'x'.repeat(500), owner: 'x'.repeat(128) }).success).toBe(true);
  });

  it('when an ip or cidr entry is malformed then the problem is on its value and says which', () => {
    expect(issueAt({ kind: 'ip', value: '10.0.0.0/8' })).toEqual([['protected.0.value', 'not an IP address']]);
    expect(issueAt({ kind: 'cidr', value: '10.0.0.300/8' })).toEqual([['protected.0.value', 'not a CIDR block']]);
    expect(entry({ kind: 'cidr', value: '10.0.0.1' }).success).toBe(true);
    expect(entry({ kind: 'host', value: '10.0.0.0/8' }).success).toBe(true);
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
