import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICIES, evaluatePolicies, hostAllowed, PolicyRule, SafetyPolicy, urlHost } from '../../src/policies';
import { defaultPolicy, graph, policy, s } from './support';

const ids = (vs: ReturnType<typeof evaluatePolicies>) => vs.map((v) => `${v.policyId}:${v.nodeId}`);

describe('error-handled rule (destructive-error-handled default)', () => {
  const HANDLED = defaultPolicy('destructive-error-handled');
  it.each([
    { name: 'the block’s error port goes to a notification', block: s.block({ error: ['tell'] }), violated: false },
    { name: 'the block’s error port is not wired', block: s.block({ out: ['tell'] }), violated: true },
    { name: 'the block’s error port is an empty list', block: s.block({ error: [] }), violated: true },
  ])('when $name then violated is $violated', ({ block, violated }) => {
    const doc = graph({ out: ['block'] }, { block, tell: s.notify() });
    const found = evaluatePolicies(doc, [HANDLED], { maxDestructivePerRun: 1 });
    expect(ids(found)).toEqual(violated ? ['destructive-error-handled:block'] : []);
  });

  it('when a rule names another port then that port must be wired, and a write step is not selected by a destructive matcher', () => {
    const rule = policy({ kind: 'error-handled', steps: { types: ['connector'] }, port: 'timeout' });
    const doc = graph({ out: ['block'] }, { block: s.block({ error: ['tell'] }), tell: s.notify() });
    const found = evaluatePolicies(doc, [rule], { maxDestructivePerRun: 1 });
    expect(ids(found)).toEqual(['test-policy:block', 'test-policy:tell']);
    expect(found[0]?.message).toContain('its timeout port is not connected');
  });
});

describe('loop-limited rule (destructive-loop-limited default)', () => {
  const LOOP = defaultPolicy('destructive-loop-limited');
  // alert → outer ─item→ inner ─item→ block → inner ;  inner ─done→ outer ;  outer ─done→ done
  const nested = graph(
    { out: ['outer'] },
    {
      outer: s.foreach({ item: ['inner'], done: ['done'] }),
      inner: s.foreach({ item: ['block'], done: ['outer'] }),
      block: s.block({ out: ['inner'], error: ['inner'] }),
      done: s.block({ error: ['outer'] }),
    },
  );

  it.each([
    { name: 'no limit is set', limit: null, maxPerRun: undefined, violated: true },
    { name: 'a limit is set and the rule asks for any', limit: 50, maxPerRun: undefined, violated: false },
    { name: 'the limit is above the rule’s maximum', limit: 50, maxPerRun: 20, violated: true },
    { name: 'the limit is the rule’s maximum', limit: 20, maxPerRun: 20, violated: false },
  ])('when $name (limit $limit, max $maxPerRun) then violated is $violated', ({ limit, maxPerRun, violated }) => {
    const rule = policy({ ...LOOP.rule, ...(maxPerRun ? { maxPerRun } : {}) } as PolicyRule);
    const found = evaluatePolicies(nested, [rule], { maxDestructivePerRun: limit });
    expect(found.map((v) => [v.nodeId, v.path, v.ports])).toEqual(
      violated ? [['block', ['inner', 'block'], ['item']]] : [],
    );
  });

  it('when the block sits in nested for-each bodies then the innermost loop is named, and a step after the loops is not selected', () => {
    const [v, ...rest] = evaluatePolicies(nested, [LOOP], { maxDestructivePerRun: null });
    expect(rest).toEqual([]);
    expect(v?.message).toBe(
      'Connector (block) is destructive and runs once per item of For each (inner), but the workflow has no limit of destructive actions per run',
    );
  });

  it('when the rule names loops of another type then a for-each body is not checked', () => {
    const rule = policy({ kind: 'loop-limited', steps: { effects: ['destructive'] }, loops: ['other'] });
    expect(evaluatePolicies(nested, [rule], { maxDestructivePerRun: null })).toEqual([]);
  });
});

