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
