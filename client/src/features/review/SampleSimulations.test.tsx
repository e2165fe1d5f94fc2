// @vitest-environment jsdom
import { SamplesResult } from '@autonomic/api';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { SampleSimulations } from './SampleSimulations';

const simulateSamples = vi.fn();
vi.mock('../simulation/api', () => ({ simulateSamples: (...args: unknown[]) => simulateSamples(...args) }));

afterEach(() => {
  cleanup();
  simulateSamples.mockReset();
});

const WF = '0190a000-0000-7000-8000-0000000000f1';

/** The answer of simulate-samples, checked against the contract like a fetched reply. */
const answer = SamplesResult.parse({
  workflowId: WF,
  number: 2,
  passed: false,
  approved: false,
  results: [
    {
      sample: 'abusive ip',
      runId: '0190a000-0000-7000-8000-0000000000a1',
      status: 'succeeded',
      path: ['lookup', 'block'],
      effects: [],
      passed: true,
      failures: [],
      warnings: ['step lookup had no fixture and no example: its answer was made up'],
    },
    {
      sample: 'old alert',
      path: [],
      effects: [],
      passed: false,
      failures: ["the event does not fit the trigger's input schema: samples[1].event.ip is required"],
    },
  ],
});

async function runSamples() {
  simulateSamples.mockResolvedValue(answer);
  render(
    <MemoryRouter>
      <SampleSimulations
        workflowId={WF}
        number={2}
        samples={[
          { name: 'abusive ip', status: 'not_run' },
          { name: 'old alert', status: 'not_run' },
        ]}
        canRun
        onDone={() => {}}
      />
    </MemoryRouter>,
  );
  fireEvent.click(screen.getByTestId('run-samples'));
  await screen.findByTestId('sample-old alert');
}

describe('SampleSimulations', () => {
  test('when a sample passed on a made-up answer then it shows pass with warnings naming the step', async () => {
    await runSamples();
    const row = screen.getByTestId('sample-abusive ip');
    expect(within(row).getByText('pass with warnings')).toBeTruthy();
    expect(within(row).queryByText('pass')).toBeNull();
    expect(within(row).getByRole('list', { name: 'Warnings of “abusive ip”' }).textContent).toContain(
      'step lookup had no fixture and no example',
    );
  });

  test('when a sample’s event does not fit the trigger then it fails, unrun, saying which field', async () => {
    await runSamples();
    const row = screen.getByTestId('sample-old alert');
    expect(within(row).getByText('fail')).toBeTruthy();
    expect(within(row).getByText('not run')).toBeTruthy();
    expect(within(row).queryByRole('link')).toBeNull();
    expect(row.textContent).toContain("the event does not fit the trigger's input schema: samples[1].event.ip");
  });

  test('when the recorded check passed on a made-up answer then the list says passed with warnings, not a clean pass', () => {
    render(
      <MemoryRouter>
        <SampleSimulations
          workflowId={WF}
          number={2}
          samples={[
            {
              name: 'abusive ip',
              status: 'passed',
              runId: '0190a000-0000-7000-8000-0000000000a1',
              warnings: ['step lookup had no fixture and no example: its answer was made up'],
            },
            { name: 'clean', status: 'passed', runId: '0190a000-0000-7000-8000-0000000000a2' },
          ]}
          canRun={false}
          onDone={() => {}}
        />
      </MemoryRouter>,
    );
    expect(screen.getByText('passed with warnings')).toBeTruthy();
    expect(screen.getByText('passed')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Warnings of “abusive ip”' }).textContent).toContain(
      'step lookup had no fixture and no example',
    );
  });
});
