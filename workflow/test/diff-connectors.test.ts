import { describe, expect, it } from 'vitest';
import { diffWorkflows, withConnectorFit } from '../src/diff';
import type { WorkflowDocument } from '../src/document';
import { BASE, edit, params } from './support/edit';

/*
 * BASE (the containment example) plus `lookup_ip`, a read step of a custom connector:
 *
 *   siem_alert → enrich_ip → check_confidence ─true→ approve_block ─approved→ block_ip → notify_blocked
 *                                 (lookup_ip: acme-intel 1.0.0 lookup_ip, read, target ip (ip), out → end_no_action)
 *
 * block_ip is autonomic-gateway 1.0.0 block_ip (destructive, target ip (ip));
 * notify_blocked is autonomic-gateway 1.0.0 notify (write, no target).
 */
const WITH_LOOKUP = edit(BASE, (d) => {
  d.steps['lookup_ip'] = {
    type: 'connector',
    label: 'Look up the IP',
    params: {
      connector: 'acme-intel',
      version: '1.0.0',
      action: 'lookup_ip',
      credential: 'intel-live',
      input: { ip: '{{ event.src_ip }}' },
      effect: 'read',
      target: { param: 'ip', kind: 'ip' },
    },
    transitions: { out: ['end_no_action'] },
  };
});

/** `doc` with the params of step `id` overwritten by `patch` (a re-pin as the upgrade makes it). */
const repin = (doc: WorkflowDocument, id: string, patch: Record<string, unknown>) =>
  edit(doc, (d) => {
    const p = params(d, id);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete p[k];
      else p[k] = v;
    }
  });

describe('diffWorkflows connectors: what is listed', () => {
  it('when a connector step is bumped to a version with the same effect and target then it is listed and the risk stays normal', () => {
    const after = repin(BASE, 'block_ip', { version: '1.1.0' });

    const d = diffWorkflows(BASE, after);

    expect(d.connectors).toEqual([
      {
        stepId: 'block_ip',
        label: 'Block source IP at perimeter firewall',
        connector: { before: 'autonomic-gateway', after: 'autonomic-gateway' },
        version: { before: '1.0.0', after: '1.1.0' },
        action: { before: 'block_ip', after: 'block_ip' },
        effect: { before: 'destructive', after: 'destructive' },
        target: { before: { param: 'ip', kind: 'ip' }, after: { param: 'ip', kind: 'ip' } },
        effectRaised: false,
        targetChanged: false,
        highRisk: false,
      },
    ]);
    // A destructive step's param change is otherwise high risk: the version alone is not.
    expect(d.risk).toBe('normal');
    expect(d.riskReasons).toEqual([]);
    expect(d.steps.changed.map((c) => c.id)).toEqual(['block_ip']);
  });

  it('when only the input, credential or wiring of a connector step changes then no connector change is listed', () => {
    const after = edit(WITH_LOOKUP, (d) => {
      params(d, 'lookup_ip')['input'] = { ip: '{{ event.dest_ip }}' };
      params(d, 'lookup_ip')['credential'] = 'intel-test';
      d.steps['lookup_ip']!.transitions = {};
    });

    const d = diffWorkflows(WITH_LOOKUP, after);

    expect(d.connectors).toEqual([]);
    expect(d.steps.changed.map((c) => c.id)).toEqual(['lookup_ip']);
  });

  it('when a connector step becomes another type, or a step is added, then it is not a connector change', () => {
    const after = edit(WITH_LOOKUP, (d) => {
      d.steps['lookup_ip'] = { type: 'end', label: 'Stop', params: {}, transitions: {} };
      d.steps['lookup_again'] = { ...structuredClone(WITH_LOOKUP.steps['lookup_ip']!), transitions: {} };
    });

    expect(diffWorkflows(WITH_LOOKUP, after).connectors).toEqual([]);
  });

  it('when the action id changes on the same step then the action is listed before and after', () => {
    const after = repin(BASE, 'block_ip', {
      action: 'isolate_host',
      target: { param: 'host', kind: 'host' },
      input: { host: 'h1', reason: 'r', path: '/isolate' },
    });

    const [c] = diffWorkflows(BASE, after).connectors;

    expect(c).toMatchObject({
      action: { before: 'block_ip', after: 'isolate_host' },
      version: { before: '1.0.0', after: '1.0.0' },
      targetChanged: true,
      highRisk: true,
    });
  });

  it('when the step runs another connector then the connector is listed before and after', () => {
    const after = repin(WITH_LOOKUP, 'lookup_ip', { connector: 'abuseipdb', version: '2.0.0', action: 'check_ip' });

    const [c] = diffWorkflows(WITH_LOOKUP, after).connectors;

    expect(c).toMatchObject({
      connector: { before: 'acme-intel', after: 'abuseipdb' },
      version: { before: '1.0.0', after: '2.0.0' },
      action: { before: 'lookup_ip', after: 'check_ip' },
      highRisk: false,
    });
  });
});

