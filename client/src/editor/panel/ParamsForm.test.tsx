// @vitest-environment jsdom
import { NODE_TYPES, nodeDefinition } from '@autonomic/workflow';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ParamsForm } from './ParamsForm';
import { StatefulParamsForm } from './testing';

afterEach(cleanup);

const defaults = (type: string) => ({ ...(nodeDefinition(type)?.defaults ?? {}) });

/** The name assistive technology reads for a form control (label, aria-label or aria-labelledby). */
function hasAccessibleName(el: Element): boolean {
  const labels = (el as HTMLInputElement).labels;
  if (labels && [...labels].some((l) => l.textContent?.trim())) return true;
  if (el.getAttribute('aria-label')?.trim()) return true;
  const by = el.getAttribute('aria-labelledby');
  return !!by && by.split(' ').some((id) => document.getElementById(id)?.textContent?.trim());
}

describe('ParamsForm', () => {
  it.each(NODE_TYPES.map((d) => d.type))(
    'when the %s form is generated then it renders and every control has an accessible name',
    (type) => {
      const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
      const { container } = render(
        <ParamsForm nodeType={type} value={defaults(type)} onChange={() => {}} completions={[]} problems={[]} />,
      );
      const controls = container.querySelectorAll('input, select, textarea');
      for (const el of controls) expect(hasAccessibleName(el), el.outerHTML).toBe(true);
      for (const fs of container.querySelectorAll('fieldset'))
        expect(fs.querySelector('legend')?.textContent?.trim()).toBeTruthy();
      expect(errors).not.toHaveBeenCalled();
      errors.mockRestore();
    },
  );

  it('when the URL is typed then onChange gets the params with the new URL', async () => {
    const spy = vi.fn();
    render(<StatefulParamsForm nodeType="http" value={defaults('http')} spy={spy} />);
    await userEvent.type(screen.getByRole('combobox', { name: /^URL/ }), 'https://x');
    expect(spy).toHaveBeenLastCalledWith({ ...defaults('http'), url: 'https://x' });
  });

  it('when the http form renders then method is a select of the HTTP methods', async () => {
    const onChange = vi.fn();
    render(<ParamsForm nodeType="http" value={defaults('http')} onChange={onChange} completions={[]} problems={[]} />);
    const method = screen.getByLabelText('Method');
    expect(method.tagName).toBe('SELECT');
    expect(
      within(method)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['GET (default)', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
    await userEvent.selectOptions(method, 'POST');
    expect(onChange).toHaveBeenCalledWith({ ...defaults('http'), method: 'POST' });
  });

  it('when "Add header" is pressed and the row named then headers get that key', async () => {
    const spy = vi.fn();
    render(<StatefulParamsForm nodeType="http" value={defaults('http')} spy={spy} />);
    const headers = screen.getByRole('group', { name: 'Headers' });
    await userEvent.click(within(headers).getByRole('button', { name: 'Add header' }));
    const row = within(headers).getByRole('group', { name: 'Header 1' });
    expect(document.activeElement).toBe(within(row).getByLabelText('Header 1 name'));
    await userEvent.type(within(row).getByLabelText('Header 1 name'), 'Accept');
    await userEvent.type(within(row).getByRole('combobox', { name: 'Header 1 value' }), 'json');
    expect(spy).toHaveBeenLastCalledWith({ ...defaults('http'), headers: { Accept: 'json' } });
  });

  it('when escalation levels are added, moved and removed then the list follows, one sub-form per level', async () => {
    const spy = vi.fn();
    render(<StatefulParamsForm nodeType="approval" value={defaults('approval')} spy={spy} />);
    const list = screen.getByRole('group', { name: 'Escalation' });
    await userEvent.click(within(list).getByRole('button', { name: 'Add escalation' }));
    await userEvent.click(within(list).getByRole('button', { name: 'Add escalation' }));
    const first = within(list).getByRole('group', { name: 'Escalation 1' });
    expect(within(list).getByRole('group', { name: 'Escalation 2' })).toBeTruthy();
    await userEvent.type(within(first).getByLabelText(/^After/), '15m');
    expect(spy).toHaveBeenLastCalledWith(
      expect.objectContaining({
        escalation: [
          { after: '15m', approvers: { users: [], roles: [] }, breakGlass: true },
          { after: '', approvers: { users: [], roles: [] }, breakGlass: true },
        ],
      }),
    );

    await userEvent.click(within(list).getByRole('button', { name: 'Move escalation 1 down' }));
    expect(spy.mock.lastCall?.[0].escalation.map((e: { after: string }) => e.after)).toEqual(['', '15m']);
    expect(document.activeElement).toBe(within(list).getByRole('button', { name: 'Move escalation 2 up' }));

    await userEvent.click(within(list).getByRole('button', { name: 'Remove escalation 1' }));
    expect(spy.mock.lastCall?.[0].escalation.map((e: { after: string }) => e.after)).toEqual(['15m']);
    expect(within(list).queryByRole('group', { name: 'Escalation 2' })).toBeNull();
  });

  it('when "The owner of the target asset" is ticked then the step\'s approvers carry targetOwner; escalation levels have no such box', async () => {
    const spy = vi.fn();
    render(<StatefulParamsForm nodeType="approval" value={defaults('approval')} spy={spy} />);
    const approvers = screen.getByRole('group', { name: /^Approvers/ });
    const owner = within(approvers).getByRole('checkbox', { name: 'The owner of the target asset' });
    expect((owner as HTMLInputElement).checked).toBe(false);
    await userEvent.click(owner);
    expect(spy).toHaveBeenLastCalledWith(
      expect.objectContaining({ approvers: { users: [], roles: ['reviewer'], targetOwner: true } }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Add escalation' }));
    const level = screen.getByRole('group', { name: 'Escalation 1' });
    expect(within(level).queryByRole('checkbox', { name: 'The owner of the target asset' })).toBeNull();
  });

  it('when an expression does not parse then the parser message and position are shown', async () => {
    render(<StatefulParamsForm nodeType="foreach" value={defaults('foreach')} />);
    const predicate = screen.getByLabelText(/^Items/);
    await userEvent.type(predicate, 'event.(');
    expect(screen.getByText('Syntax error at line 1, column 7: Expected ")" before end of expression')).toBeTruthy();
    expect(predicate.getAttribute('aria-invalid')).toBe('true');
  });

  it('when the validator has problems then each shows under its field, marked invalid and described', () => {
    const problems = [
      { path: 'params.url', message: 'a URL is required' },
      { path: 'params', message: 'Unrecognized key: "extra"' },
      { path: 'label', message: 'not this form' },
    ];
    render(
      <ParamsForm nodeType="http" value={defaults('http')} onChange={() => {}} completions={[]} problems={problems} />,
    );
    const url = screen.getByRole('combobox', { name: /^URL/ });
    expect(url.getAttribute('aria-invalid')).toBe('true');
    const alerts = screen.getAllByRole('alert').map((a) => a.textContent);
    expect(alerts).toEqual(['Unrecognized key: "extra"', 'a URL is required']);
    const described = (url.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id));
    expect(described.some((el) => el?.textContent === 'a URL is required')).toBe(true);
  });

  it('when a nested list item has a problem then it shows under that item field', () => {
    const value = { ...defaults('approval'), escalation: [{ after: '2h', approvers: { roles: ['lead'] } }] };
    const problems = [{ path: 'params.escalation.0.after', message: 'an escalation must come before the timeout' }];
    render(<ParamsForm nodeType="approval" value={value} onChange={() => {}} completions={[]} problems={problems} />);
    const level = screen.getByRole('group', { name: 'Escalation 1' });
    const after = within(level).getByLabelText(/^After/);
    expect(after.getAttribute('aria-invalid')).toBe('true');
    expect(within(level).getByRole('alert').textContent).toBe('an escalation must come before the timeout');
  });

  it('when read-only then text is read-only, choices are disabled and nothing can be added', () => {
    const value = { ...defaults('approval'), escalation: [{ after: '2h', approvers: { roles: ['lead'] } }] };
    const { container } = render(
      <ParamsForm nodeType="approval" value={value} onChange={() => {}} completions={[]} problems={[]} readOnly />,
    );
    for (const el of container.querySelectorAll('input[type=text], input[type=number], textarea'))
      expect(el.hasAttribute('readonly'), el.outerHTML).toBe(true);
    for (const el of container.querySelectorAll('select, input[type=checkbox]'))
      expect((el as HTMLSelectElement).disabled).toBe(true);
    expect(screen.queryAllByRole('button')).toEqual([]);
  });
});
