// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { SimulationForm, type CaseOption } from './SimulationForm';

afterEach(cleanup);

const cases: CaseOption[] = [
  { name: 'quiet', event: { src_ip: '192.0.2.1' }, fixtures: {} },
  {
    name: 'lookup down',
    event: { src_ip: '203.0.113.7' },
    fixtures: { intel: { output: { score: 10 } }, lookup: { fail: { kind: 'http_5xx', status: 503 } } },
  },
];

/** The trigger's input schema: the event form's fields. */
const SCHEMA = {
  type: 'object',
  required: ['src_ip'],
  properties: {
    src_ip: { type: 'string', title: 'Source IP', format: 'ipv4' },
    score: { type: 'number', title: 'Score' },
  },
};

describe('SimulationForm', () => {
  test('when a stored case is picked then the simulation asks for it by name (body `case`)', () => {
    const onRun = vi.fn();
    render(<SimulationForm cases={cases} busy={false} onRun={onRun} />);
    fireEvent.change(screen.getByTestId('case-select'), { target: { value: 'lookup down' } });
    fireEvent.click(screen.getByTestId('run-simulation'));
    expect(onRun).toHaveBeenCalledWith({ case: 'lookup down' });
  });

  test('when a case is copied then its event fills the event form and its whole fixtures (a failure too) the fixtures', () => {
    const onRun = vi.fn();
    render(<SimulationForm cases={cases} inputSchema={SCHEMA} busy={false} onRun={onRun} />);
    fireEvent.change(screen.getByTestId('case-select'), { target: { value: 'lookup down' } });
    fireEvent.click(screen.getByRole('button', { name: 'Edit a copy' }));
    expect((screen.getByLabelText(/Source IP/) as HTMLInputElement).value).toBe('203.0.113.7');
    fireEvent.click(screen.getByTestId('sim-event-view-json'));
    expect(JSON.parse((screen.getByTestId('event-json') as HTMLTextAreaElement).value)).toEqual({
      src_ip: '203.0.113.7',
    });
    fireEvent.click(screen.getByTestId('fixtures-view-json'));
    const copied = { intel: { output: { score: 10 } }, lookup: { fail: { kind: 'http_5xx', status: 503 } } };
    expect(JSON.parse((screen.getByTestId('fixtures-json') as HTMLTextAreaElement).value)).toEqual(copied);
    fireEvent.click(screen.getByTestId('run-simulation'));
    expect(onRun).toHaveBeenCalledWith({ event: { src_ip: '203.0.113.7' }, fixtures: copied });
  });

  test('when the version has no case then only a new event is offered, as the trigger schema’s form', () => {
    render(<SimulationForm cases={[]} inputSchema={SCHEMA} busy={false} onRun={vi.fn()} />);
    expect((screen.getByRole('radio', { name: 'Stored test case' }) as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByRole('radio', { name: 'A new event' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByLabelText(/Source IP/)).toBeTruthy();
  });

  test('when the event is filled in on the form then the simulation gets it typed: the score as a number', async () => {
    const onRun = vi.fn();
    render(<SimulationForm cases={[]} inputSchema={SCHEMA} busy={false} onRun={onRun} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/Source IP/), '198.51.100.4');
    await user.type(screen.getByLabelText('Score'), '80');
    await user.click(screen.getByTestId('run-simulation'));
    expect(onRun).toHaveBeenCalledWith({ event: { src_ip: '198.51.100.4', score: 80 } });
  });

  test('when the JSON view holds text that is not JSON then the simulation cannot run and the text is kept', async () => {
    const onRun = vi.fn();
    render(<SimulationForm cases={[]} inputSchema={SCHEMA} busy={false} onRun={onRun} />);
    fireEvent.click(screen.getByTestId('sim-event-view-json'));
    fireEvent.change(screen.getByTestId('event-json'), { target: { value: '{ "src_ip": ' } });
    expect(screen.getByRole('alert').textContent).toMatch(/not valid JSON yet/);
    expect((screen.getByTestId('run-simulation') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('event-json') as HTMLTextAreaElement).value).toBe('{ "src_ip": ');
  });

  test('when the server refused a field of the event then its message is at that field', () => {
    const errors = new Map([['src_ip', 'must match format "ipv4"']]);
    render(<SimulationForm cases={[]} inputSchema={SCHEMA} eventErrors={errors} busy={false} onRun={vi.fn()} />);
    expect(screen.getByText('Source IP must match format "ipv4"')).toBeTruthy();
    expect(screen.getByLabelText(/Source IP/).getAttribute('aria-invalid')).toBe('true');
  });
});
