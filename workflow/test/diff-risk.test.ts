import { describe, expect, it } from 'vitest';
import { diffWorkflows } from '../src/diff';
import { gatewayParams } from '../src/testing/gateway';
import { BASE, edit, editPaths, params } from './support/edit';

/*
 * BASE, the containment example:
 *
 *   siem_alert → enrich_ip ─out→ check_confidence ─true→ approve_block ─approved→ block_ip → notify_blocked
 *                    │                 └─false→ end_no_action      ├─rejected→ notify_rejected    └─error→ notify_block_failed
 *                    └─error→ notify_enrichment_failed             └─timeout→ notify_timeout → end_timed_out
 */
const risk = (after: typeof BASE, before = BASE) => {
  const d = diffWorkflows(before, after);
  return { risk: d.risk, reasons: d.riskReasons };
};

describe('diffWorkflows risk: destructive steps', () => {
  it('when a destructive step is added then the risk is high', () => {
    const after = edit(BASE, (d) => {
      d.steps['disable_account'] = {
        type: 'connector',
        label: 'Disable user',
        params: gatewayParams('disable_user', { user: 'x', reason: 'y', path: '/api', method: 'POST' }, 'gateway-idp'),
        transitions: {},
      };
    });
    expect(risk(after)).toEqual({
      risk: 'high',
      reasons: ['Adds destructive step "disable_account" (Disable user).'],
    });
  });

  it("when a destructive step's target changes then the risk is high and the target is named", () => {
    const after = editPaths(BASE, { 'steps.block_ip.params.input.ip': '{{ event.dest_host }}' });
    expect(risk(after)).toEqual({
      risk: 'high',
      reasons: [
        'Changes the target (input.ip) of destructive step "block_ip" (Block source IP at perimeter firewall).',
      ],
    });
  });

  it("when a destructive step's other params change then the risk is high and the paths are listed", () => {
    const after = editPaths(BASE, {
      'steps.block_ip.params.input.duration': '30d',
      'steps.block_ip.params.input.path': '/x',
    });
    expect(risk(after).reasons).toEqual([
      'Changes params of destructive step "block_ip" (Block source IP at perimeter firewall): input.duration, input.path.',
    ]);
  });

  it("when a destructive step's outgoing transitions change then the risk is high", () => {
    const after = editPaths(BASE, { 'steps.block_ip.transitions.error': undefined });
    expect(risk(after).reasons).toEqual([
      'Rewires what follows destructive step "block_ip" (Block source IP at perimeter firewall).',
    ]);
  });

  it("when a destructive step's retry policy changes then the risk is high", () => {
    const after = editPaths(BASE, { 'steps.block_ip.retry': { maxAttempts: 5 } });
    expect(risk(after).reasons).toEqual([
      'Changes the retry policy of destructive step "block_ip" (Block source IP at perimeter firewall).',
    ]);
  });

  it('when the condition is rewired to skip the approval then the risk is high', () => {
    // approve_block still points at block_ip (now unreachable): only the new way in is news.
    const after = editPaths(BASE, { 'steps.check_confidence.transitions.true': ['block_ip'] });
    expect(risk(after).reasons).toEqual([
      'Changes what leads to destructive step "block_ip": now reached from "check_confidence".true.',
    ]);
  });

  it('when a step becomes destructive by a type change then the risk is high, and the same the other way', () => {
    const destructive = editPaths(BASE, {
      'steps.end_no_action.type': 'connector',
      'steps.end_no_action.params': gatewayParams('isolate_host', { host: 'h', reason: 'r', path: '/isolate' }),
    });
    const becomes = 'Step "end_no_action" becomes destructive: its type changes from end to connector.';
    expect(risk(destructive)).toEqual({ risk: 'high', reasons: [becomes] });
    expect(risk(BASE, destructive).reasons).toEqual([
      'Step "end_no_action" is no longer destructive: its type changes from connector to end.',
    ]);
  });

  it('when a destructive step is removed then the risk stays normal', () => {
    const after = edit(BASE, (d) => {
      delete d.steps['block_ip'];
      d.steps['approve_block']!.transitions['approved'] = ['notify_blocked'];
    });
    expect(risk(after)).toEqual({ risk: 'normal', reasons: [] });
  });
});

