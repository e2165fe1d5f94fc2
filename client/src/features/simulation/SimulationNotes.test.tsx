// @vitest-environment jsdom
import { SimulationView } from '@autonomic/api';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { SimulationNotes } from './SimulationNotes';

afterEach(cleanup);

/** The notes of a simulate answer, checked against the API contract like a fetched reply. */
const answer = SimulationView.parse({
  runId: '00000000-0000-4000-8000-000000000001',
  status: 'succeeded',
  path: ['check'],
  trace: [],
  effects: [],
  notes: [
    {
      stepKey: 'check',
      message:
        "credential 'abuse-prod' is a live credential: abuseipdb 1.0.0 check_ip answered with its example, nothing was sent",
    },
  ],
  durationMs: 0,
});

describe('SimulationNotes', () => {
  test('when the simulation answered a read from its example then the note is listed under its step', () => {
    render(<SimulationNotes notes={answer.notes} />);

    const item = within(screen.getByTestId('simulation-notes')).getByTestId('simulation-note-check');
    expect(item.textContent).toBe(
      "check: credential 'abuse-prod' is a live credential: abuseipdb 1.0.0 check_ip answered with its example, nothing was sent",
    );
  });

  test('when there are no notes then nothing is shown', () => {
    render(<SimulationNotes notes={[]} />);

    expect(screen.queryByTestId('simulation-notes')).toBeNull();
  });
});
