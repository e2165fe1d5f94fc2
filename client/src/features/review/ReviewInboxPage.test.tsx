// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { useAuth, type User } from '../../auth/store';
import { ReviewInboxPage } from './ReviewInboxPage';

const alice: User = {
  id: '0190a000-0000-7000-8000-00000000a11c',
  username: 'alice',
  displayName: 'Alice',
  role: 'analyst',
};
const bob: User = { id: '0190a000-0000-7000-8000-000000000b0b', username: 'bob', displayName: 'Bob', role: 'reviewer' };

let urls: string[] = [];

function renderAs(user: User, entry = '/reviews') {
  useAuth.setState({ user, status: 'signed-in' });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      urls.push(url);
      return new Response(JSON.stringify({ reviews: [] }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  render(
    <MemoryRouter initialEntries={[entry]}>
      <Routes>
        <Route path="/reviews" element={<ReviewInboxPage />} />
      </Routes>
    </MemoryRouter>,
  );
}

afterEach(() => {
  cleanup();
  urls = [];
  vi.unstubAllGlobals();
});

describe('ReviewInboxPage', () => {
  test('when an analyst opens the reviews then "My requests" of every status is the view, so changes requested show', async () => {
    renderAs(alice);

    await screen.findByText('You have no review requests with this status.');
    expect(screen.getByTestId('tab-requested').getAttribute('aria-selected')).toBe('true');
    expect((screen.getByTestId('review-status-filter') as HTMLSelectElement).value).toBe('all');
    expect(urls).toEqual(['/api/reviews?mine=requested&status=all']);
  });

  test('when a reviewer opens the reviews then the open ones assigned to them are the view', async () => {
    renderAs(bob);

    await screen.findByText('Nothing to review.');
    expect(screen.getByTestId('tab-assigned').getAttribute('aria-selected')).toBe('true');
    expect(urls).toEqual(['/api/reviews?mine=assigned&status=open']);
  });

  test('when an analyst follows a link to the assigned view then the link wins', async () => {
    renderAs(alice, '/reviews?mine=assigned');

    await screen.findByText('Nothing to review.');
    expect(urls).toEqual(['/api/reviews?mine=assigned&status=open']);
  });
});
