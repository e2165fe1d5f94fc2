// @vitest-environment jsdom
import type { TokenInfo } from '@autonomic/api';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { fakeServer, FakeReply, type FakeRequest } from '../runs/fakeServer';
import { TokensPage } from './TokensPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

let n = 0;
const token = (over: Partial<TokenInfo>): TokenInfo => ({
  id: `0190a1b2-0000-7000-8000-${String((n += 1)).padStart(12, '0')}`,
  name: `token ${n}`,
  userId: '0190a1b2-0000-7000-8000-000000000001',
  createdAt: '2026-12-01T10:00:00.000Z',
  lastUsedAt: null,
  expiresAt: null,
  revokedAt: null,
  ...over,
});
const renderPage = (all = false) =>
  render(
    <MemoryRouter initialEntries={[all ? '/admin/tokens' : '/account/tokens']}>
      <TokensPage all={all} />
    </MemoryRouter>,
  );
const writes = (requests: FakeRequest[]) => requests.filter((r) => r.method !== 'GET');

describe('the API tokens page', () => {
  test('when it opens then each token shows when it was created, last used and expires, and never a secret', async () => {
    fakeServer(() => ({
      tokens: [
        token({ name: 'cli', lastUsedAt: '2026-12-05T08:00:00.000Z', expiresAt: '2027-03-01T00:00:00.000Z' }),
        token({ name: 'old', revokedAt: '2026-12-02T00:00:00.000Z' }),
      ],
    }));
    renderPage();

    const cli = await screen.findByTestId('token-cli');
    expect(
      within(cli)
        .getAllByRole('cell')
        .slice(0, 5)
        .map((c) => c.textContent),
    ).toEqual(['cli', '2026-12-01', '2026-12-05', '2027-03-01', 'active']);
    expect(within(screen.getByTestId('token-old')).queryByRole('button')).toBeNull();
    expect(screen.getByTestId('token-old').textContent).toContain('revoked 2026-12-02');
  });

  test('when a token is created then the name and expiry are sent and the token is shown once, gone after Done', async () => {
    const rows: TokenInfo[] = [];
    const { requests } = fakeServer((req) => {
      if (req.method === 'GET') return { tokens: rows };
      const t = token({ name: (req.body as { name: string }).name });
      rows.push(t);
      return { ...t, token: 'atk_secret_value_123' };
    });
    renderPage();
    await screen.findByText('You have no API tokens.');
    await userEvent.type(screen.getByLabelText('Name'), 'ci pipeline');
    await userEvent.selectOptions(screen.getByLabelText('Expires after'), '30');
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));

    expect((await screen.findByTestId('one-time-secret')).textContent).toBe('atk_secret_value_123');
    expect(writes(requests)).toEqual([
      { method: 'POST', url: '/tokens', body: { name: 'ci pipeline', expiresInDays: 30 } },
    ]);
    expect(await screen.findByTestId('token-ci pipeline')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByText('atk_secret_value_123')).toBeNull();
  });

  test('when the name is refused then the message shows at the name, without a field path', async () => {
    fakeServer((req) => {
      if (req.method === 'GET') return { tokens: [] };
      throw new FakeReply(400, {
        error: {
          code: 'validation_failed',
          message: 'invalid request',
          details: [{ path: 'body.name', message: 'a name is required' }],
        },
      });
    });
    renderPage();
    await screen.findByText('You have no API tokens.');
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));

    expect((await screen.findByTestId('field-error-body.name')).textContent).toBe('a name is required');
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    expect(document.body.textContent).not.toMatch(/body\.name|validation_failed/);
  });

  test('when a token is revoked then nothing is sent until confirmed', async () => {
    const t = token({ name: 'cli' });
    const { requests } = fakeServer((req) => (req.method === 'GET' ? { tokens: [t] } : undefined));
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Revoke cli' }));
    expect(writes(requests)).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Keep' }));
    await userEvent.click(screen.getByRole('button', { name: 'Revoke cli' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, revoke' }));

    await screen.findByText('Revoked cli.');
    expect(writes(requests)).toEqual([{ method: 'DELETE', url: `/tokens/${t.id}`, body: undefined }]);
  });

  test("when an admin opens everyone's tokens then each row names its owner, and revoking one is sent for that token", async () => {
    const t = token({ name: 'laptop' });
    const { requests } = fakeServer((req) =>
      req.method === 'GET' ? { tokens: [{ ...t, owner: 'alice' }] } : undefined,
    );
    renderPage(true);

    const row = await screen.findByTestId('token-laptop');
    expect(within(row).getAllByRole('cell')[1]?.textContent).toBe('alice');
    expect(screen.getByRole('columnheader', { name: 'Owner' })).toBeTruthy();
    expect(requests[0]?.url).toBe('/tokens/all');
    await userEvent.click(within(row).getByRole('button', { name: 'Revoke laptop' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, revoke' }));
    await screen.findByText('Revoked laptop.');
    expect(writes(requests)).toEqual([{ method: 'DELETE', url: `/tokens/${t.id}`, body: undefined }]);
  });
});
