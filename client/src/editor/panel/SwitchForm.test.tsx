// @vitest-environment jsdom
import { nodeDefinition } from '@autonomic/workflow';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CompletionItem } from '../contracts';
import { ParamsForm } from './ParamsForm';
import { StatefulParamsForm } from './testing';

afterEach(cleanup);

const COMPLETIONS: CompletionItem[] = [
  { path: 'event', detail: 'the event that started the run' },
  { path: 'event.severity', detail: 'string' },
];
const defaults = () => ({ ...(nodeDefinition('switch')?.defaults ?? {}) });

describe('SwitchForm', () => {
  it('when a field is picked then the switch reads it and the cases stay as they were', async () => {
    const spy = vi.fn();
    render(<StatefulParamsForm nodeType="switch" value={defaults()} completions={COMPLETIONS} spy={spy} />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Switch on' }), 'event.severity');
    expect(spy).toHaveBeenLastCalledWith({ ...defaults(), value: 'event.severity' });
    expect(screen.getByRole('group', { name: 'Switch cases' })).toBeTruthy();
  });

  it('when the switch reads a computed value then the JSONata editor opens, saying why, and stays until it is a field', async () => {
    render(
      <StatefulParamsForm
        nodeType="switch"
        value={{ ...defaults(), value: '$lowercase(event.severity)' }}
        completions={COMPLETIONS}
      />,
    );
    expect(screen.getByRole('status').textContent).toMatch(/cannot show this expression: it is not a single field/);
    const editor = screen.getByRole('textbox', { name: 'Switch on' });
    await userEvent.click(screen.getByRole('button', { name: 'Pick a field' }));
    expect(screen.getByRole('textbox', { name: 'Switch on' })).toBe(editor);
    await userEvent.clear(editor);
    await userEvent.type(editor, 'event.severity');
    await userEvent.keyboard('{Escape}');
    await userEvent.click(screen.getByRole('button', { name: 'Pick a field' }));
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Switch on' }).value).toBe('event.severity');
  });

  it('when the validator reports the switch value then its message is shown at the picker, once', () => {
    const problems = [{ path: 'params.value', message: 'an expression is required' }];
    render(
      <ParamsForm
        nodeType="switch"
        value={defaults()}
        onChange={() => {}}
        completions={COMPLETIONS}
        problems={problems}
      />,
    );
    expect(screen.getAllByText('an expression is required')).toHaveLength(1);
    expect(screen.getByRole('combobox', { name: 'Switch on' }).getAttribute('aria-describedby')).toBeTruthy();
  });
});

describe('SwitchForm: case values typed by the field', () => {
  const TYPED: CompletionItem[] = [
    { path: 'event.count', detail: 'integer — how many alerts' },
    { path: 'event.internal', detail: 'boolean' },
    { path: 'event.severity', detail: 'string', values: ['low', 'high'] },
  ];
  const casesOf = (v: Record<string, unknown> | undefined) => v?.['cases'] as { equals: unknown }[];

  it('when the field is a number then the case value is a number box and the document holds the number 5', async () => {
    const spy = vi.fn();
    render(<StatefulParamsForm nodeType="switch" value={defaults()} completions={TYPED} spy={spy} />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Switch on' }), 'event.count');
    const box = screen.getByRole('spinbutton', { name: /Value/ });
    await userEvent.type(box, '5');
    expect(casesOf(spy.mock.lastCall?.[0])[0]?.equals).toBe(5);
  });

  it('when a number field is picked then a case written as "5" becomes the number 5', async () => {
    const spy = vi.fn();
    const value = { value: '', cases: [{ port: 'five', equals: '5' }] };
    render(<StatefulParamsForm nodeType="switch" value={value} completions={TYPED} spy={spy} />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Switch on' }), 'event.count');
    expect(spy).toHaveBeenLastCalledWith({ value: 'event.count', cases: [{ port: 'five', equals: 5 }] });
  });

  it('when the field lists its values then the case offers them, and true/false fields offer true and false', async () => {
    const spy = vi.fn();
    render(<StatefulParamsForm nodeType="switch" value={defaults()} completions={TYPED} spy={spy} />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Switch on' }), 'event.severity');
    const choice = screen.getByRole('combobox', { name: /Value/ });
    expect(Array.from(choice.querySelectorAll('option:not([disabled])')).map((o) => o.textContent)).toEqual([
      'low',
      'high',
    ]);
    await userEvent.selectOptions(choice, 'high');
    expect(casesOf(spy.mock.lastCall?.[0])[0]?.equals).toBe('high');

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Switch on' }), 'event.internal');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: /Value/ }), 'true');
    expect(casesOf(spy.mock.lastCall?.[0])[0]?.equals).toBe(true);
  });
});
