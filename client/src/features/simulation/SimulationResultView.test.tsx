// @vitest-environment jsdom
import { SimulationView } from '@autonomic/api';
import type { EditorGraph } from '@autonomic/workflow';
import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { SimulationResultView } from './SimulationResultView';

// The canvas needs a layout engine jsdom does not have; the steps list is what is under test.
vi.mock('../versions/canvas/OverlayCanvas', () => ({ OverlayCanvas: () => <div data-testid="canvas" /> }));

afterEach(cleanup);

const attempt = (stepId: string, source?: string) => ({
  runId: 'simulation',
  stepId,
  stepKey: stepId,
  nodeType: stepId === 'score' ? 'transform' : 'http',
  attempt: 1,
  status: 'succeeded',
  startedAt: 1,
  ...(source ? { source } : {}),
});

const graph = { nodes: [], edges: [], metadata: { name: 'test' } } as unknown as EditorGraph;

/** A simulate answer of a stored case that passed on a made-up lookup, checked against the contract. */
const answer = SimulationView.parse({
  runId: '00000000-0000-4000-8000-000000000001',
  status: 'succeeded',
  path: ['intel', 'lookup', 'score'],
  trace: [attempt('intel', 'fixture'), attempt('lookup', 'default'), attempt('score')],
  effects: [],
  notes: [{ stepKey: 'lookup', message: 'no fixture and no example: answered with an empty 200' }],
  durationMs: 0,
  check: {
    case: 'abusive ip',
    passed: true,
    failures: [],
    warnings: ['step lookup had no fixture and no example: its answer was made up'],
  },
});

const view = (result: SimulationView) =>
  render(
    <MemoryRouter>
      <SimulationResultView result={result} graph={graph} />
    </MemoryRouter>,
  );

describe('SimulationResultView', () => {
  test('when steps answered from a fixture or from nothing then each step in the list carries its badge', () => {
    view(answer);
    expect(within(screen.getByTestId('trace-step-intel')).getByTestId('source-badge').textContent).toBe('fixture');
    expect(within(screen.getByTestId('trace-step-lookup')).getByTestId('source-badge').textContent).toBe('no fixture');
    expect(within(screen.getByTestId('trace-step-score')).queryByTestId('source-badge')).toBeNull();
  });

  test('when a case passed on a made-up answer then it is not a clean pass: the warning names the step', () => {
    view(answer);
    const check = screen.getByTestId('case-check');
    expect(within(check).getByText('case passed with warnings')).toBeTruthy();
    expect(within(check).queryByText('case passed')).toBeNull();
    expect(check.textContent).toContain('step lookup had no fixture and no example');
  });

  test('when a case passed on fixtures alone then it is a clean pass', () => {
    view({ ...answer, check: { case: 'abusive ip', passed: true, failures: [] } });
    expect(within(screen.getByTestId('case-check')).getByText('case passed')).toBeTruthy();
  });
});
