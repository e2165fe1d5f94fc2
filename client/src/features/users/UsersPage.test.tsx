// @vitest-environment jsdom
import type { UserAccount } from '@autonomic/api';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { fakeServer, FakeReply, type FakeRequest } from '../runs/fakeServer';
import { ME, refusingPosts, renderAt, resetAfterEach, signIn as signInAs, writes } from '../shared/testing';
import { UsersPage } from './UsersPage';

resetAfterEach();

const signIn = (role: UserAccount['role']) => signInAs(role, 'root');
let n = 1;
const account = (over: Partial<UserAccount>): UserAccount => ({
  id: `0190a1b2-0000-7000-8000-${String((n += 1)).padStart(12, '0')}`,
  username: `user${n}`,
  displayName: `User ${n}`,
  role: 'analyst',
  disabled: false,
  createdAt: '2026-12-01T10:00:00.000Z',
  ...over,
});

/** GET /users answers `rows`; PATCH applies to them; the rest goes to `other`. */
function serve(rows: UserAccount[], other: (req: FakeRequest) => unknown = () => undefined) {
  return fakeServer((req) => {
    if (req.method === 'GET' && req.url === '/users') return { users: rows };
    if (req.method === 'PATCH') {
      const i = rows.findIndex((u) => req.url === `/users/${u.id}`);
      const { password: _p, ...patch } = req.body as Partial<UserAccount> & { password?: string };
      rows[i] = { ...rows[i]!, ...patch };
      return rows[i];
    }
    return other(req);
  });
}
const renderPage = () => renderAt('/admin/users', <UsersPage />);

