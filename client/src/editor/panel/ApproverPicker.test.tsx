// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeServer } from '../../features/runs/fakeServer';
import { ApproverPicker, approverListOf, resetDirectoryCache } from './ApproverPicker';

const bob = { id: '0190a1b2-0000-7000-8000-0000000000e2', username: 'bob', displayName: 'Bob', role: 'reviewer' };
const carol = { id: '0190a1b2-0000-7000-8000-0000000000e3', username: 'carol', displayName: 'Carol', role: 'admin' };

beforeEach(() => {
  resetDirectoryCache();
  fakeServer((req) => {
    if (req.url === '/users/directory') return { users: [bob, carol] };
    throw new Error(`unexpected ${req.url}`);
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const field = { schema: {}, label: 'Users', required: false, name: 'users' };

describe('ApproverPicker', () => {
  test('when the approvers name bobb then the directory users are offered and bobb is listed as unknown; ticking carol adds her', async () => {
    const onChange = vi.fn();
    render(
      <ApproverPicker
        {...field}
        list="users"
        value={['bob', 'bobb']}
        path={['approvers', 'users']}
        onChange={onChange}
      />,
    );
    const bobBox = await screen.findByRole('checkbox', { name: 'Bob (bob)' });
    expect((bobBox as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'bobb (unknown)' }) as HTMLInputElement).checked).toBe(true);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Carol (carol)' }));
    expect(onChange).toHaveBeenLastCalledWith(['bob', 'bobb', 'carol']);
    await userEvent.click(screen.getByRole('checkbox', { name: 'bobb (unknown)' }));
    expect(onChange).toHaveBeenLastCalledWith(['bob']);
  });

  test('when roles are picked then every role is offered', async () => {
    const onChange = vi.fn();
    render(
      <ApproverPicker
        {...field}
        name="roles"
        list="roles"
        value={['reviewer']}
        path={['approvers', 'roles']}
        onChange={onChange}
      />,
    );
    expect(screen.getAllByRole('checkbox').map((c) => c.parentElement?.textContent)).toEqual([
      'analyst',
      'reviewer',
      'manager',
      'admin',
    ]);
    await userEvent.click(screen.getByRole('checkbox', { name: 'admin' }));
    expect(onChange).toHaveBeenLastCalledWith(['reviewer', 'admin']);
  });

  test.each([
    ['users', ['params', 'approvers', 'users'], 'users'],
    ['roles', ['params', 'escalation', 0, 'approvers', 'roles'], 'roles'],
    ['users', ['params', 'input', 'users'], undefined],
    ['quorum', ['params', 'approvers', 'quorum'], undefined],
  ] as const)('when the field is %s at %j then the picker is %s', (name, path, expected) => {
    expect(approverListOf(name, [...path])).toBe(expected);
  });
});

describe('ApproverPicker: a long directory', () => {
  const people = Array.from({ length: 12 }, (_, i) => ({
    id: `0190a1b2-0000-7000-8000-0000000001${String(i).padStart(2, '0')}`,
    username: `user${i}`,
    displayName: i === 7 ? 'Dana Scully' : `Person ${i}`,
    role: 'reviewer',
  }));

  test('when the directory is long then a search narrows it by name, and ticked people stay shown', async () => {
    fakeServer((req) => {
      if (req.url === '/users/directory') return { users: people };
      throw new Error(`unexpected ${req.url}`);
    });
    const onChange = vi.fn();
    render(
      <ApproverPicker
        {...field}
        list="users"
        value={['user2']}
        path={['escalation', 0, 'approvers', 'users']}
        onChange={onChange}
      />,
    );
    await userEvent.type(await screen.findByRole('searchbox', { name: 'Search users by name' }), 'scul');
    expect(screen.getAllByRole('checkbox').map((c) => c.parentElement?.textContent)).toEqual([
      'Person 2 (user2)',
      'Dana Scully (user7)',
    ]);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Dana Scully (user7)' }));
    expect(onChange).toHaveBeenLastCalledWith(['user2', 'user7']);
  });

  test('when the directory cannot be loaded then it says so and the named users stay listed', async () => {
    fakeServer(() => {
      throw new Error('down');
    });
    render(<ApproverPicker {...field} list="users" value={['bob']} path={['approvers', 'users']} onChange={vi.fn()} />);
    expect((await screen.findByRole('status')).textContent).toMatch(/could not be loaded/);
    expect((screen.getByRole('checkbox', { name: 'bob' }) as HTMLInputElement).checked).toBe(true);
  });
});
