import { describe, expect, it } from 'vitest';
import { diffWorkflows } from '../src/diff';
import { compileGraph, documentToGraph } from '../src/compile';
import { WorkflowDocument } from '../src/document';
import { validateDocument } from '../src/load';
import { STEP_DEFINITIONS, targetOf } from '../src/nodes';
import { BASE, edit } from './support/edit';

/*
 * BASE, the containment example (block_ip is a destructive gateway connector step):
 *
 *   siem_alert → enrich_ip ─out→ check_confidence ─true→ approve_block ─approved→ block_ip → notify_blocked
 *
 * withPost adds: notify_blocked → push_rule (http) → push_done (end)
 */
const withPost = (target?: Record<string, unknown>, method = 'POST') =>
  edit(BASE, (d) => {
    d.steps['push_rule'] = {
      type: 'http',
      label: 'Push deny rule',
      params: { method, url: 'https://fw.example/rules', body: '{{ event.src_ip }}', ...(target ? { target } : {}) },
      transitions: { out: ['push_done'] },
    };
    d.steps['push_done'] = { type: 'end', label: 'Pushed', params: { status: 'succeeded' }, transitions: {} };
    const notify = d.steps['notify_blocked'];
    if (notify) notify.transitions = { ...notify.transitions, out: ['push_rule'] };
  });

describe('http target and approval skip params', () => {
  it('when an http step declares a target then the target is its param target.value, of its kind', () => {
    const p = STEP_DEFINITIONS.http.params.parse({
      method: 'POST',
      url: 'u',
      target: { kind: 'host', value: '{{ h }}' },
    });
    expect(targetOf(STEP_DEFINITIONS.http, p)).toEqual({ kind: 'host', param: 'target.value' });
    expect(targetOf(STEP_DEFINITIONS.http, STEP_DEFINITIONS.http.params.parse({ url: 'u' }))).toBeUndefined();
  });

  it.each([
    [{ kind: 'cidr', value: '10.0.0.0/8' }, 'target.kind'],
    [{ kind: 'ip', value: '' }, 'target.value'],
    [{ kind: 'ip', value: '1.2.3.4', extra: 1 }, 'target'],
  ])('when an http target is %j then the schema refuses it at %s', (target, path) => {
    const r = STEP_DEFINITIONS.http.params.safeParse({ method: 'POST', url: 'u', target });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('when skipWhenAutoOk is given then it parses, defaults to off, and refuses a level that could never apply', () => {
    const base = { approvers: { roles: ['soc'] }, timeout: '1h' };
    const approval = STEP_DEFINITIONS.approval.params;
    expect(approval.parse(base).skipWhenAutoOk).toBeUndefined();
    expect(approval.parse({ ...base, skipWhenAutoOk: {} }).skipWhenAutoOk).toEqual({ enabled: false });
    expect(
      approval.parse({ ...base, skipWhenAutoOk: { enabled: true, belowCriticality: 'high' } }).skipWhenAutoOk,
    ).toEqual({ enabled: true, belowCriticality: 'high' });
    expect(approval.safeParse({ ...base, skipWhenAutoOk: { enabled: true, belowCriticality: 'low' } }).success).toBe(
      false,
    );
  });

  it('when skipWhenAutoOk is on then the node body says so', () => {
    const summary = STEP_DEFINITIONS.approval.summary({
      approvers: { roles: ['soc'] },
      timeout: '1h',
      skipWhenAutoOk: { enabled: true, belowCriticality: 'critical' },
    });
    expect(summary).toContain('skip when auto-OK below critical');
  });
});

describe('validation warning: an http write with no declared target', () => {
  it('when a workflow with a destructive step has an http POST without a target then it is a warning naming the step, not a problem', () => {
    const r = validateDocument(withPost());

    expect(r.ok).toBe(true);
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([
      {
        nodeId: 'push_rule',
        path: 'params.target',
        message:
          'http write "Push deny rule" (push_rule) has no declared target in a workflow with destructive steps: declare what it acts on so the protected list can guard it',
      },
    ]);
  });

  it('when the editor compiles the graph then the warning comes with the document, apart from the problems', () => {
    const compiled = compileGraph(documentToGraph(WorkflowDocument.parse(withPost())));
    expect(compiled.problems).toEqual([]);
    expect(compiled.warnings?.map((w) => [w.nodeId, w.path])).toEqual([['push_rule', 'params.target']]);
  });

  it('when the http write declares its target, or is a GET, then there is no warning', () => {
    expect(validateDocument(withPost({ kind: 'ip', value: '{{ event.src_ip }}' })).warnings).toBeUndefined();
    expect(validateDocument(withPost(undefined, 'GET')).warnings).toBeUndefined();
  });

  it('when the workflow has no destructive step then an untargeted http write is not worth a warning', () => {
    // The block's effect copy says write: nothing in the workflow is destructive any more.
    const noBlock = edit(withPost(), (d) => {
      (d.steps['block_ip']?.params as Record<string, unknown>)['effect'] = 'write';
    });
    const r = validateDocument(noBlock);
    expect(r.problems).toEqual([]);
    expect(r.warnings).toBeUndefined();
  });
});

describe('review diff: targets', () => {
  it('when an http write with a target is added then the diff shows the step with its target', () => {
    const d = diffWorkflows(BASE, withPost({ kind: 'ip', value: '{{ event.src_ip }}' }));
    expect(d.steps.added.find((s) => s.id === 'push_rule')).toEqual({
      id: 'push_rule',
      type: 'http',
      label: 'Push deny rule',
      effect: 'write',
      target: { kind: 'ip', value: '{{ event.src_ip }}' },
    });
  });

  it("when a connector step's target input changes then the changed step shows its target before and after", () => {
    const after = edit(BASE, (d) => {
      const input = (d.steps['block_ip']?.params as { input: Record<string, unknown> }).input;
      input['ip'] = '{{ event.dest_ip }}';
    });
    const c = diffWorkflows(BASE, after).steps.changed.find((s) => s.id === 'block_ip');
    expect(c?.before.target).toEqual({ kind: 'ip', value: expect.stringContaining('event.') });
    expect(c?.after.target).toEqual({ kind: 'ip', value: '{{ event.dest_ip }}' });
    expect(c?.before.target?.value).not.toBe(c?.after.target?.value);
  });

  it('when a step names no target then its summary has none', () => {
    const c = diffWorkflows(BASE, withPost()).steps.added.find((s) => s.id === 'push_rule');
    expect(c).toBeDefined();
    expect(c).not.toHaveProperty('target');
  });
});
