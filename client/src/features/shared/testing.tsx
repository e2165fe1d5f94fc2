/**
 * Tests only: the set-up the admin list pages' tests share (assets, safety lists, users):
 * a signed-in user of a role, cleanup after each test, an asset fixture, the writes a page
 * sent, rendering a page at its URL and importing a pasted CSV.
 */
import type { Asset, UserSummary } from '@autonomic/api';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, vi } from 'vitest';
import { useAuth } from '../../auth/store';
import { FakeReply, type FakeRequest } from '../runs/fakeServer';

export const ME = '0190a1b2-0000-7000-8000-000000000001';

/** After each test of the file: unmounted, `fetch` restored, nobody signed in. */
export function resetAfterEach(): void {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    useAuth.setState({ user: null, status: 'loading' });
  });
}

export function signIn(role: UserSummary['role'], name = 'u'): void {
  const displayName = name.charAt(0).toUpperCase() + name.slice(1);
  useAuth.setState({ user: { id: ME, username: name, displayName, role }, status: 'signed-in' });
}

let n = 0;
/** A fresh UUID-shaped id, different each call. */
export const nextId = () => `0190a1b2-0000-7000-8000-${String((n += 1)).padStart(12, '0')}`;

/** An asset of the inventory (an IP of medium criticality unless `over` says otherwise). */
export function assetFixture(over: Partial<Asset>): Asset {
  const id = nextId();
  return {
    id,
    kind: 'ip',
    value: `10.0.0.${Number(id.slice(-4))}`,
    criticality: 'medium',
    owner: null,
    businessService: null,
    tags: [],
    createdById: ME,
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    ...over,
  };
}

/** The requests that change something (everything but GET). */
export const writes = (requests: FakeRequest[]) => requests.filter((r) => r.method !== 'GET');

export const renderAt = (url: string, page: ReactNode) =>
  render(<MemoryRouter initialEntries={[url]}>{page}</MemoryRouter>);

/** Opens the import panel, pastes `csv` and presses Import; answers the panel (a form named `formName`). */
export async function importPasted(formName: string, csv: string): Promise<HTMLElement> {
  await userEvent.click(screen.getByRole('button', { name: 'Import CSV' }));
  const form = screen.getByRole('form', { name: formName });
  await userEvent.click(within(form).getByLabelText('Or paste the CSV'));
  await userEvent.paste(csv);
  await userEvent.click(within(form).getByRole('button', { name: 'Import' }));
  return form;
}

/** Fills a form's fields by their labels, in order: text is typed, `{ pick }` chooses an option. */
export async function fill(form: HTMLElement, fields: Record<string, string | { pick: string }>): Promise<void> {
  for (const [label, value] of Object.entries(fields)) {
    const field = within(form).getByLabelText(label);
    if (typeof value === 'string') await userEvent.type(field, value);
    else await userEvent.selectOptions(field, value.pick);
  }
}

/** A fake server's handler that refuses every POST as the API refuses bad fields: 400 naming each. */
export const refusingPosts =
  (details: { path: string; message: string }[]) =>
  (req: FakeRequest): undefined => {
    if (req.method !== 'POST') return undefined;
    const message = details[0]?.message ?? 'refused';
    throw new FakeReply(400, { error: { code: 'validation_failed', message, details } });
  };

/** Deletes a row the way a person does: Delete, then "Yes, delete" (the row asks first). */
export async function confirmDelete(name: string): Promise<void> {
  await userEvent.click(screen.getByRole('button', { name: `Delete ${name}` }));
  await userEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
}

/** The text of each cell of the row with this test id, once it is drawn. */
export async function cellsOf(testId: string): Promise<(string | null)[]> {
  const row = await screen.findByTestId(testId);
  return within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent);
}
