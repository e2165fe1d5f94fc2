// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Json } from './jsonValue';
import { SchemaForm, type SchemaFormProps } from './SchemaForm';

afterEach(cleanup);

/** Every kind of field: formatted strings, a choice, numbers, a yes/no, a list, a group, repeatable groups, free JSON. */
const SCHEMA = {
  type: 'object',
  required: ['ip', 'severity', 'count'],
  properties: {
    ip: { type: 'string', title: 'Source IP', format: 'ipv4', description: 'The address that attacked.' },
    reporter: { type: 'string', title: 'Reporter', format: 'email' },
    link: { type: 'string', title: 'Alert link', format: 'uri' },
    seen: { type: 'string', title: 'Seen at', format: 'date-time' },
    severity: { type: 'string', title: 'Severity', enum: ['low', 'high'] },
    score: { type: 'number', title: 'Score' },
    count: { type: 'integer', title: 'Count' },
    confirmed: { type: 'boolean', title: 'Confirmed' },
    tags: { type: 'array', title: 'Tags', items: { type: 'string' } },
    host: { type: 'object', title: 'Host', properties: { name: { type: 'string', title: 'Host name' } } },
    users: {
      type: 'array',
      title: 'User',
      items: { type: 'object', required: ['login'], properties: { login: { type: 'string', title: 'Login' } } },
    },
    raw: { type: 'object', title: 'Raw', additionalProperties: true },
  },
};

/** The form over a value it owns, reporting each change. */
function Harness(props: Partial<SchemaFormProps> & { initial?: Json; seen?: (v: Json | undefined) => void }) {
  const { initial = {}, seen, ...rest } = props;
  const [value, setValue] = useState<Json | undefined>(initial);
  return (
    <SchemaForm
      schema={SCHEMA}
      label="Event"
      testId="event"
      value={value}
      onChange={(v) => {
        setValue(v);
        seen?.(v);
      }}
      {...rest}
    />
  );
}

