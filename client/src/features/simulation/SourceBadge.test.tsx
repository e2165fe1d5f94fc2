// @vitest-environment jsdom
import { SimulationView } from '@autonomic/api';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { EffectsReport } from './EffectsReport';
import { SourceBadge, sourcesOf } from './SourceBadge';

afterEach(cleanup);

const attempt = (stepId: string, attempt: number, source?: string) => ({
  runId: 'simulation',
  stepId,
  stepKey: stepId,
  nodeType: 'http',
  attempt,
  status: 'succeeded',
  startedAt: attempt,
  ...(source ? { source } : {}),
});

/** A simulate answer, checked against the API contract like a fetched reply. */
const answer = SimulationView.parse({
  runId: '00000000-0000-4000-8000-000000000001',
  status: 'succeeded',
  path: ['intel', 'lookup', 'block'],
  trace: [attempt('intel', 1, 'fixture'), attempt('lookup', 1, 'default'), attempt('score', 1)],
  effects: [
    {
      runId: 'simulation',
      stepId: 'block',
      stepKey: 'block',
      nodeType: 'connector',
      effect: 'destructive',
      action: 'Action gateway (JSON webhook): Block IP 203.0.113.7',
      params: {},
      decision: 'would-run',
      source: 'example',
    },
  ],
  notes: [{ stepKey: 'lookup', message: 'no fixture and no example: answered with an empty 200' }],
  durationMs: 0,
});

describe('SourceBadge', () => {
  test('when each source is shown then the badge reads fixture, example, live read or no fixture', () => {
    render(
      <>
        <SourceBadge source="fixture" />
        <SourceBadge source="example" />
        <SourceBadge source="live_read" />
        <SourceBadge source="default" />
      </>,
    );
    expect(screen.getAllByTestId('source-badge').map((b) => b.textContent)).toEqual([
      'fixture',
      'example',
      'live read',
      'no fixture',
    ]);
    expect(screen.getByText('no fixture').getAttribute('title')).toMatch(/made up/);
  });

  test('when a step performed nothing then it has no badge', () => {
    const { container } = render(<SourceBadge source={undefined} />);
    expect(container.textContent).toBe('');
  });

  test('when a trace comes back from the API then each step keeps its source, and a step without one has none', () => {
    expect(sourcesOf(answer.trace.filter((a) => a.stepId === 'lookup'))).toEqual(['default']);
    expect(sourcesOf(answer.trace.filter((a) => a.stepId === 'intel'))).toEqual(['fixture']);
    expect(sourcesOf(answer.trace.filter((a) => a.stepId === 'score'))).toEqual([]);
  });

  test('when attempts answered from different sources then each source is listed once, in order', () => {
    const attempts = [{ source: 'fixture' as const }, { source: 'default' as const }, { source: 'fixture' as const }];
    expect(sourcesOf(attempts)).toEqual(['fixture', 'default']);
  });

  test('when an effect answered with its example then its row in the effects report says so', () => {
    render(<EffectsReport effects={answer.effects} />);
    const row = screen.getByTestId('effect-block');
    expect(within(row).getByTestId('source-badge').textContent).toBe('example');
  });
});