describe('the users page', () => {
  test('when a non-admin opens it then nothing is asked of the server and the page says who manages users', async () => {
    signIn('manager');
    const { requests } = serve([]);
    renderPage();
    expect(screen.getByRole('note').textContent).toBe('Only admins manage users and roles.');
    expect(requests).toEqual([]);
  });

  test('when an admin opens it then each account shows its role and state, and their own row explains why it cannot be disabled or demoted', async () => {
    signIn('admin');
    serve([
      account({ id: ME, username: 'root', displayName: 'Root', role: 'admin' }),
      account({ username: 'bob', displayName: 'Bob Reviewer', role: 'reviewer', disabled: true }),
    ]);
    renderPage();

    const bob = await screen.findByTestId('user-bob');
    expect(
      within(bob)
        .getAllByRole('cell')
        .slice(0, 5)
        .map((c) => (c.querySelector('select') as HTMLSelectElement | null)?.value ?? c.textContent),
    ).toEqual(['bob', 'Bob Reviewer', 'reviewer', 'disabled', '2026-12-01']);
    expect(within(bob).getByRole('button', { name: 'Enable bob' })).toBeTruthy();
    const root = screen.getByTestId('user-root');
    expect((within(root).getByLabelText('Role of root') as HTMLSelectElement).disabled).toBe(true);
    expect(within(root).queryByRole('button', { name: /Disable|Reset/ })).toBeNull();
    expect(within(root).getByTestId('self-note').textContent).toContain('You cannot change your own role');
  });

  test('when an admin creates a user with a generated password then it is sent and shown once, gone after Done', async () => {
    signIn('admin');
    const rows: UserAccount[] = [];
    const { requests } = serve(rows, (req) => {
      if (req.method !== 'POST') return undefined;
      const { password: _p, ...body } = req.body as UserAccount & { password: string };
      const created = account(body);
      rows.push(created);
      return created;
    });
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'New user' }));
    const form = screen.getByRole('form', { name: 'New user' });
    await userEvent.type(within(form).getByLabelText('Username'), 'mallory');
    await userEvent.type(within(form).getByLabelText('Display name'), 'Mallory Analyst');
    await userEvent.selectOptions(within(form).getByLabelText('Role'), 'reviewer');
    await userEvent.click(within(form).getByRole('button', { name: 'Generate a password' }));
    const password = (within(form).getByLabelText('Initial password') as HTMLInputElement).value;
    expect(password).toMatch(/^[A-Za-z2-9]{20}$/);
    await userEvent.click(within(form).getByRole('button', { name: 'Create user' }));

    await screen.findByText('Created mallory (reviewer).');
    expect(writes(requests)).toEqual([
      {
        method: 'POST',
        url: '/users',
        body: { username: 'mallory', displayName: 'Mallory Analyst', role: 'reviewer', password },
      },
    ]);
    expect(screen.getByTestId('one-time-secret').textContent).toBe(password);
    expect(await screen.findByTestId('user-mallory')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByText(password)).toBeNull();
  });

  test('when the server refuses the username and the password then each message shows at its field', async () => {
    signIn('admin');
    serve(
      [],
      refusingPosts([
        { path: 'body.username', message: 'use 2–40 lower-case letters, digits, ".", "_" or "-"' },
        { path: 'body.password', message: 'use at least 12 characters' },
      ]),
    );
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'New user' }));
    const form = screen.getByRole('form', { name: 'New user' });
    await userEvent.type(within(form).getByLabelText('Username'), 'Mallory!');
    await userEvent.type(within(form).getByLabelText('Display name'), 'M');
    await userEvent.type(within(form).getByLabelText('Initial password'), 'short');
    await userEvent.click(within(form).getByRole('button', { name: 'Create user' }));

    expect((await screen.findByTestId('field-error-body.password')).textContent).toBe('use at least 12 characters');
    expect(within(form).getByLabelText('Username').getAttribute('aria-invalid')).toBe('true');
    expect(form.textContent).not.toMatch(/body\.|validation_failed/);
  });

  test('when an admin changes a role then only Save sends it; disabling waits for a confirmation', async () => {
    signIn('admin');
    const alice = account({ username: 'alice', role: 'analyst' });
    const { requests } = serve([alice]);
    renderPage();
    const row = await screen.findByTestId('user-alice');

    await userEvent.selectOptions(within(row).getByLabelText('Role of alice'), 'reviewer');
    expect(writes(requests)).toEqual([]);
    await userEvent.click(within(row).getByRole('button', { name: 'Save role' }));
    await screen.findByText('alice is now reviewer.');

    await userEvent.click(within(screen.getByTestId('user-alice')).getByRole('button', { name: 'Disable alice' }));
    expect(writes(requests)).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'Yes, disable' }));
    await screen.findByText('alice is disabled.');
    expect(writes(requests)).toEqual([
      { method: 'PATCH', url: `/users/${alice.id}`, body: { role: 'reviewer' } },
      { method: 'PATCH', url: `/users/${alice.id}`, body: { disabled: true } },
    ]);
  });

  test('when an admin resets a password after confirming then a generated one is sent and shown once', async () => {
    signIn('admin');
    const alice = account({ username: 'alice' });
    const { requests } = serve([alice]);
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Reset password of alice' }));
    expect(writes(requests)).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Yes, reset' }));

    await screen.findByText('Reset the password of alice.');
    const sent = writes(requests)[0]?.body as { password: string };
    expect(sent.password).toMatch(/^[A-Za-z2-9]{20}$/);
    expect(screen.getByRole('region', { name: 'New password for alice' })).toBeTruthy();
    expect(screen.getByTestId('one-time-secret').textContent).toBe(sent.password);
  });

  test('when the server refuses a change (the last admin) then its words are shown', async () => {
    signIn('admin');
    const other = account({ username: 'ops', role: 'admin' });
    fakeServer((req) => {
      if (req.method === 'GET') return { users: [other] };
      throw new FakeReply(409, {
        error: { code: 'last_admin', message: 'the last enabled admin cannot be disabled or demoted' },
      });
    });
    renderPage();
    const row = await screen.findByTestId('user-ops');
    await userEvent.selectOptions(within(row).getByLabelText('Role of ops'), 'analyst');
    await userEvent.click(within(row).getByRole('button', { name: 'Save role' }));

    expect((await screen.findByRole('alert')).textContent).toBe('the last enabled admin cannot be disabled or demoted');
  });
});