describe('SchemaForm', () => {
  test('when a schema has each kind of field then each is its own labelled input, with hints and required marks', () => {
    render(<Harness />);
    expect(screen.getByLabelText(/Source IP/).getAttribute('aria-required')).toBe('true');
    expect(screen.getByText('The address that attacked.')).toBeTruthy();
    expect(screen.getByText(/An IPv4 address, e\.g\. 192\.0\.2\.10/)).toBeTruthy();
    expect(screen.getByText(/An e-mail address/)).toBeTruthy();
    expect(screen.getByText(/A web address/)).toBeTruthy();
    expect(screen.getByText(/A date and time with its time zone/)).toBeTruthy();
    expect(screen.getByLabelText(/Severity/).tagName).toBe('SELECT');
    expect(screen.getByLabelText('Confirmed').getAttribute('type')).toBe('checkbox');
    expect(screen.getByLabelText('Tags').tagName).toBe('TEXTAREA');
    expect(screen.getByRole('group', { name: 'Host' })).toBeTruthy();
    expect(screen.getByLabelText('Host name')).toBeTruthy();
    expect(screen.getByRole('group', { name: 'User' })).toBeTruthy();
    expect(screen.getByLabelText('Raw').tagName).toBe('TEXTAREA');
    expect(screen.queryByLabelText(/Score \(required\)/)).toBeNull();
    // Every input has a label.
    for (const input of document.querySelectorAll('input, select, textarea')) {
      expect(document.querySelector(`label[for="${input.id}"]`)).not.toBeNull();
    }
  });

  test('when fields are filled then the value holds each as its type: a number as a number, lines as a list, groups as objects', async () => {
    const seen = vi.fn();
    render(<Harness seen={seen} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/Source IP/), '203.0.113.7');
    await user.selectOptions(screen.getByLabelText(/Severity/), 'high');
    await user.type(screen.getByLabelText('Score'), '7.5');
    await user.type(screen.getByLabelText(/Count/), '3');
    await user.click(screen.getByLabelText('Confirmed'));
    await user.type(screen.getByLabelText('Tags'), 'vpn{Enter}tor');
    await user.type(screen.getByLabelText('Host name'), 'web-1');
    await user.click(screen.getByRole('button', { name: 'Add User' }));
    await user.click(screen.getByRole('button', { name: 'Add User' }));
    await user.type(within(screen.getByRole('group', { name: 'User 1' })).getByLabelText(/Login/), 'alice');
    await user.type(within(screen.getByRole('group', { name: 'User 2' })).getByLabelText(/Login/), 'bob');
    await user.click(screen.getByRole('button', { name: 'Remove User 1' }));
    expect(seen).toHaveBeenLastCalledWith({
      ip: '203.0.113.7',
      severity: 'high',
      score: 7.5,
      count: 3,
      confirmed: true,
      tags: ['vpn', 'tor'],
      host: { name: 'web-1' },
      users: [{ login: 'bob' }],
    });
    expect((screen.getByLabelText('Score') as HTMLInputElement).value).toBe('7.5');
  });

  test('when a field is emptied then its key is gone, and a group left empty goes with it', async () => {
    const seen = vi.fn();
    render(<Harness seen={seen} initial={{ ip: '192.0.2.1', host: { name: 'web-1' } }} />);
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('Host name'));
    expect(seen).toHaveBeenLastCalledWith({ ip: '192.0.2.1' });
  });

  test('when a required field is left empty then it says so in words at the field once a send was tried', async () => {
    const { rerender } = render(<Harness />);
    expect(screen.queryByText('Source IP is required')).toBeNull();
    rerender(<Harness showAllProblems />);
    const message = screen.getByText('Source IP is required');
    expect(screen.getByLabelText(/Source IP/).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText(/Source IP/).getAttribute('aria-describedby')).toContain(message.id);
    expect(screen.getByText('Count is required')).toBeTruthy();
    expect(screen.getByText('Severity is required')).toBeTruthy();
  });

  test('when a value does not fit its field then the field says why in words', async () => {
    render(<Harness initial={{ ip: '999.1.1.1', count: 2.5, score: 'seven', reporter: 'nobody' }} showAllProblems />);
    expect(screen.getByText('Source IP must be an IPv4 address, e.g. 192.0.2.10')).toBeTruthy();
    expect(screen.getByText('Count must be a whole number, e.g. 7')).toBeTruthy();
    expect(screen.getByText('Score must be a number, e.g. 7.5')).toBeTruthy();
    expect(screen.getByText('Reporter must be an e-mail address, e.g. soc@example.com')).toBeTruthy();
    expect(screen.getByLabelText('Score').getAttribute('aria-invalid')).toBe('true');
  });

  test('when the server refuses a field then its message is at the field, and one without a field is listed in words', () => {
    const errors = new Map([
      ['ip', 'must match format "ipv4"'],
      ['', 'must have required property "x"'],
    ]);
    render(<Harness errors={errors} />);
    expect(screen.getByText('Source IP must match format "ipv4"')).toBeTruthy();
    expect(screen.getByTestId('event-errors').textContent).toBe('The event must have required property "x"');
  });

  test('when switching to JSON and back then the value round-trips both ways', async () => {
    const seen = vi.fn();
    render(<Harness seen={seen} initial={{ ip: '198.51.100.1', kept: 'not in the schema' }} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Score'), '4');
    await user.click(screen.getByRole('button', { name: 'JSON' }));
    const json = screen.getByLabelText('Event (JSON)') as HTMLTextAreaElement;
    expect(JSON.parse(json.value)).toEqual({ ip: '198.51.100.1', kept: 'not in the schema', score: 4 });
    fireEvent.change(json, { target: { value: '{"ip":"192.0.2.9","severity":"low","users":[{"login":"eve"}]}' } });
    await user.click(screen.getByRole('button', { name: 'Form' }));
    expect((screen.getByLabelText(/Source IP/) as HTMLInputElement).value).toBe('192.0.2.9');
    expect((screen.getByLabelText(/Severity/) as HTMLSelectElement).value).toBe('low');
    expect((screen.getByLabelText(/Login/) as HTMLInputElement).value).toBe('eve');
    expect(seen).toHaveBeenLastCalledWith({ ip: '192.0.2.9', severity: 'low', users: [{ login: 'eve' }] });
  });

  test('when the JSON view holds text that is not JSON then it says so in words, keeps the text and stays until fixed or discarded', async () => {
    const seen = vi.fn();
    const onJsonError = vi.fn();
    render(<Harness seen={seen} initial={{ ip: '192.0.2.1' }} onJsonError={onJsonError} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'JSON' }));
    const json = screen.getByLabelText('Event (JSON)') as HTMLTextAreaElement;
    fireEvent.change(json, { target: { value: '{ "ip": ' } });
    expect(screen.getByRole('alert').textContent).toMatch(/not valid JSON yet/);
    expect(onJsonError).toHaveBeenLastCalledWith(expect.any(String));
    expect(seen).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Form' }));
    expect((screen.getByLabelText('Event (JSON)') as HTMLTextAreaElement).value).toBe('{ "ip": ');
    expect(screen.getByRole('alert').textContent).toMatch(/Fix the JSON to go back to the form/);
    await user.click(screen.getByRole('button', { name: 'Discard the JSON changes' }));
    expect((screen.getByLabelText(/Source IP/) as HTMLInputElement).value).toBe('192.0.2.1');
    expect(onJsonError).toHaveBeenLastCalledWith(null);
  });
});
