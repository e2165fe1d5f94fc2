// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CompletionItem } from '../contracts';
import { ExpressionInput } from './ExpressionInput';
import { TemplateInput } from './TemplateInput';

afterEach(cleanup);

const COMPLETIONS: CompletionItem[] = [
  { path: 'event', detail: 'object' },
  { path: 'event.ip', detail: 'string' },
  { path: 'steps.enrich_ip.output', detail: 'object' },
  { path: 'steps.enrich_ip.output.score', detail: 'number' },
  { path: 'steps.notify.output', detail: 'object' },
];

function Expression({ initial = '' }: { initial?: string }) {
  const [value, setValue] = useState(initial);
  return <ExpressionInput ariaLabel="Predicate" value={value} onChange={setValue} completions={COMPLETIONS} />;
}

function Template() {
  const [value, setValue] = useState('');
  return <TemplateInput ariaLabel="Message" value={value} onChange={setValue} completions={COMPLETIONS} />;
}

describe('ExpressionInput completion', () => {
  it('when steps.en is typed then the matching outputs are listed and Enter inserts the first', async () => {
    render(<Expression />);
    const input = screen.getByLabelText('Predicate');
    await userEvent.type(input, 'steps.en');
    const options = screen.getAllByRole('option');
    expect(options.map((o) => o.querySelector('code')?.textContent)).toEqual([
      'steps.enrich_ip.output',
      'steps.enrich_ip.output.score',
    ]);
    expect(input.getAttribute('aria-activedescendant')).toBe(options[0]?.id);
    await userEvent.keyboard('{Enter}');
    expect(input).toHaveProperty('value', 'steps.enrich_ip.output');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('when ArrowDown then Tab is pressed then the second option is inserted with the caret after it', async () => {
    render(<Expression />);
    const input = screen.getByLabelText('Predicate');
    await userEvent.type(input, 'steps.en');
    await userEvent.keyboard('{ArrowDown}{Tab}');
    expect(input).toHaveProperty('value', 'steps.enrich_ip.output.score');
    await userEvent.keyboard(' > 5');
    expect(input).toHaveProperty('value', 'steps.enrich_ip.output.score > 5');
    expect(document.activeElement).toBe(input);
  });

  it('when Escape is pressed then the list closes and the text stays', async () => {
    render(<Expression />);
    const input = screen.getByLabelText('Predicate');
    await userEvent.type(input, 'ev');
    expect(screen.getByRole('listbox')).toBeTruthy();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(input).toHaveProperty('value', 'ev');
  });

  it('when $co is typed then JSONata functions are offered and accepting adds the parentheses', async () => {
    render(<Expression />);
    const input = screen.getByLabelText('Predicate');
    await userEvent.type(input, '$co');
    expect(screen.getAllByRole('option').map((o) => o.querySelector('code')?.textContent)).toEqual([
      '$count',
      '$contains',
    ]);
    await userEvent.keyboard('{Enter}event');
    expect(input).toHaveProperty('value', '$count(event)');
  });

  it('when Ctrl+Space is pressed in an empty field then every path is offered; a plain space offers nothing', async () => {
    render(<Expression />);
    const input = screen.getByLabelText('Predicate');
    await userEvent.click(input);
    await userEvent.keyboard(' ');
    expect(screen.queryByRole('listbox')).toBeNull();
    await userEvent.clear(input);
    await userEvent.keyboard('{Control>} {/Control}');
    expect(screen.getAllByRole('option')).toHaveLength(COMPLETIONS.length);
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(input).toHaveProperty('value', 'event.ip');
  });

  it('when the expression is valid then no syntax message is shown', async () => {
    render(<Expression initial="event.ip = '10.0.0.1'" />);
    expect(screen.queryByText(/Syntax error/)).toBeNull();
    expect(screen.getByLabelText('Predicate').getAttribute('aria-invalid')).toBeNull();
  });
});

describe('TemplateInput', () => {
  it('when typing outside braces then nothing is offered; inside braces paths are', async () => {
    render(<Template />);
    const input = screen.getByRole('combobox', { name: 'Message' });
    await userEvent.type(input, 'Block ev');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    await userEvent.type(input, ' {{{{ event.');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    await userEvent.keyboard('{Enter} }}');
    expect(input).toHaveProperty('value', 'Block ev {{ event.ip }}');
  });

  it('when "{{ " is typed then every path is offered at once and Enter inserts the first', async () => {
    render(<Template />);
    const input = screen.getByRole('combobox', { name: 'Message' });
    await userEvent.type(input, 'Blocked {{{{ ');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getAllByRole('option').map((o) => o.querySelector('code')?.textContent)).toEqual(
      COMPLETIONS.map((c) => c.path).sort((a, b) => a.split('.').length - b.split('.').length || a.length - b.length),
    );
    await userEvent.keyboard('{Enter} }}');
    expect(input).toHaveProperty('value', 'Blocked {{ event }}');
  });

  it('when Ctrl+Space is pressed outside braces then nothing opens; inside empty braces every path does', async () => {
    render(<Template />);
    const input = screen.getByRole<HTMLInputElement>('combobox', { name: 'Message' });
    await userEvent.type(input, 'Hi ');
    await userEvent.keyboard('{Control>} {/Control}');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    await userEvent.type(input, '{{{{}}');
    input.setSelectionRange(5, 5);
    await userEvent.keyboard('{Control>} {/Control}');
    expect(screen.getAllByRole('option')).toHaveLength(COMPLETIONS.length);
  });

  it('when a {{ }} part does not parse then its message is shown', async () => {
    render(<Template />);
    await userEvent.type(screen.getByRole('combobox', { name: 'Message' }), 'x {{{{ a + }}');
    expect(screen.getByText(/\{\{ a \+ \}\}: Unexpected end of expression/)).toBeTruthy();
  });
});
