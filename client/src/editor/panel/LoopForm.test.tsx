// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CompletionItem } from '../contracts';
import { ParamsForm } from './ParamsForm';
import { StatefulParamsForm } from './testing';

afterEach(cleanup);

const COUNT = 'steps.count.output.count';
const COMPLETIONS: CompletionItem[] = [
  { path: 'steps.count.output', detail: 'output of Count sessions' },
  { path: COUNT, detail: 'integer — sessions left' },
];
const row = (n: number) => within(screen.getByRole('group', { name: `Condition ${n}` }));

describe('the repeat-until form', () => {
  it('when the stop condition is built from a row then `until` is written and the other params stay', async () => {
    const spy = vi.fn();
    const value = { until: '', check: 'before', maxRounds: 10 };
    render(<StatefulParamsForm nodeType="loop" value={value} completions={COMPLETIONS} spy={spy} />);

    expect(screen.getByRole('group', { name: 'Stop when' })).toBeTruthy();
    await userEvent.selectOptions(row(1).getByRole('combobox', { name: 'Field of condition 1' }), COUNT);
    await userEvent.selectOptions(row(1).getByRole('combobox', { name: 'Operator of condition 1' }), 'equals');
    await userEvent.type(row(1).getByRole('textbox', { name: 'Value of condition 1' }), '0');

    expect(spy).toHaveBeenLastCalledWith({ until: `${COUNT} = 0`, check: 'before', maxRounds: 10 });
  });

  it('when the maximum is changed then maxRounds changes and the condition stays', async () => {
    const spy = vi.fn();
    const value = { until: `${COUNT} = 0`, check: 'before', maxRounds: 10 };
    render(<StatefulParamsForm nodeType="loop" value={value} completions={COMPLETIONS} spy={spy} />);

    const max = screen.getByRole('spinbutton', { name: /max rounds/i });
    await userEvent.clear(max);
    await userEvent.type(max, '25');

    expect(spy).toHaveBeenLastCalledWith({ until: `${COUNT} = 0`, check: 'before', maxRounds: 25 });
    expect(row(1).getByRole<HTMLSelectElement>('combobox', { name: 'Field of condition 1' }).value).toBe(COUNT);
  });

  it('when the validator has a problem with `until` then it shows under the condition, not as a general problem', () => {
    render(
      <ParamsForm
        nodeType="loop"
        value={{ until: '', check: 'before', maxRounds: 10 }}
        onChange={() => undefined}
        completions={COMPLETIONS}
        problems={[{ path: 'params.until', message: 'an expression is required' }]}
      />,
    );
    const stop = screen.getByRole('group', { name: 'Stop when' });
    expect(within(stop).getByText('an expression is required')).toBeTruthy();
    expect(screen.getAllByText('an expression is required')).toHaveLength(1);
  });
});
