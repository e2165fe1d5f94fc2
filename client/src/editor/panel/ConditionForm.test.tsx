// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CompletionItem } from '../contracts';
import { ParamsForm } from './ParamsForm';
import { StatefulParamsForm } from './testing';

afterEach(cleanup);

const COMPLETIONS: CompletionItem[] = [
  { path: 'event', detail: 'the event that started the run' },
  { path: 'event.src_ip', detail: 'string — the attacker address' },
  { path: 'event.internal', detail: 'boolean' },
  { path: 'steps.abuse.output', detail: 'output of AbuseIPDB' },
  { path: 'steps.abuse.output.abuseConfidenceScore', detail: 'integer — 0 to 100' },
];
const SCORE = 'steps.abuse.output.abuseConfidenceScore';

function renderForm(predicate: string, spy = vi.fn()) {
  render(<StatefulParamsForm nodeType="condition" value={{ predicate }} completions={COMPLETIONS} spy={spy} />);
  return spy;
}

const row = (n: number) => within(screen.getByRole('group', { name: `Condition ${n}` }));
const jsonata = () => screen.getByTestId('condition-jsonata').textContent;

describe('ConditionForm', () => {
  it('when a field, "at least" and 70 are picked then the predicate is generated and shown', async () => {
    const spy = renderForm('');
    await userEvent.selectOptions(row(1).getByRole('combobox', { name: 'Field of condition 1' }), SCORE);
    await userEvent.selectOptions(row(1).getByRole('combobox', { name: 'Operator of condition 1' }), 'at_least');
    await userEvent.type(row(1).getByRole('textbox', { name: 'Value of condition 1' }), '70');
    expect(spy).toHaveBeenLastCalledWith({ predicate: `${SCORE} >= 70` });
    expect(jsonata()).toBe(`${SCORE} >= 70`);
  });

  it('when the field is a number then only comparisons are offered and a word is not a value', async () => {
    const spy = renderForm('');
    await userEvent.selectOptions(row(1).getByRole('combobox', { name: 'Field of condition 1' }), SCORE);
    const ops = within(row(1).getByRole('combobox', { name: 'Operator of condition 1' }));
    expect(ops.queryByRole('option', { name: 'contains' })).toBeNull();
    await userEvent.type(row(1).getByRole('textbox', { name: 'Value of condition 1' }), 'high');
    expect(row(1).getByText('To finish condition 1: enter a number.')).toBeTruthy();
    expect(spy).not.toHaveBeenCalledWith({ predicate: expect.stringContaining('high') });
  });

  it('when a generated predicate is reopened then the builder shows the same row', () => {
    renderForm(`${SCORE} >= 70`);
    expect(row(1).getByRole<HTMLSelectElement>('combobox', { name: 'Field of condition 1' }).value).toBe(SCORE);
    expect(row(1).getByRole<HTMLSelectElement>('combobox', { name: 'Operator of condition 1' }).value).toBe('at_least');
    expect(row(1).getByRole<HTMLInputElement>('textbox', { name: 'Value of condition 1' }).value).toBe('70');
  });

  it('when a second row is added and "any" chosen then the rows are joined with or', async () => {
    const spy = renderForm('event.internal = false');
    await userEvent.click(screen.getByRole('button', { name: 'Add condition' }));
    await userEvent.selectOptions(row(2).getByRole('combobox', { name: 'Field of condition 2' }), 'event.src_ip');
    await userEvent.selectOptions(row(2).getByRole('combobox', { name: 'Operator of condition 2' }), 'in_cidr');
    await userEvent.type(row(2).getByRole('textbox', { name: 'Value of condition 2' }), '10.0.0.0/8');
    expect(jsonata()).toBe('event.internal = false and $inCidr(event.src_ip, "10.0.0.0/8")');
    await userEvent.click(screen.getByRole('radio', { name: /any condition holds/ }));
    expect(spy).toHaveBeenLastCalledWith({
      predicate: 'event.internal = false or $inCidr(event.src_ip, "10.0.0.0/8")',
    });
    await userEvent.click(row(1).getByRole('button', { name: 'Remove condition 1' }));
    expect(jsonata()).toBe('$inCidr(event.src_ip, "10.0.0.0/8")');
  });

  it('when a predicate the builder cannot show is opened then the JSONata editor opens, saying why', async () => {
    renderForm('$count(event.ids) > 2');
    expect(screen.getByRole('status').textContent).toMatch(/cannot show this expression: it is not a field compared/);
    const editor = screen.getByRole('textbox', { name: 'Predicate (JSONata)' });
    expect((editor as HTMLTextAreaElement).value).toBe('$count(event.ids) > 2');
    await userEvent.click(screen.getByRole('button', { name: 'Use the builder' }));
    expect(screen.queryByRole('group', { name: 'Condition 1' })).toBeNull();
  });

  it('when the JSONata is edited by hand into a simple comparison then "Use the builder" shows it as a row', async () => {
    const spy = renderForm(`${SCORE} >= 70`);
    await userEvent.click(screen.getByRole('button', { name: 'Edit as JSONata' }));
    const editor = screen.getByRole('textbox', { name: 'Predicate (JSONata)' });
    await userEvent.clear(editor);
    await userEvent.click(editor);
    await userEvent.paste('event.src_ip in ["a","b"]');
    expect(spy).toHaveBeenLastCalledWith({ predicate: 'event.src_ip in ["a","b"]' });
    await userEvent.click(screen.getByRole('button', { name: 'Use the builder' }));
    expect(row(1).getByRole<HTMLSelectElement>('combobox', { name: 'Operator of condition 1' }).value).toBe('in_list');
    expect(row(1).getByRole<HTMLInputElement>('textbox', { name: 'Value of condition 1' }).value).toBe('a, b');
  });

  it('when the predicate changes from outside (undo) then the rows follow it', () => {
    const props = { nodeType: 'condition', onChange: () => {}, completions: COMPLETIONS, problems: [] };
    const { rerender } = render(<ParamsForm {...props} value={{ predicate: `${SCORE} >= 70` }} />);
    rerender(<ParamsForm {...props} value={{ predicate: 'event.internal = true' }} />);
    expect(row(1).getByRole<HTMLSelectElement>('combobox', { name: 'Field of condition 1' }).value).toBe(
      'event.internal',
    );
    expect(row(1).getByRole<HTMLSelectElement>('combobox', { name: 'Operator of condition 1' }).value).toBe('is_true');
  });

  it('when the validator reports the predicate then its message is shown under the generated JSONata', () => {
    const problems = [{ path: 'params.predicate', message: 'references step gone which does not exist' }];
    render(
      <ParamsForm
        nodeType="condition"
        value={{ predicate: 'steps.gone.output.x = 1' }}
        onChange={() => {}}
        completions={COMPLETIONS}
        problems={problems}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe('references step gone which does not exist');
  });
});
