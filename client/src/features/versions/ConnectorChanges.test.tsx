// @vitest-environment jsdom
import { diffWorkflows, withConnectorFit } from '@autonomic/workflow';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { graphOfDocument } from './graph';
import { DiffView } from './DiffView';
import { copyOfBase, parsedDocument } from './testing';

// The canvas needs a layout engine jsdom does not have; the change list is what is under test.
vi.mock('./canvas/OverlayCanvas', () => ({ OverlayCanvas: () => <div data-testid="canvas" /> }));

afterEach(cleanup);

/** The base document (block: autonomic-gateway 1.0.0 block_ip; notify: notify) with some params of a step replaced. */
function repinned(step: 'block' | 'notify', patch: Record<string, unknown>) {
  const raw = copyOfBase();
  Object.assign(raw.steps[step].params, patch);
  return parsedDocument(raw);
}

function renderDiff(
  after: ReturnType<typeof parsedDocument>,
  fit: (d: ReturnType<typeof diffWorkflows>) => typeof d = (d) => d,
  selectedNodeId: string | null = null,
) {
  const before = parsedDocument(copyOfBase());
  const diff = fit(diffWorkflows(before, after));
  render(
    <DiffView
      diff={diff}
      fromGraph={graphOfDocument(before)!}
      toGraph={graphOfDocument(after)!}
      selectedNodeId={selectedNodeId}
      onSelectNode={() => {}}
    />,
  );
}

describe('the diff view: connector upgrades', () => {
  test('when a step is bumped with the same effect and target then it is listed as such and the risk stays normal', () => {
    renderDiff(repinned('block', { version: '1.1.0' }));

    const row = screen.getByTestId('connector-change-block');

    expect(row.textContent).toContain('autonomic-gateway 1.0.0 → 1.1.0');
    expect(row.textContent).toContain('action block_ip');
    expect(row.textContent).toContain('effect destructive');
    expect(row.textContent).toContain('same effect and target');
    expect(screen.getByTestId('risk-banner').textContent).toContain('Risk: normal');
  });

  test('when an upgrade makes a write destructive then the row and the risk banner say so', () => {
    renderDiff(repinned('notify', { version: '2.0.0', effect: 'destructive', target: { param: 'to', kind: 'user' } }));

    const row = screen.getByTestId('connector-change-notify');

    expect(row.textContent).toContain('effect write → destructive');
    expect(row.textContent).toContain('target none → user (to)');
    expect(row.textContent).toContain('high risk');
    expect(screen.getByTestId('risk-banner').textContent).toContain(
      'is re-pinned from autonomic-gateway 1.0.0 to autonomic-gateway 2.0.0 (action notify): its effect rises from write to destructive',
    );
  });

  test("when the server found that a step's input no longer fits then the problems are listed under its row", () => {
    renderDiff(repinned('block', { version: '1.1.0' }), (d) =>
      withConnectorFit(d, [
        {
          nodeId: 'block',
          path: 'params.input',
          message: "input 'zone' is required by autonomic-gateway 1.1.0 block_ip",
        },
      ]),
    );

    const problems = within(screen.getByTestId('connector-change-block')).getByRole('list', {
      name: 'What no longer fits in block',
    });

    expect(problems.textContent).toBe("params.input: input 'zone' is required by autonomic-gateway 1.1.0 block_ip");
  });

  test("when the re-pinned step is selected then its side panel names the connector's versions", () => {
    renderDiff(repinned('block', { version: '1.1.0' }), undefined, 'block');

    expect(screen.getByTestId('node-connector-pin').textContent).toBe(
      'connector: autonomic-gateway 1.0.0 → autonomic-gateway 1.1.0 (same effect and target)',
    );
  });

  test('when no connector step is re-pinned then there is no connector section', () => {
    const raw = copyOfBase();
    raw.steps.block.label = 'Block it';
    renderDiff(parsedDocument(raw));

    expect(screen.queryByTestId('connector-changes')).toBeNull();
  });
});
