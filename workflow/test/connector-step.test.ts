import { describe, expect, it } from 'vitest';
import { ConnectorDefinition } from '../src/connectors';
import { diffWorkflows } from '../src/diff';
import { connectorProblems, type ConnectorContext } from '../src/index';
import { nodeDefinition, nodeSummary, portsOf, STEP_DEFINITIONS, targetOf } from '../src/nodes';
import { validateDocument } from '../src/load';
import { BASE, edit } from './support/edit';
import { sampleConnector } from './support/connectors';

/** acme-firewall 1.2.0: lookup (read, target ip), block (destructive, target ip). */
const ACME = ConnectorDefinition.parse(sampleConnector());
const schema = STEP_DEFINITIONS.connector.params;

const lookup = (over: Record<string, unknown> = {}) => ({
  connector: 'acme-firewall',
  version: '1.2.0',
  action: 'lookup',
  credential: 'acme-prod',
  input: { tenant: 'soc', ip: '{{ event.ip }}' },
  effect: 'read',
  target: { param: 'ip', kind: 'ip' },
  ...over,
});

describe('connector step params', () => {
  it.each<[string, Record<string, unknown>]>([
    ['a pinned read with a target', lookup()],
    ['no target', lookup({ action: 'x', target: undefined })],
    ['nested JSON input with templates', lookup({ input: { a: [1, '{{ x }}', { b: null, c: true }] } })],
    ['a pre-release version', lookup({ version: '2.0.0-beta.1' })],
  ])('when the params are %s then they parse', (_, params) => {
    expect(schema.safeParse(params).success).toBe(true);
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['no credential', 'credential', lookup({ credential: '' })],
    ['a credential of 101 characters', 'credential', lookup({ credential: 'c'.repeat(101) })],
    ['a templated credential', 'credential', lookup({ credential: '{{ event.cred }}' })],
    ['a version that is not semver', 'version', lookup({ version: '1.2' })],
    ['a version range', 'version', lookup({ version: '^1.2.0' })],
    ['a connector id that is not a slug', 'connector', lookup({ connector: 'Acme Firewall' })],
    ['an effect of none', 'effect', lookup({ effect: 'none' })],
    ['a target of an unknown kind', 'target.kind', lookup({ target: { param: 'ip', kind: 'mac' } })],
    ['an input name with a dot', 'input.a.b', lookup({ input: { 'a.b': 'x' } })],
    ['an unknown param', '', lookup({ extra: 1 })],
    ['no action', 'action', lookup({ action: undefined })],
  ])('when the params have %s then they are refused at "%s"', (_, path, params) => {
    const r = schema.safeParse(params);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('when params are read then effect, target, ports and summary come from them', () => {
    const def = nodeDefinition('connector');
    if (!def) throw new Error('no connector node type');
    const p = schema.parse(lookup({ effect: 'destructive', action: 'block' }));
    expect(def.category).toBe('action');
    expect(def.effect(p)).toBe('destructive');
    expect(targetOf(def, p)).toEqual({ kind: 'ip', param: 'input.ip' });
    expect(targetOf(def, schema.parse(lookup({ target: undefined })))).toBeUndefined();
    expect(portsOf(def, p).map((x) => x.id)).toEqual(['out', 'error']);
    expect(nodeSummary('connector', lookup())).toEqual(['acme-firewall@1.2.0', 'lookup', 'acme-prod']);
  });

  it('when an input template is broken then the document validator reports it at the input', () => {
    const doc = edit(BASE, (d) => {
      d.steps['enrich_ip'] = { type: 'connector', label: 'Look up', params: lookup(), transitions: {} };
    });
    const raw = structuredClone(doc) as unknown as { steps: Record<string, { params: { input: object } }> };
    const step = raw.steps['enrich_ip'];
    if (step) step.params.input = { tenant: 'soc', ip: '{{ event.ip ' };
    const problems = validateDocument(raw).problems;
    expect(problems.some((p) => p.nodeId === 'enrich_ip' && p.path === 'params.input.ip')).toBe(true);
  });
});

const context = (over: Partial<ConnectorContext> = {}): ConnectorContext => ({
  connectors: (id, version) => (id === ACME.id && version === ACME.version ? ACME : undefined),
  connectorVersions: (id) => (id === ACME.id ? ['1.2.0', '1.3.0'] : []),
  credentials: [
    { name: 'acme-prod', connectorId: 'acme-firewall', mode: 'live' },
    { name: 'vt', connectorId: 'virustotal', mode: 'live' },
  ],
  ...over,
});

const problemsOf = (params: Record<string, unknown>, ctx = context()) =>
  connectorProblems({ steps: { look: { type: 'connector', params } } }, ctx).map((p) => `${p.path}: ${p.message}`);

describe('connectorProblems', () => {
  it('when the step matches the catalog and its credential exists then there is no problem', () => {
    expect(problemsOf(lookup())).toEqual([]);
    expect(problemsOf(lookup({ action: 'block', effect: 'destructive' }))).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, Partial<ConnectorContext>, string]>([
    [
      'an unknown connector',
      lookup({ connector: 'nope' }),
      { credentials: [{ name: 'acme-prod', connectorId: 'nope', mode: 'live' }] },
      'params.connector: the connector “nope” is not installed',
    ],
    [
      'a version not installed',
      lookup({ version: '9.0.0' }),
      {},
      'params.version: version 9.0.0 of acme-firewall is not installed (installed: 1.2.0, 1.3.0)',
    ],
    [
      'a version not installed, without the version list',
      lookup({ version: '9.0.0' }),
      { connectorVersions: undefined },
      'params.version: version 9.0.0 of acme-firewall is not installed',
    ],
    [
      'an unknown action',
      lookup({ action: 'wipe' }),
      {},
      'params.action: ACME Firewall 1.2.0 has no action “wipe” (its actions: lookup, block)',
    ],
    [
      'an effect copy that is not the catalog one',
      lookup({ action: 'block' }),
      {},
      'params.effect: this step is marked read, but “Block an address” (acme-firewall 1.2.0) is destructive: remove this step and add it again from the palette',
    ],
    [
      'a target copy of another kind',
      lookup({ target: { param: 'ip', kind: 'host' } }),
      {},
      "params.target: this step's target is host (ip), but “Look up an address” (acme-firewall 1.2.0) acts on ip (ip): remove this step and add it again from the palette",
    ],
    [
      'a target copy left out',
      lookup({ target: undefined }),
      {},
      "params.target: this step's target is none, but “Look up an address” (acme-firewall 1.2.0) acts on ip (ip): remove this step and add it again from the palette",
    ],
    [
      'a required input missing',
      lookup({ input: { ip: '{{ event.ip }}' } }),
      {},
      'params.input: a tenant is required by “Look up an address” (acme-firewall 1.2.0)',
    ],
    [
      'an input the action does not declare',
      lookup({ input: { tenant: 'soc', ip: '1.2.3.4', colour: 'red' } }),
      {},
      'params.input.colour: “colour” is not an input of “Look up an address” (acme-firewall 1.2.0); its inputs: tenant, ip, verbose',
    ],
    [
      'a literal input of the wrong JSON type',
      lookup({ input: { tenant: 'soc', ip: '1.2.3.4', verbose: 'yes' } }),
      {},
      'params.input.verbose: Verbose must be true or false, not text',
    ],
    [
      'a credential that does not exist',
      lookup({ credential: 'acme-old' }),
      {},
      'params.credential: there is no credential “acme-old”: pick another, or ask an admin to create it on Credentials',
    ],
    [
      "another connector's credential",
      lookup({ credential: 'vt' }),
      {},
      'params.credential: the credential “vt” is for virustotal, not acme-firewall: pick one for acme-firewall',
    ],
  ])('when the step has %s then that is the one problem', (_, params, over, expected) => {
    expect(problemsOf(params, context(over))).toEqual([expected]);
  });

  it('when an input is a template then its type is left to run time', () => {
    expect(problemsOf(lookup({ input: { tenant: 'soc', ip: '1.2.3.4', verbose: '{{ event.v }}' } }))).toEqual([]);
  });

  it('when an integer param gets a fraction then it is refused, and a number param takes an integer', () => {
    const input = { tenant: 'soc', ip: '1.2.3.4', minutes: 1.5 };
    expect(problemsOf(lookup({ action: 'block', effect: 'destructive', input }))).toEqual([
      'params.input.minutes: Minutes must be a whole number, not a number with decimals',
    ]);
  });

  it('when no credentials are given then credentials are not checked', () => {
    expect(problemsOf(lookup({ credential: 'anything' }), context({ credentials: undefined }))).toEqual([]);
  });

  it('when the params are invalid then the schema reports them and this check stays silent', () => {
    expect(problemsOf(lookup({ credential: '' }))).toEqual([]);
  });
});

describe('connector steps in the semantic diff', () => {
  /*
   *   siem_alert → enrich_ip (connector acme-firewall lookup) → …
   */
  const withStep = (params: Record<string, unknown>) =>
    edit(BASE, (d) => {
      const step = d.steps['enrich_ip'];
      if (step) d.steps['enrich_ip'] = { ...step, type: 'connector', label: 'ACME', params };
    });

  it('when the pinned version changes then the diff shows it as a params change', () => {
    const d = diffWorkflows(withStep(lookup()), withStep(lookup({ version: '1.3.0' })));
    expect(d.steps.changed[0]?.params).toEqual([{ path: 'version', before: '1.2.0', after: '1.3.0' }]);
  });

  it('when the action becomes destructive then the risk is high and the effect change is named', () => {
    const d = diffWorkflows(withStep(lookup()), withStep(lookup({ action: 'block', effect: 'destructive' })));
    expect(d.risk).toBe('high');
    expect(d.riskReasons).toContain(
      'Step "enrich_ip" becomes destructive: its effect changes from read to destructive.',
    );
  });

  it("when a destructive connector step's target input changes then the target is named", () => {
    const block = lookup({ action: 'block', effect: 'destructive' });
    const d = diffWorkflows(withStep(block), withStep({ ...block, input: { tenant: 'soc', ip: '{{ event.x }}' } }));
    expect(d.riskReasons).toEqual(['Changes the target (input.ip) of destructive step "enrich_ip" (ACME).']);
  });
});
