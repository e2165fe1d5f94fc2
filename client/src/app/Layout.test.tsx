// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { Role } from '@autonomic/api';
import { afterEach, describe, expect, test } from 'vitest';
import { useAuth } from '../auth/store';
import { Layout } from './Layout';

function renderAs(role: Role, path = '/runs') {
  useAuth.setState({
    status: 'signed-in',
    user: { id: '0190a1b2-0000-7000-8000-000000000001', username: role, displayName: `Pat ${role}`, role },
  });
  return render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route element={<Layout />}>
          <Route path="*" element={<h1>Page body</h1>} />
        </Route>
      </Routes>
    </MemoryRouter>,
  );
}

afterEach(cleanup);

describe('the app shell', () => {
  test('when a keyboard user tabs in then the skip link comes first and moves the focus to main', async () => {
    renderAs('analyst');
    const user = userEvent.setup();
    await user.tab();
    const skip = screen.getByRole('link', { name: 'Skip to main content' });
    expect(document.activeElement).toBe(skip);
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByRole('main'));
    expect(screen.getByRole('main').id).toBe('main');
  });

  test('when an admin opens the Admin menu then its links show, arrows walk them, and Escape closes it and refocuses the button', async () => {
    renderAs('admin');
    const user = userEvent.setup();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const button = screen.getByRole('button', { name: /^Admin/ });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('link', { name: 'Safety lists' })).toBeNull();
    await user.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('link', { name: 'Safety lists' })).toBeTruthy();
    expect(nav.contains(screen.getByRole('link', { name: 'Users and roles' }))).toBe(true);
    await user.keyboard('{ArrowDown}');
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByRole('link', { name: 'Safety policies' }));
    await user.keyboard('{Escape}');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button);
    expect(screen.queryByRole('link', { name: 'Safety lists' })).toBeNull();
  });

  test('when an analyst looks at the bar then the daily pages are inline and admin pages are not offered', async () => {
    renderAs('analyst');
    const user = userEvent.setup();
    for (const name of ['Workflows', 'Reviews', 'Runs', 'Approvals', 'Dashboard', 'Connectors']) {
      expect(screen.getByRole('link', { name })).toBeTruthy();
    }
    await user.click(screen.getByRole('button', { name: /^More pages/ }));
    expect(screen.getByRole('link', { name: 'Safety policies' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Safety lists' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Users and roles' })).toBeNull();
  });

  test('when the focus tabs out of an open menu then the menu closes', async () => {
    renderAs('analyst');
    const user = userEvent.setup();
    const more = screen.getByRole('button', { name: /^More pages/ });
    await user.click(more);
    await user.tab(); // Safety policies
    await user.tab(); // Assets
    expect(more.getAttribute('aria-expanded')).toBe('true');
    await user.tab(); // the account menu's button
    expect(document.activeElement).toBe(screen.getByTestId('current-user'));
    expect(more.getAttribute('aria-expanded')).toBe('false');
  });

  test('when the account menu is opened then it offers the account, API tokens and sign out; following a link closes it', async () => {
    renderAs('reviewer');
    const user = userEvent.setup();
    const account = screen.getByTestId('current-user');
    expect(account.textContent).toContain('Pat reviewer · reviewer');
    await user.click(account);
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
    await user.click(screen.getByRole('link', { name: 'API tokens' }));
    expect(account.getAttribute('aria-expanded')).toBe('false');
    expect(document.title).toBe('API tokens — Autonomic');
  });
});
