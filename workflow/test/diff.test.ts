import { describe, expect, it } from 'vitest';
import { diffWorkflows } from '../src/diff';
import { BASE, edit, editPaths, params } from './support/edit';

describe('diffWorkflows: what counts as a change', () => {
  it('when nothing changed then the diff is empty and of normal risk', () => {
    const d = diffWorkflows(
      BASE,
      edit(BASE, () => {}),
    );
    expect(d).toMatchObject({ isEmpty: true, risk: 'normal', riskReasons: [], trigger: null });
    expect(d.steps).toEqual({ added: [], removed: [], changed: [] });
  });

  it('when nodes are moved and notes edited then nothing changes', () => {
    const moved = edit(BASE, (d) => {
      d.ui.positions['block_ip'] = { x: 9_999, y: -42 };
      d.ui.positions['approve_block'] = { x: 0, y: 0 };
      d.ui.notes = [{ id: 'n2', x: 1, y: 2, text: 'a whole new note' }];
    });
    expect(diffWorkflows(BASE, moved).isEmpty).toBe(true);
  });

  it('when keys are written in another order then nothing changes', () => {
    const reordered = edit(BASE, (d) => {
      d.steps = Object.fromEntries(Object.entries(d.steps).reverse());
      d.vars = { socChannel: '#soc-containment', confidenceThreshold: 75 };
    });
    expect(diffWorkflows(BASE, reordered).isEmpty).toBe(true);
  });

  it('when metadata fields change then each is listed by field', () => {
    const d = diffWorkflows(BASE, editPaths(BASE, { 'metadata.name': 'IP containment', 'metadata.tags': ['network'] }));
    expect(d.metadata).toEqual([
      { path: 'name', before: 'Malicious IP containment', after: 'IP containment' },
      { path: 'tags', before: BASE.metadata.tags, after: ['network'] },
    ]);
    expect(d.isEmpty).toBe(false);
  });

  it('when the trigger changes then params, input schema and transitions are listed', () => {
    const after = editPaths(BASE, {
      'trigger.label': 'SIEM alert',
      'trigger.params.dedupeKey': '{{ event.src_ip }}',
      'trigger.inputSchema.properties.src_ip.format': 'ipv6',
      'trigger.transitions.out': ['check_confidence'],
    });
    expect(diffWorkflows(BASE, after).trigger).toEqual({
      label: { before: 'SIEM alert with external source IP', after: 'SIEM alert' },
      params: [{ path: 'dedupeKey', before: '{{ event.alert_id }}', after: '{{ event.src_ip }}' }],
      inputSchema: [{ path: 'properties.src_ip.format', before: 'ipv4', after: 'ipv6' }],
      transitions: [{ port: 'out', added: ['check_confidence'], removed: ['enrich_ip'] }],
    });
  });

  it('when steps are added and removed then both lists are sorted by id', () => {
    const after = edit(BASE, (d) => {
      const notify = d.steps['notify_rejected']!;
      d.steps['zz_audit'] = { ...notify, transitions: {} };
      d.steps['aa_audit'] = { ...notify, transitions: {} };
      delete d.steps['notify_timeout'];
      delete d.steps['end_timed_out'];
    });
    const { steps } = diffWorkflows(BASE, after);
    expect(steps.added.map((s) => s.id)).toEqual(['aa_audit', 'zz_audit']);
    expect(steps.removed).toEqual([
      { id: 'end_timed_out', type: 'end', label: 'Failed: approval timed out', effect: 'none' },
      { id: 'notify_timeout', type: 'connector', label: 'Report the unanswered request', effect: 'write' },
    ]);
  });

  it('when a step is relabelled then only the label change is reported', () => {
    const { steps } = diffWorkflows(BASE, editPaths(BASE, { 'steps.enrich_ip.label': 'AbuseIPDB' }));
    expect(steps.changed).toEqual([
      {
        id: 'enrich_ip',
        before: { id: 'enrich_ip', type: 'http', label: 'Check IP reputation (AbuseIPDB)', effect: 'read' },
        after: { id: 'enrich_ip', type: 'http', label: 'AbuseIPDB', effect: 'read' },
        label: { before: 'Check IP reputation (AbuseIPDB)', after: 'AbuseIPDB' },
        params: [],
        retry: [],
        transitions: [],
      },
    ]);
  });

  it('when nested params change then each leaf is listed by dotted path, in path order', () => {
    const after = edit(BASE, (d) => {
      const p = params(d, 'enrich_ip');
      p['query'] = { ipAddress: '{{ event.src_ip }}', maxAgeInDays: '30', verbose: 'true' };
      p['headers'] = {};
    });
    expect(diffWorkflows(BASE, after).steps.changed[0]?.params).toEqual([
      { path: 'headers.Accept', before: 'application/json', after: undefined },
      { path: 'query.maxAgeInDays', before: '90', after: '30' },
      { path: 'query.verbose', before: undefined, after: 'true' },
    ]);
  });

  it('when an array of objects changes in place then the element path is given; a list of names is one value', () => {
    const after = edit(BASE, (d) => {
      const p = params(d, 'approve_block');
      p['escalation'] = [{ after: '10m', approvers: { users: ['oncall'], roles: [] }, breakGlass: true }];
      p['approvers'] = { users: [], roles: ['reviewer', 'tier2'] };
    });
    const paths = diffWorkflows(BASE, after).steps.changed[0]?.params.map((c) => c.path);
    expect(paths).toEqual(['approvers.roles', 'escalation.0.after', 'escalation.0.label']);
  });

  it('when a step changes type then the type change and the effects are reported', () => {
    const after = editPaths(BASE, {
      'steps.notify_rejected.type': 'delay',
      'steps.notify_rejected.params': { duration: '5m' },
    });
    const change = diffWorkflows(BASE, after).steps.changed[0];
    expect(change?.type).toEqual({ before: 'connector', after: 'delay' });
    expect([change?.before.effect, change?.after.effect]).toEqual(['write', 'none']);
  });

  it('when retry and timeout change then the policy fields and the timeout are reported', () => {
    const after = editPaths(BASE, {
      'steps.enrich_ip.retry.maxAttempts': 5,
      'steps.enrich_ip.timeout': '30s',
      'steps.notify_blocked.retry': { maxAttempts: 2 },
    });
    const [enrich, notify] = diffWorkflows(BASE, after).steps.changed;
    expect(enrich?.retry).toEqual([{ path: 'maxAttempts', before: 3, after: 5 }]);
    expect(enrich?.timeout).toEqual({ before: '10s', after: '30s' });
    expect(notify?.retry).toMatchObject([{ path: '', before: undefined, after: { maxAttempts: 2 } }]);
  });

  it('when transitions change then each port lists targets added and removed', () => {
    const after = editPaths(BASE, {
      'steps.approve_block.transitions.rejected': ['notify_timeout', 'notify_rejected'],
      'steps.approve_block.transitions.timeout': undefined,
    });
    expect(diffWorkflows(BASE, after).steps.changed[0]?.transitions).toEqual([
      { port: 'rejected', added: ['notify_timeout'], removed: [] },
      { port: 'timeout', added: [], removed: ['notify_timeout'] },
    ]);
  });

  it('when only the order of targets on a port changes then nothing changes', () => {
    const a = editPaths(BASE, { 'steps.block_ip.transitions.out': ['notify_blocked', 'notify_rejected'] });
    const b = editPaths(BASE, { 'steps.block_ip.transitions.out': ['notify_rejected', 'notify_blocked'] });
    expect(diffWorkflows(a, b).isEmpty).toBe(true);
  });

  it('when vars change then each var is listed by path', () => {
    const after = editPaths(BASE, { 'vars.confidenceThreshold': 90, 'vars.allow': { list: ['a'] } });
    expect(diffWorkflows(BASE, after).vars).toEqual([
      { path: 'allow', before: undefined, after: { list: ['a'] } },
      { path: 'confidenceThreshold', before: 75, after: 90 },
    ]);
  });

  it('when a case is removed, added or edited then the diff names it', () => {
    const fewer = edit(BASE, (d) => void d.tests.pop());
    expect(diffWorkflows(BASE, fewer).tests).toEqual({
      changed: true,
      before: BASE.tests.length,
      after: BASE.tests.length - 1,
      added: [],
      removed: [BASE.tests.at(-1)!.name],
      modified: [],
    });
    const renamed = edit(BASE, (d) => void (d.tests[0]!.name = 'renamed'));
    expect(diffWorkflows(BASE, renamed)).toMatchObject({
      isEmpty: false,
      tests: { changed: true, added: ['renamed'], removed: [BASE.tests[0]!.name], modified: [] },
    });
    const stricter = edit(BASE, (d) => void (d.tests[1]!.expect.maxSteps = 3));
    expect(diffWorkflows(BASE, stricter).tests).toMatchObject({ changed: true, modified: [BASE.tests[1]!.name] });
  });

  it('when computed twice then the result is identical (deterministic, JSON-safe)', () => {
    const after = editPaths(BASE, { 'steps.block_ip.params.input.duration': '1h', 'metadata.owner': 'x' });
    expect(JSON.stringify(diffWorkflows(BASE, after))).toBe(JSON.stringify(diffWorkflows(BASE, after)));
  });
});
