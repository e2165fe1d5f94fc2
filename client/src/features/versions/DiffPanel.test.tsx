// @vitest-environment jsdom
import { diffWorkflows, documentToGraph, type WorkflowDocument } from '@autonomic/workflow';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { DiffPanel } from './DiffPanel';
import { copyOfBase, parsedDocument } from './testing';

afterEach(cleanup);

const kept = { name: 'kept', event: { ip: '192.0.2.1' }, expect: { status: 'succeeded' } };
const changed = { name: 'lookup down', event: { ip: '192.0.2.2' }, expect: { status: 'succeeded' } };
const gone = { name: 'old alert', event: {}, expect: { status: 'failed' } };

describe('DiffPanel', () => {
  test('when cases were added, removed and changed then each list names them', () => {
    const before = { ...copyOfBase(), tests: [kept, changed, gone] };
    const after = {
      ...copyOfBase(),
      tests: [
        kept,
        { ...changed, expect: { status: 'failed' } },
        { name: 'new one', event: {}, expect: { status: 'succeeded' } },
      ],
    };
    const diff = diffWorkflows(parsedDocument(before), parsedDocument(after));
    render(<DiffPanel diff={diff} triggerId="start" selectedNodeId={null} onSelectNode={() => undefined} />);
    const tests = screen.getByTestId('diff-tests');
    expect(tests.textContent).toContain('3 → 3 cases');
    expect(tests.textContent).toContain('Added: “new one”');
    expect(tests.textContent).toContain('Removed: “old alert”');
    expect(tests.textContent).toContain('Modified: “lookup down”');
  });

  test('when no case changed then there is no test case section', () => {
    const diff = diffWorkflows(parsedDocument(copyOfBase()), parsedDocument(copyOfBase()));
    render(<DiffPanel diff={diff} triggerId="start" selectedNodeId={null} onSelectNode={() => undefined} />);
    expect(screen.queryByTestId('diff-tests')).toBeNull();
  });
});

describe('DiffPanel: targets', () => {
  const selected = (after: Record<string, unknown>, nodeId: string) => {
    const diff = diffWorkflows(parsedDocument(copyOfBase()), parsedDocument(after));
    render(<DiffPanel diff={diff} triggerId="start" selectedNodeId={nodeId} onSelectNode={() => undefined} />);
    return screen.getByTestId('node-target').textContent;
  };

  test("when a destructive step's target changes then the selected step shows its target before and after", () => {
    const after = copyOfBase();
    const input = after.steps.block.params['input'] as Record<string, unknown>;
    input['ip'] = '{{ event.dest_ip }}';
    expect(selected(after, 'block')).toBe('target: ip {{ event.ip }} → ip {{ event.dest_ip }}');
  });

  test('when an http write with a declared target is added then the step shows its target', () => {
    const after = copyOfBase();
    const steps: Record<string, unknown> = after.steps;
    steps['push'] = {
      type: 'http',
      label: 'Push rule',
      params: { method: 'POST', url: 'https://fw.example', target: { kind: 'host', value: '{{ event.host }}' } },
      transitions: { out: ['done'] },
    };
    after.steps.notify.transitions = { out: ['push'] };
    expect(selected(after, 'push')).toBe('host {{ event.host }}');
  });

  test('when a step is added then selecting it lists its settings, not only its type and effect', () => {
    const before = copyOfBase();
    const beforeSteps: Record<string, unknown> = before.steps;
    delete beforeSteps['block'];
    delete beforeSteps['failed'];
    before.steps.check.transitions = { true: ['notify'], false: ['done'] };
    const after = parsedDocument(copyOfBase());
    const diff = diffWorkflows(parsedDocument(before), after);
    render(
      <DiffPanel
        diff={diff}
        triggerId="start"
        toGraph={documentToGraph(after)}
        selectedNodeId="block"
        onSelectNode={() => undefined}
      />,
    );
    const detail = screen.getByTestId('node-change-detail');
    expect(detail.textContent).toMatch(/Added connector step, effect destructive/);
    const settings = within(detail).getByTestId('node-settings').textContent ?? '';
    expect(settings).toContain('input.ip "{{ event.ip }}"');
    expect(settings).toContain('input.duration "1h"');
  });

  test('when the version is the first one then the trigger is listed as added with its settings, not as changed wiring', () => {
    const after = parsedDocument(copyOfBase());
    const nothing: WorkflowDocument = { ...after, trigger: { ...after.trigger, transitions: {} }, steps: {} };
    const diff = diffWorkflows(nothing, after);
    render(
      <DiffPanel
        diff={diff}
        triggerId="start"
        toGraph={documentToGraph(after)}
        firstVersion
        selectedNodeId="start"
        onSelectNode={() => undefined}
      />,
    );
    expect(screen.getByTestId('diff-change-start').textContent).toMatch(/Trigger.*\(added\)/);
    expect(screen.getByTestId('node-change-detail').textContent).toContain('Added trigger.manual trigger.');
  });
});
