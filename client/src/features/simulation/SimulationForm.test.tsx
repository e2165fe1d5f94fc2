// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
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

describe('SimulationForm', () => {
  test('when a stored case is picked then the simulation asks for it by name (body `case`)', () => {
    const onRun = vi.fn();
    render(<SimulationForm cases={cases} busy={false} onRun={onRun} />);
    fireEvent.change(screen.getByTestId('case-select'), { target: { value: 'lookup down' } });
    fireEvent.click(screen.getByTestId('run-simulation'));
    expect(onRun).toHaveBeenCalledWith({ case: 'lookup down' });
  });

  test('when a case is copied as JSON then its event and only its output fixtures fill the form (a failure stays with the case)', () => {
    const onRun = vi.fn();
    render(<SimulationForm cases={cases} busy={false} onRun={onRun} />);
    fireEvent.change(screen.getByTestId('case-select'), { target: { value: 'lookup down' } });
    fireEvent.click(screen.getByRole('button', { name: 'Edit a copy as JSON' }));
    expect(JSON.parse((screen.getByTestId('event-json') as HTMLTextAreaElement).value)).toEqual({
      src_ip: '203.0.113.7',
    });
    expect(JSON.parse((screen.getByTestId('fixtures-json') as HTMLTextAreaElement).value)).toEqual({
      intel: { score: 10 },
    });
    fireEvent.click(screen.getByTestId('run-simulation'));
    expect(onRun).toHaveBeenCalledWith({ event: { src_ip: '203.0.113.7' }, fixtures: { intel: { score: 10 } } });
  });

  test('when the version has no case then only pasting an event is offered', () => {
    render(<SimulationForm cases={[]} busy={false} onRun={vi.fn()} />);
    expect((screen.getByRole('radio', { name: 'Stored test case' }) as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByTestId('event-json')).toBeTruthy();
  });
});
