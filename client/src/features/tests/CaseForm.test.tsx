// @vitest-environment jsdom
import { TestCase } from '@autonomic/workflow';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { sampleGraph, step } from '../../editor/commands/testing';
import { createEditorStore, EditorProvider, type Graph } from '../../editor';
import { CaseForm } from './CaseForm';

afterEach(cleanup);

/** sampleGraph plus approve_1, which escalates to a team lead (not break glass), then to the CISO (break glass). */
function graph(): Graph {
  const g = sampleGraph();
  const approve = step('approve_1', 'approval', {
    approvers: { roles: ['analyst'] },
    timeout: '4h',
    escalation: [
      { after: '1h', approvers: { roles: ['lead'] }, breakGlass: false, label: 'team lead' },
      { after: '2h', approvers: { roles: ['ciso'] }, label: 'CISO' },
    ],
  });
  return { ...g, nodes: [...g.nodes, approve], tests: [{ name: 'sessions', event: { ip: '203.0.113.7' } }] };
}

function renderForm() {
  const store = createEditorStore(graph());
  render(
    <EditorProvider store={store} validate={false}>
      <CaseForm index={0} onClose={() => undefined} />
    </EditorProvider>,
  );
  return store;
}

const change = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('CaseForm', () => {
  test('when a sequence, a break-glass approval, a protected entry, an effect, an output and a bound are set then the case holds each as the schema reads it', () => {
    const store = renderForm();
    change('add-fixture-step', 'http_1');
    fireEvent.click(screen.getByTestId('add-fixture'));
    change('fixture-mode-http_1', 'sequence');
    change('fixture-http_1-by', 'item');
    fireEvent.click(screen.getByTestId('fixture-http_1-seq-add'));
    change('fixture-http_1-seq-1-mode', 'fails');
    change('fixture-http_1-seq-1-fail-kind', 'timeout');

    change('approval-approve_1-decision', 'approved');
    const level = screen.getByTestId('approval-approve_1-level');
    expect(within(level).getByRole('option', { name: 'after escalation level 2: CISO (break glass)' })).toBeTruthy();
    expect(within(level).getByRole('option', { name: 'after escalation level 1: team lead' })).toBeTruthy();
    change('approval-approve_1-level', '2');

    fireEvent.click(screen.getByTestId('safety-protected-add'));
    change('safety-protected-0-value', '203.0.113.7');

    fireEvent.click(screen.getByTestId('assert-effects-add'));
    change('assert-effect-0-step', 'block_ip_1');
    change('assert-effect-0-decision', 'refused');
    fireEvent.click(screen.getByTestId('assert-outputs-add'));
    change('assert-output-0-step', 'http_1');
    change('assert-output-0-matches', 'status = 200');
    change('assert-max-steps', '12');

    const saved = store.getState().tests[0];
    expect(saved).toEqual({
      name: 'sessions',
      event: { ip: '203.0.113.7' },
      fixtures: { http_1: { sequence: [{ output: {} }, { fail: { kind: 'timeout' } }], by: 'item' } },
      approvals: { approve_1: { decision: 'approved', level: 2 } },
      safety: { protected: [{ kind: 'ip', value: '203.0.113.7' }] },
      expect: {
        effects: [{ step: 'block_ip_1', decision: 'refused' }],
        outputs: [{ matches: 'status = 200', step: 'http_1' }],
        maxSteps: 12,
      },
    });
    expect(TestCase.safeParse(saved).success).toBe(true);
  });

  test('when a timeout is chosen for an approval then it has no level; back to the default removes the entry', () => {
    const store = renderForm();
    change('approval-approve_1-decision', 'timeout');
    expect(store.getState().tests[0]?.approvals).toEqual({ approve_1: { decision: 'timeout', level: 0 } });
    expect(screen.queryByTestId('approval-approve_1-level')).toBeNull();
    change('approval-approve_1-decision', '');
    expect(store.getState().tests[0]?.approvals).toEqual({});
  });

  test('when the JSON view gets a case the schema refuses then it is not written and the form says why', () => {
    const store = renderForm();
    fireEvent.click(screen.getByTestId('case-json-toggle'));
    change(
      'case-json',
      JSON.stringify({ name: 'sessions', event: {}, fixtures: { http_1: { output: 1, fail: { kind: 'timeout' } } } }),
    );
    // In words: the step's fixture named, never a dotted path.
    const issues = screen.getByTestId('case-json-issues').textContent;
    expect(issues).toContain('HTTP 1: give exactly one of an output, a failure or a sequence');
    expect(issues).not.toContain('fixtures.');
    expect(store.getState().tests[0]).toEqual({ name: 'sessions', event: { ip: '203.0.113.7' } });
    change('case-json', JSON.stringify({ name: 'renamed', event: {}, expect: { status: 'failed' } }));
    expect(store.getState().tests[0]).toMatchObject({ name: 'renamed', expect: { status: 'failed' } });
  });
});