describe('diffWorkflows connectors: risk', () => {
  it('when an upgrade raises the effect from write to destructive then the risk is high and one sentence names step, connector, versions and effects', () => {
    const after = repin(BASE, 'notify_blocked', {
      version: '2.0.0',
      effect: 'destructive',
      target: { param: 'channel', kind: 'user' },
    });

    const d = diffWorkflows(BASE, after);

    expect(d.risk).toBe('high');
    expect(d.riskReasons).toEqual([
      'Step "notify_blocked" becomes destructive: its effect changes from write to destructive.',
      'Step "notify_blocked" (Report the block) is re-pinned from autonomic-gateway 1.0.0 to autonomic-gateway 2.0.0 (action notify): its effect rises from write to destructive and its target changes from none to user (channel).',
    ]);
    expect(d.connectors[0]).toMatchObject({ effectRaised: true, targetChanged: true, highRisk: true });
  });

  it('when an upgrade raises the effect from read to write then the risk is high and the re-pin is named with the new write', () => {
    const after = repin(WITH_LOOKUP, 'lookup_ip', { version: '1.1.0', effect: 'write' });

    expect(diffWorkflows(WITH_LOOKUP, after).riskReasons).toEqual([
      'Step "lookup_ip" (Look up the IP) now writes to the outside world.',
      'Step "lookup_ip" (Look up the IP) is re-pinned from acme-intel 1.0.0 to acme-intel 1.1.0 (action lookup_ip): its effect rises from read to write.',
    ]);
  });

  it('when an upgrade raises the effect from read to destructive then the risk is high', () => {
    const after = repin(WITH_LOOKUP, 'lookup_ip', { version: '1.1.0', effect: 'destructive' });

    const d = diffWorkflows(WITH_LOOKUP, after);

    expect(d.risk).toBe('high');
    expect(d.riskReasons).toEqual([
      'Step "lookup_ip" becomes destructive: its effect changes from read to destructive.',
      'Step "lookup_ip" (Look up the IP) is re-pinned from acme-intel 1.0.0 to acme-intel 1.1.0 (action lookup_ip): its effect rises from read to destructive.',
    ]);
  });

  it("when an upgrade changes the target's kind with the same effect then the risk is high and both targets are named", () => {
    const after = repin(WITH_LOOKUP, 'lookup_ip', { version: '1.1.0', target: { param: 'ip', kind: 'cidr' } });

    const d = diffWorkflows(WITH_LOOKUP, after);

    expect(d.risk).toBe('high');
    expect(d.riskReasons).toEqual([
      'Step "lookup_ip" (Look up the IP) is re-pinned from acme-intel 1.0.0 to acme-intel 1.1.0 (action lookup_ip): its target changes from ip (ip) to cidr (ip).',
    ]);
  });

  it("when an upgrade changes the target's param of a destructive step then the risk is high", () => {
    const after = repin(BASE, 'block_ip', { version: '1.1.0', target: { param: 'address', kind: 'ip' } });

    const d = diffWorkflows(BASE, after);

    expect(d.riskReasons).toContain(
      'Step "block_ip" (Block source IP at perimeter firewall) is re-pinned from autonomic-gateway 1.0.0 to autonomic-gateway 1.1.0 (action block_ip): its target changes from ip (ip) to ip (address).',
    );
    // The pin's own sentence speaks for version and target: they are not repeated as "params".
    expect(d.riskReasons.some((r) => r.startsWith('Changes params of destructive step "block_ip"'))).toBe(false);
  });

  it('when an upgrade lowers the effect then the connector change is not a risk of its own, while leaving destructive still is', () => {
    const after = repin(BASE, 'block_ip', { version: '1.1.0', effect: 'write' });

    const d = diffWorkflows(BASE, after);

    expect(d.connectors[0]).toMatchObject({ effectRaised: false, targetChanged: false, highRisk: false });
    expect(d.riskReasons).toEqual([
      'Step "block_ip" is no longer destructive: its effect changes from destructive to write.',
    ]);
  });

  it('when a destructive step is bumped and its other input changes too then that input is still a risk reason', () => {
    const after = repin(BASE, 'block_ip', { version: '1.1.0' });
    params(after, 'block_ip')['input'] = { ...(params(after, 'block_ip')['input'] as object), duration: '30d' };

    expect(diffWorkflows(BASE, after).riskReasons).toEqual([
      'Changes params of destructive step "block_ip" (Block source IP at perimeter firewall): input.duration.',
    ]);
  });
});

describe('withConnectorFit', () => {
  it("when the catalog's problems are given then each connector change gets its step's action and input problems only", () => {
    const after = repin(WITH_LOOKUP, 'lookup_ip', { version: '1.1.0' });
    const d = diffWorkflows(WITH_LOOKUP, after);

    const fitted = withConnectorFit(d, [
      { nodeId: 'lookup_ip', path: 'params.input', message: "input 'zone' is required by acme-intel 1.1.0 lookup_ip" },
      { nodeId: 'lookup_ip', path: 'params.input.ip', message: "input 'ip' is a string; … takes integer" },
      { nodeId: 'lookup_ip', path: 'params.credential', message: "credential 'intel-live' does not exist" },
      { nodeId: 'block_ip', path: 'params.input', message: 'another step' },
    ]);

    expect(fitted.connectors[0]?.inputProblems).toEqual([
      { path: 'params.input', message: "input 'zone' is required by acme-intel 1.1.0 lookup_ip" },
      { path: 'params.input.ip', message: "input 'ip' is a string; … takes integer" },
    ]);
    expect(withConnectorFit(d, []).connectors[0]?.inputProblems).toEqual([]);
    expect(d.connectors[0]?.inputProblems).toBeUndefined();
  });
});
