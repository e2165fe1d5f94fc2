// @vitest-environment jsdom
import { SimulationView } from '@autonomic/api';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { LoopBounds } from './LoopBounds';

afterEach(cleanup);

/** A simulate answer whose loop `repeat` ended as given, checked against the API contract. */
const answer = (reason: 'condition' | 'max_reached', rounds: number) =>
  SimulationView.parse({
    runId: '00000000-0000-4000-8000-000000000001',
    status: reason === 'condition' ? 'succeeded' : 'failed',
    path: ['repeat'],
    trace: [
      {
        runId: 'simulation',
        stepId: 'repeat',
        stepKey: 'repeat',
        nodeType: 'loop',
        attempt: 1,
        status: reason === 'condition' ? 'succeeded' : 'failed',
        startedAt: 0,
        events: [
          { at: 0, type: 'loop_round', round: 1 },
          { at: 1, type: 'loop_exit', reason, rounds },
        ],
      },
    ],
    effects: [],
    notes: [],
    durationMs: 0,
  });

describe('LoopBounds', () => {
  test('when a loop ran its maximum of rounds then the result says the bound was reached after that many rounds', () => {
    render(<LoopBounds trace={answer('max_reached', 10).trace} />);

    expect(screen.getByTestId('loop-bounds').textContent).toContain('repeat: bound reached after 10 rounds');
  });

  test('when the loop ended because its condition held then nothing is shown', () => {
    render(<LoopBounds trace={answer('condition', 3).trace} />);

    expect(screen.queryByTestId('loop-bounds')).toBeNull();
  });
});
