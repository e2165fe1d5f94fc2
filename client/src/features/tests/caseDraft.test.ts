import { WORKFLOW_NODE } from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import { sampleGraph, step } from '../../editor/commands/testing';
import {
  approvalStepOptions,
  fixtureStepOptions,
  newCase,
  problemsOfCase,
  shapeOf,
  stepOptions,
  withMode,
} from './caseDraft';

describe('the steps a case may name', () => {
  it('when listing fixture steps then only steps that call out are offered (no trigger, no condition)', () => {
    expect(fixtureStepOptions(sampleGraph().nodes).map((s) => s.id)).toEqual(['http_1', 'block_ip_1']);
    expect(stepOptions(sampleGraph().nodes).map((s) => s.id)).toEqual(['http_1', 'condition_1', 'block_ip_1']);
  });

  it('when an approval escalates then its levels are offered, break glass unless the level says otherwise', () => {
    const approve = step('approve_1', 'approval', {
      escalation: [
        { after: '1h', approvers: { roles: ['lead'] }, breakGlass: false, label: 'team lead' },
        { after: '2h', approvers: { roles: ['ciso'] } },
      ],
    });
    expect(approvalStepOptions([...sampleGraph().nodes, approve])).toEqual([
      {
        id: 'approve_1',
        label: 'approve_1',
        levels: [
          { level: 1, label: 'team lead', breakGlass: false },
          { level: 2, label: 'level 2', breakGlass: true },
        ],
      },
    ]);
  });
});

describe('case drafts', () => {
  it('when a fixture switches from an output to fails then it injects a 503; back to answers keeps no failure', () => {
    const failing = withMode({ output: { ok: true } }, 'fails');
    expect(failing).toEqual({ fail: { kind: 'http_5xx', status: 503 } });
    expect(withMode(failing, 'sequence')).toEqual({ sequence: [{ fail: { kind: 'http_5xx', status: 503 } }] });
    expect(withMode({ output: { ok: true } }, 'answers')).toEqual({ output: { ok: true } });
  });

  it('when a case is added then its name is one no other case has', () => {
    expect(newCase([{ name: 'Case 2', event: {} }]).name).toBe('Case 3');
    expect(
      newCase([
        { name: 'Case 2', event: {} },
        { name: 'Case 3', event: {} },
      ]).name,
    ).toBe('Case 4');
  });

  it("when picking a case's problems then only the workflow's problems at tests.<i> are kept (not tests.<i>0)", () => {
    const p = (nodeId: string, path: string) => ({ nodeId, path, message: path });
    const all = [
      p(WORKFLOW_NODE, 'tests.1'),
      p(WORKFLOW_NODE, 'tests.1.expect'),
      p(WORKFLOW_NODE, 'tests.10.name'),
      p('http_1', 'tests.1'),
    ];
    expect(problemsOfCase(all, 1).map((x) => x.path)).toEqual(['tests.1', 'tests.1.expect']);
  });

  it('when only a leaf changes then the shape is the same; a key added or a list grown changes it', () => {
    expect(shapeOf({ fail: { kind: 'http_5xx', status: 50 } })).toBe(
      shapeOf({ fail: { kind: 'http_5xx', status: 503 } }),
    );
    expect(shapeOf({ output: {} })).not.toBe(shapeOf({ fail: { kind: 'http_5xx' } }));
    expect(shapeOf({ reached: ['a'] })).not.toBe(shapeOf({ reached: ['a', 'b'] }));
  });
});