describe('http-hosts rule (http-write-allow-list default)', () => {
  const rule = (allow: string[]) => policy({ kind: 'http-hosts', methods: ['POST', 'PUT', 'PATCH', 'DELETE'], allow });
  it.each([
    { name: 'an exact host', url: 'https://fw.corp.example/rules', allow: ['fw.corp.example'], violated: false },
    {
      name: 'an exact host in another case',
      url: 'https://FW.Corp.Example:8443/rules',
      allow: ['fw.corp.EXAMPLE'],
      violated: false,
    },
    { name: 'a host not listed', url: 'https://evil.example/x', allow: ['fw.corp.example'], violated: true },
    {
      name: 'a sub-domain of a wildcard',
      url: 'https://a.b.corp.example/x',
      allow: ['*.corp.example'],
      violated: false,
    },
    { name: 'the apex of a wildcard', url: 'https://corp.example/x', allow: ['*.corp.example'], violated: true },
    {
      name: 'a look-alike of a wildcard',
      url: 'https://evilcorp.example/x',
      allow: ['*.corp.example'],
      violated: true,
    },
    {
      name: 'a host from a string variable',
      url: '{{ vars.fwBase }}/rules',
      allow: ['fw.corp.example'],
      violated: false,
    },
    {
      name: 'a host from a variable inside the URL',
      url: 'https://{{ vars.fwHost }}/rules',
      allow: ['fw.corp.example'],
      violated: false,
    },
    {
      name: 'a host only known at run time',
      url: 'https://{{ event.host }}/rules',
      allow: ['fw.corp.example'],
      violated: true,
    },
    {
      name: 'a variable that is not a string',
      url: 'https://{{ vars.port }}/x',
      allow: ['fw.corp.example'],
      violated: true,
    },
    {
      name: 'user info before the host',
      url: 'https://fw.corp.example@evil.example/x',
      allow: ['fw.corp.example'],
      violated: true,
    },
    {
      name: 'a run-time value in the path only',
      url: 'https://fw.corp.example/{{ event.ip }}',
      allow: ['fw.corp.example'],
      violated: false,
    },
  ])('when a POST goes to $name then violated is $violated', ({ url, allow, violated }) => {
    const doc = graph(
      { out: ['push'] },
      { push: s.http('POST', url) },
      { fwBase: 'https://fw.corp.example', fwHost: 'fw.corp.example', port: 8443 },
    );
    expect(ids(evaluatePolicies(doc, [rule(allow)], { maxDestructivePerRun: 1 }))).toEqual(
      violated ? ['test-policy:push'] : [],
    );
  });

  it('when a GET goes to an unlisted host then a rule about writes ignores it', () => {
    const doc = graph({ out: ['get'] }, { get: s.http('GET', 'https://anywhere.example/') });
    expect(evaluatePolicies(doc, [rule([])], { maxDestructivePerRun: 1 })).toEqual([]);
  });

  it('when the host is only known at run time then the message says so', () => {
    const doc = graph({ out: ['push'] }, { push: { ...s.http('PUT', '{{ event.url }}'), label: 'Push rule' } });
    const [v] = evaluatePolicies(doc, [defaultPolicy('http-write-allow-list')], { maxDestructivePerRun: 1 });
    expect(v?.message).toContain('Push rule (push) sends PUT to a host only known at run time');
  });

  it('when a host is read from a URL then it is lower-case without port or user info', () => {
    expect(urlHost('HTTPS://u:p@Api.Example.COM:8443/x', {})).toEqual({ kind: 'host', host: 'api.example.com' });
    expect(urlHost('{{ vars.base }}/x', { base: 'https://h.example' })).toEqual({ kind: 'host', host: 'h.example' });
    expect(urlHost('not a url', {})).toEqual({ kind: 'invalid' });
    expect(hostAllowed('x.example.com', ['*.EXAMPLE.com'])).toBe(true);
    expect(hostAllowed('example.com', ['*.example.com'])).toBe(false);
  });
});

describe('policies together', () => {
  // alert → block (no guard, no error port; http write to an unlisted host)
  const doc = graph(
    { out: ['block'] },
    { block: s.block({ out: ['push'] }), push: s.http('POST', 'https://x.example/') },
  );

  it('when all defaults are enabled then violations come in policy order, then node id', () => {
    expect(ids(evaluatePolicies(doc, DEFAULT_POLICIES, { maxDestructivePerRun: null }))).toEqual([
      'destructive-guarded:block',
      'destructive-error-handled:block',
      'http-write-allow-list:push',
    ]);
  });

  it('when a policy is disabled then it is not checked', () => {
    const policies = DEFAULT_POLICIES.map((p) => (p.id === 'destructive-guarded' ? { ...p, enabled: false } : p));
    expect(ids(evaluatePolicies(doc, policies, { maxDestructivePerRun: null }))).toEqual([
      'destructive-error-handled:block',
      'http-write-allow-list:push',
    ]);
  });
});

describe('rule schema', () => {
  it.each([
    [{ kind: 'guarded', steps: {}, guards: [] }, 'guards'],
    [{ kind: 'guarded', steps: { effects: ['explosive'] }, guards: [{ type: 'approval' }] }, 'steps.effects.0'],
    [{ kind: 'guarded', steps: {}, guards: [{ type: 'approval', portz: ['approved'] }] }, 'guards.0'],
    [{ kind: 'loop-limited', steps: {}, maxPerRun: 0 }, 'maxPerRun'],
    [{ kind: 'http-hosts', methods: ['FETCH'], allow: [] }, 'methods.0'],
    [{ kind: 'http-hosts', methods: ['POST'] }, 'allow'],
    [{ kind: 'teleport' }, 'kind'],
  ])('when a rule is %j then it is refused at %s', (rule, path) => {
    const r = PolicyRule.safeParse(rule);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('when a policy id has capitals then it is refused naming id', () => {
    const r = SafetyPolicy.safeParse({ id: 'Bad', name: 'x', rule: DEFAULT_POLICIES[0]?.rule });
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['id']);
  });

  it('when the defaults are parsed then each is a valid policy', () => {
    for (const p of DEFAULT_POLICIES) expect(SafetyPolicy.parse(p)).toEqual(p);
  });
});
