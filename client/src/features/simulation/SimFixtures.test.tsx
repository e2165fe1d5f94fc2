// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { OutputShape } from '../../forms/fixtures/outputShape';
import { SimulationForm } from './SimulationForm';

afterEach(cleanup);

/** `intel` is a connector step whose action declares its answer; `sub` a sub-workflow (no fields). */
const STEPS = [
  { id: 'intel', label: 'Check IP reputation' },
  { id: 'sub', label: 'Enrich in child' },
];
const INTEL: OutputShape = {
  schema: {
    type: 'object',
    properties: {
      score: { type: 'integer', title: 'Score' },
      isp: { type: 'string', title: 'ISP' },
    },
  },
  example: { score: 5, isp: 'Example ISP' },
};
const shapeOf = (id: string): OutputShape =>
  id === 'intel' ? INTEL : { why: 'A sub-workflow answers with whatever that workflow ends with: write it as JSON.' };

function renderForm() {
  const onRun = vi.fn();
  render(<SimulationForm cases={[]} fixtureSteps={STEPS} shapeOf={shapeOf} busy={false} onRun={onRun} />);
  return { onRun, user: userEvent.setup(), fixtures: screen.getByTestId('sim-fixtures') };
}

describe('simulation fixtures as forms', () => {
  test('when a fixture is added from the pick-list and its output form filled then the simulation sends the typed output', async () => {
    const { onRun, user, fixtures } = renderForm();
    await user.selectOptions(within(fixtures).getByLabelText('Step to answer for'), 'intel');
    await user.click(within(fixtures).getByTestId('add-fixture'));
    const output = within(fixtures).getByTestId('fixture-intel-output');
    await user.type(within(output).getByLabelText('Score'), '97');
    await user.type(within(output).getByLabelText('ISP'), 'Bad Hosting');
    await user.click(screen.getByTestId('run-simulation'));
    expect(onRun).toHaveBeenCalledWith({
      event: {},
      fixtures: { intel: { output: { score: 97, isp: 'Bad Hosting' } } },
    });
  });

  test('when "Start from the example answer" is pressed then the output form holds the action’s example', async () => {
    const { onRun, user, fixtures } = renderForm();
    await user.click(within(fixtures).getByTestId('add-fixture'));
    await user.click(within(fixtures).getByTestId('fixture-intel-output-example'));
    expect((within(fixtures).getByLabelText('Score') as HTMLInputElement).value).toBe('5');
    await user.click(screen.getByTestId('run-simulation'));
    expect(onRun).toHaveBeenCalledWith({
      event: {},
      fixtures: { intel: { output: { score: 5, isp: 'Example ISP' } } },
    });
  });

  test('when a fixture is made to fail then the simulation sends the failure: kind, HTTP status and message', async () => {
    const { onRun, user, fixtures } = renderForm();
    await user.click(within(fixtures).getByTestId('add-fixture'));
    await user.selectOptions(within(fixtures).getByLabelText('What intel does'), 'fails');
    await user.selectOptions(within(fixtures).getByTestId('fixture-intel-fail-kind'), 'http_429');
    await user.type(within(fixtures).getByTestId('fixture-intel-fail-message'), 'slow down');
    await user.click(screen.getByTestId('run-simulation'));
    expect(onRun).toHaveBeenCalledWith({
      event: {},
      fixtures: { intel: { fail: { kind: 'http_429', status: 429, message: 'slow down' } } },
    });
  });

  test('when a step declares no output fields then its fixture is a JSON editor that says why', async () => {
    const { onRun, user, fixtures } = renderForm();
    await user.selectOptions(within(fixtures).getByLabelText('Step to answer for'), 'sub');
    await user.click(within(fixtures).getByTestId('add-fixture'));
    expect(within(fixtures).getByTestId('fixture-sub-output-why-json').textContent).toMatch(/sub-workflow/);
    fireEvent.change(within(fixtures).getByTestId('fixture-sub-output'), { target: { value: '{"ok": true}' } });
    await user.click(screen.getByTestId('run-simulation'));
    expect(onRun).toHaveBeenCalledWith({ event: {}, fixtures: { sub: { output: { ok: true } } } });
  });

  test('when fixtures are written in the JSON view then the forms show them, and a form edit shows in the JSON again', async () => {
    const { onRun, user, fixtures } = renderForm();
    await user.click(within(fixtures).getByTestId('fixtures-view-json'));
    // An older client's plain output for intel, an approval decision the form does not show.
    const typed = { intel: { score: 40, isp: 'X' }, ask: { decision: 'rejected' } };
    fireEvent.change(screen.getByTestId('fixtures-json'), { target: { value: JSON.stringify(typed) } });
    await user.click(within(fixtures).getByTestId('fixtures-view-form'));
    expect((within(fixtures).getByLabelText('Score') as HTMLInputElement).value).toBe('40');
    expect(within(fixtures).getByTestId('fixtures-not-in-form').textContent).toMatch(/ask/);
    await user.clear(within(fixtures).getByLabelText('Score'));
    await user.type(within(fixtures).getByLabelText('Score'), '41');
    await user.click(within(fixtures).getByTestId('fixtures-view-json'));
    const expected = { intel: { output: { score: 41, isp: 'X' } }, ask: { decision: 'rejected' } };
    expect(JSON.parse((screen.getByTestId('fixtures-json') as HTMLTextAreaElement).value)).toEqual(expected);
    await user.click(screen.getByTestId('run-simulation'));
    expect(onRun).toHaveBeenCalledWith({ event: {}, fixtures: expected });
  });

  test('when the fixtures JSON is not an object then the simulation cannot run and the form waits for a fix', async () => {
    const { onRun, user, fixtures } = renderForm();
    await user.click(within(fixtures).getByTestId('fixtures-view-json'));
    fireEvent.change(screen.getByTestId('fixtures-json'), { target: { value: '[1]' } });
    expect(within(fixtures).getByRole('alert').textContent).toMatch(/each step id followed by what it answers/);
    expect((screen.getByTestId('run-simulation') as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(fixtures).getByTestId('fixtures-view-form'));
    expect((screen.getByTestId('fixtures-json') as HTMLTextAreaElement).value).toBe('[1]');
    expect(onRun).not.toHaveBeenCalled();
  });
});
