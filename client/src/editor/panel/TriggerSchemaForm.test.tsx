// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TriggerSchemaForm } from './TriggerSchemaForm';

afterEach(cleanup);

function Stateful({ initial, spy }: { initial: Record<string, unknown>; spy: (v: Record<string, unknown>) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <TriggerSchemaForm
      value={value}
      onChange={(v) => {
        spy(v);
        setValue(v);
      }}
    />
  );
}

describe('TriggerSchemaForm', () => {
  it('when a field is added, named, typed and required then the schema says so', async () => {
    const spy = vi.fn();
    render(<Stateful initial={{ type: 'object' }} spy={spy} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add field' }));
    expect(spy).not.toHaveBeenCalled(); // a row without a name is not a field yet
    const row = screen.getByRole('group', { name: 'Field 1' });
    await userEvent.type(within(row).getByLabelText('Field 1 name'), 'ip');
    await userEvent.type(within(row).getByLabelText('Field 1 format'), 'ipv4');
    await userEvent.click(within(row).getByLabelText('Field 1 required'));
    expect(spy).toHaveBeenLastCalledWith({
      type: 'object',
      properties: { ip: { type: 'string', format: 'ipv4' } },
      required: ['ip'],
    });
    await userEvent.selectOptions(within(row).getByLabelText('Field 1 type'), 'array');
    expect(spy).toHaveBeenLastCalledWith({
      type: 'object',
      properties: { ip: { type: 'array', items: { type: 'string' } } },
      required: ['ip'],
    });
  });

  it('when the schema has nested fields then it is edited as raw JSON, applied once it parses', () => {
    const spy = vi.fn();
    const nested = {
      type: 'object',
      properties: { user: { type: 'object', properties: { name: { type: 'string' } } } },
    };
    render(<Stateful initial={nested} spy={spy} />);
    expect(screen.queryByRole('button', { name: 'Add field' })).toBeNull();
    const json = screen.getByLabelText('Input schema (JSON Schema)');
    fireEvent.change(json, { target: { value: '{ "type": "object", ' } });
    expect(screen.getByText(/Not applied:/)).toBeTruthy();
    expect(spy).not.toHaveBeenCalled();
    fireEvent.change(json, { target: { value: '{ "type": "object", "properties": {} }' } });
    expect(spy).toHaveBeenLastCalledWith({ type: 'object', properties: {} });
    expect(screen.getByLabelText('Input schema (JSON Schema)')).toBe(json); // no flip to the list while typing
    fireEvent.click(screen.getByRole('button', { name: 'Edit as JSON' }));
    expect(screen.getByRole('button', { name: 'Add field' })).toBeTruthy();
  });

  it('when read-only then the rows cannot be changed', () => {
    render(
      <TriggerSchemaForm
        value={{ type: 'object', properties: { ip: { type: 'string' } } }}
        onChange={() => {}}
        readOnly
      />,
    );
    expect(screen.getByLabelText('Field 1 name').hasAttribute('readonly')).toBe(true);
    expect((screen.getByLabelText('Field 1 type') as HTMLSelectElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Add field' })).toBeNull();
  });
});
