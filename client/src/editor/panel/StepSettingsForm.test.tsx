// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StepSettingsForm, type StepSettingsValue } from './StepSettingsForm';

afterEach(cleanup);

function Stateful({ initial, spy }: { initial: StepSettingsValue; spy: (v: StepSettingsValue) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <StepSettingsForm
      value={value}
      defaultLabel="HTTP request"
      problems={[]}
      onChange={(v) => {
        spy(v);
        setValue(v);
      }}
    />
  );
}

describe('StepSettingsForm', () => {
  it('when a retry policy is added then it starts from the policy defaults and error kinds can be ticked', async () => {
    const spy = vi.fn();
    render(<Stateful initial={{ label: 'Enrich' }} spy={spy} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add retry policy' }));
    expect(spy).toHaveBeenLastCalledWith({
      label: 'Enrich',
      retry: {
        maxAttempts: 1,
        initialDelayMs: 1000,
        multiplier: 2,
        maxDelayMs: 60000,
        jitter: 0.2,
        retryOn: ['timeout', 'network', 'http_5xx', 'http_429'],
      },
    });
    const retryOn = screen.getByRole('group', { name: 'Retry on' });
    await userEvent.click(within(retryOn).getByRole('checkbox', { name: 'http_4xx' }));
    expect(spy.mock.lastCall?.[0].retry.retryOn).toEqual(['timeout', 'network', 'http_5xx', 'http_429', 'http_4xx']);
    await userEvent.clear(screen.getByLabelText('Max attempts'));
    await userEvent.type(screen.getByLabelText('Max attempts'), '3');
    expect(spy.mock.lastCall?.[0].retry.maxAttempts).toBe(3);
  });

  it('when the label is emptied then it is removed and the type label shows as placeholder', async () => {
    const spy = vi.fn();
    render(<Stateful initial={{ label: 'X', timeout: '30s' }} spy={spy} />);
    const label = screen.getByLabelText('Label');
    await userEvent.clear(label);
    expect(spy).toHaveBeenLastCalledWith({ timeout: '30s' });
    expect(label.getAttribute('placeholder')).toBe('HTTP request');
  });

  it('when problems name retry and timeout fields then they show under them; params problems do not', () => {
    render(
      <StepSettingsForm
        value={{ label: 'X', timeout: '3x', retry: { maxAttempts: 50 } }}
        onChange={() => {}}
        problems={[
          { path: 'timeout', message: 'a duration such as 30s' },
          { path: 'retry.maxAttempts', message: 'Too big' },
          { path: 'params.url', message: 'not mine' },
        ]}
      />,
    );
    expect(screen.getByLabelText('Timeout per attempt').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Max attempts').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual(['a duration such as 30s', 'Too big']);
  });

  it('when labelOnly then neither timeout nor retry is offered', () => {
    render(<StepSettingsForm value={{}} onChange={() => {}} problems={[]} labelOnly />);
    expect(screen.getByLabelText('Label')).toBeTruthy();
    expect(screen.queryByLabelText('Timeout per attempt')).toBeNull();
    expect(screen.queryByRole('group', { name: 'Retry policy' })).toBeNull();
  });
});
