// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { TokenInfo } from '@autonomic/api';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { AccountPage } from './AccountPage';

const token = (id: string, name: string): TokenInfo => ({
  id,
  name,
  userId: '0190a000-0000-7000-8000-00000000a11c',
  createdAt: '2026-11-20T10:00:00.000Z',
  lastUsedAt: null,
  expiresAt: null,
  revokedAt: null,
});
const CI = token('0190a000-0000-7000-8000-0000000000c1', 'ci');
const LAPTOP = token('0190a000-0000-7000-8000-0000000000c2', 'laptop');

/** The requests the page made: method, URL and body. */
const calls: { method: string; url: string; body: unknown }[] = [];

const fetchStub = vi.fn(async (url: string, init?: { method?: string; body?: string }) => {
  calls.push({ method: init?.method ?? 'GET', url, body: init?.body ? JSON.parse(init.body) : undefined });
  if (url === '/api/auth/password') {
    const body = JSON.stringify({ tokens: [LAPTOP, CI] });
    return { status: 200, ok: true, statusText: 'OK', text: async () => body };
  }
  if (url.startsWith('/api/tokens/')) return { status: 204, ok: true, statusText: 'No Content', text: async () => '' };
  throw new Error(`unexpected call ${url}`);
});

beforeEach(() => {
  vi.stubGlobal('fetch', fetchStub);
});
afterEach(() => {
  cleanup();
  calls.length = 0;
  vi.unstubAllGlobals();
  fetchStub.mockClear();
});

describe('AccountPage', () => {
  test('when the password is changed then the tokens that still work are listed and one click revokes one', async () => {
    render(<AccountPage />);
    fireEvent.change(screen.getByLabelText('Current password'), { target: { value: 'old password' } });
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'a new long passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));

    await screen.findByTestId('token-review');
    expect(calls[0]).toEqual({
      method: 'POST',
      url: '/api/auth/password',
      body: { currentPassword: 'old password', newPassword: 'a new long passphrase' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Revoke laptop' }));

    await waitFor(() => expect(screen.queryByRole('button', { name: 'Revoke laptop' })).toBeNull());
    expect(calls[1]).toMatchObject({ method: 'DELETE', url: `/api/tokens/${LAPTOP.id}` });
    expect(screen.getByRole('button', { name: 'Revoke ci' })).toBeTruthy();
  });
});