describe('diffWorkflows risk: reads that become writes', () => {
  it('when an HTTP step goes from GET to POST then the risk is high', () => {
    const after = editPaths(BASE, { 'steps.enrich_ip.params.method': 'POST' });
    expect(risk(after).reasons).toEqual([
      'Step "enrich_ip" (Check IP reputation (AbuseIPDB)) now writes to the outside world: HTTP GET becomes POST.',
    ]);
  });

  it('when an HTTP read changes only its URL then the risk stays normal', () => {
    expect(risk(editPaths(BASE, { 'steps.enrich_ip.params.url': 'https://abuse.example/check' })).risk).toBe('normal');
  });

  it('when a notify message changes then the risk stays normal', () => {
    expect(risk(editPaths(BASE, { 'steps.notify_blocked.params.input.message': 'Blocked.' }))).toEqual({
      risk: 'normal',
      reasons: [],
    });
  });
});

describe('diffWorkflows risk: approvals', () => {
  it('when an approval that guards a step is removed then the risk is high', () => {
    const after = edit(BASE, (d) => {
      delete d.steps['approve_block'];
      d.steps['check_confidence']!.transitions['true'] = ['block_ip'];
    });
    expect(risk(after).reasons).toEqual([
      'Removes approval "approve_block", which guarded "block_ip".',
      'Changes what leads to destructive step "block_ip": now reached from "check_confidence".true; no longer from "approve_block".approved.',
    ]);
  });

  it('when an approval that guards nothing is removed then the risk stays normal', () => {
    const withSpare = edit(BASE, (d) => {
      d.steps['spare_approval'] = { ...d.steps['approve_block']!, transitions: {} };
    });
    expect(risk(BASE, withSpare)).toEqual({ risk: 'normal', reasons: [] });
  });

  it.each([
    [
      'the quorum is lowered',
      { quorum: 1 },
      { quorum: 2 },
      'Lowers the quorum of approval "approve_block" from 2 to 1.',
    ],
    [
      'a role is added',
      { approvers: { users: [], roles: ['reviewer', 'analyst'] } },
      {},
      'Lets more people decide approval "approve_block": role:analyst.',
    ],
    [
      'the timeout approves',
      { onTimeout: 'approved' },
      {},
      'Makes approval "approve_block" approve by itself when nobody answers in time.',
    ],
    [
      'escalation comes sooner',
      { escalation: [{ after: '1m', approvers: { users: ['oncall'], roles: [] } }] },
      {},
      'Escalates approval "approve_block" to level 1 sooner: after 1m instead of 15m.',
    ],
  ])('when %s then the approval is weakened and the risk is high', (_, change, setup, reason) => {
    const before = edit(BASE, (d) => void Object.assign(params(d, 'approve_block'), setup));
    const after = edit(before, (d) => void Object.assign(params(d, 'approve_block'), change));
    expect(risk(after, before)).toEqual({ risk: 'high', reasons: [reason] });
  });

  it('when an approval is tightened (higher quorum, fewer deciders) then the risk stays normal', () => {
    const after = edit(BASE, (d) => {
      Object.assign(params(d, 'approve_block'), { quorum: 2, escalation: [] });
    });
    expect(risk(after)).toEqual({ risk: 'normal', reasons: [] });
  });

  it('when several rules fire then the reasons come in step id order', () => {
    const after = editPaths(BASE, {
      'steps.enrich_ip.params.method': 'PUT',
      'steps.approve_block.params.quorum': 1,
      'steps.approve_block.params.onTimeout': 'approved',
      'steps.block_ip.params.input.ip': '1.2.3.4',
    });
    expect(risk(after).reasons.map((r) => r.match(/"(\w+)"/)?.[1])).toEqual(['approve_block', 'block_ip', 'enrich_ip']);
  });
});
