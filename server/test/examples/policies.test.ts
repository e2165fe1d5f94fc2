import { join } from 'node:path';
import { DEFAULT_POLICIES, evaluatePolicies, type WorkflowDocument } from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import { exampleSettings } from '../../src/seed/example-settings';
import { EXAMPLES, exampleNames, loadExample } from './support';

/**
 * The example playbooks comply with the default safety policies (issue 15 §2), each with the
 * workflow settings the seed gives it (its settings.json): what review and publish check.
 */
async function contextOf(name: string) {
  const settings = await exampleSettings(join(EXAMPLES, name));
  return { maxDestructivePerRun: settings.maxDestructivePerRun ?? null };
}

/** A copy of the document with one step's params or transitions replaced. */
function edited(
  doc: WorkflowDocument,
  id: string,
  change: Partial<WorkflowDocument['steps'][string]>,
): WorkflowDocument {
  const step = doc.steps[id];
  if (!step) throw new Error(`no step ${id}`);
  return { ...doc, steps: { ...doc.steps, [id]: { ...step, ...change } } };
}

describe.each(exampleNames())('example %s', (name) => {
  it('when checked against the default policies with the settings the seed gives it then nothing is violated', async () => {
    const ex = loadExample(name);

    const violations = evaluatePolicies(ex.doc, DEFAULT_POLICIES, await contextOf(name));

    expect(violations).toEqual([]);
  });
});

describe('the default policies on edited examples', () => {
  const endpoint = loadExample('endpoint-alert-enrichment');
  const account = loadExample('compromised-account-containment');

  it('when the endpoint playbook contains every malicious host straight away, around its auto-OK check, then destructive-guarded names the containment and draws the path', async () => {
    const doc = edited(endpoint.doc, 'is_high', {
      transitions: { true: ['isolate_host'], false: ['notify_triage'] },
    });

    const violations = evaluatePolicies(doc, DEFAULT_POLICIES, await contextOf(endpoint.name));

    expect(violations).toEqual([
      expect.objectContaining({
        policyId: 'destructive-guarded',
        nodeId: 'isolate_host',
        path: ['edr_alert', 'scan_indicators', 'summarize_verdicts', 'is_high', 'isolate_host'],
        ports: ['out', 'done', 'out', 'true'],
      }),
    ]);
  });

  it('when the endpoint check reads something other than the auto-OK answer then it guards nothing and the containment is reported', async () => {
    const doc = edited(endpoint.doc, 'host_auto_ok', {
      params: { predicate: "steps.host_safety.output.criticality != 'critical'" },
    });

    const violations = evaluatePolicies(doc, DEFAULT_POLICIES, await contextOf(endpoint.name));

    expect(violations.map((v) => [v.policyId, v.nodeId, v.path?.at(-2)])).toEqual([
      ['destructive-guarded', 'isolate_host', 'host_auto_ok'],
    ]);
  });

  it('when the approval before the firewall block is removed then destructive-guarded names the block and draws the path', async () => {
    const containment = loadExample('malicious-ip-containment');
    const doc = edited(containment.doc, 'check_confidence', {
      transitions: { true: ['block_ip'], false: ['end_no_action'] },
    });

    const violations = evaluatePolicies(doc, DEFAULT_POLICIES, await contextOf(containment.name));

    expect(violations).toEqual([
      expect.objectContaining({
        policyId: 'destructive-guarded',
        nodeId: 'block_ip',
        path: ['siem_alert', 'enrich_ip', 'check_confidence', 'block_ip'],
        ports: ['out', 'out', 'true'],
      }),
    ]);
  });

  it('when the account playbook is imported without its settings.json then its session clear in the loop breaks destructive-loop-limited', () => {
    const violations = evaluatePolicies(account.doc, DEFAULT_POLICIES, { maxDestructivePerRun: null });

    expect(violations.map((v) => [v.policyId, v.nodeId, v.path])).toEqual([
      ['destructive-loop-limited', 'clear_sessions', ['revoke_rounds', 'clear_sessions']],
    ]);
  });

  it('when a destructive step loses its error port then destructive-error-handled names it', async () => {
    const step = endpoint.doc.steps['isolate_host'];
    const doc = edited(endpoint.doc, 'isolate_host', { transitions: { out: step?.transitions['out'] ?? [] } });

    const violations = evaluatePolicies(doc, DEFAULT_POLICIES, await contextOf(endpoint.name));

    expect(violations.map((v) => [v.policyId, v.nodeId])).toEqual([['destructive-error-handled', 'isolate_host']]);
  });
});
