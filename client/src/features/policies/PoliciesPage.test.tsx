// @vitest-environment jsdom
import type { SafetyPolicyView, UserSummary } from '@autonomic/api';
import { DEFAULT_POLICIES } from '@autonomic/workflow';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { useAuth } from '../../auth/store';
import { fakeServer, FakeReply, type FakeRequest } from '../runs/fakeServer';
import { PoliciesPage } from './PoliciesPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  useAuth.setState({ user: null, status: 'loading' });
});

function signIn(role: UserSummary['role']) {
  const user = { id: '0190a1b2-0000-7000-8000-000000000001', username: 'u', displayName: 'U', role } as UserSummary;
  useAuth.setState({ user, status: 'signed-in' });
}

const view = (p: Omit<SafetyPolicyView, 'builtIn' | 'updatedAt' | 'updatedBy'>, builtIn = true): SafetyPolicyView => ({
  ...p,
  builtIn,
  updatedAt: '2026-12-06T09:00:00.000Z',
  updatedBy: null,
});
const custom = view(
  {
    id: 'no-delete-on-prod',
    name: 'No HTTP DELETE outside the lab',
    description: '',
    enabled: true,
    rule: { kind: 'http-hosts', methods: ['DELETE'], allow: ['*.lab.example'] },
  },
  false,
);

/** The policies API over `rows`; PATCH, POST and DELETE answer through `write` (recorded in `requests`). */
function serve(write: (req: FakeRequest) => unknown = () => undefined) {
  const rows = [...DEFAULT_POLICIES.map((p) => view(p)), custom];
  return fakeServer((req) => {
    if (req.method === 'GET' && req.url === '/safety-policies') return { policies: rows };
    return write(req);
  });
}

const renderPage = () =>
  render(
    <MemoryRouter initialEntries={['/admin/policies']}>
      <PoliciesPage />
    </MemoryRouter>,
  );
const writes = (requests: FakeRequest[]) => requests.filter((r) => r.method !== 'GET');

describe('the safety policies page', () => {
  test('when a non-admin opens it then every policy reads in words, and nothing can be changed', async () => {
    signIn('analyst');
    serve();
    renderPage();
    const card = await screen.findByTestId('policy-destructive-guarded');
    expect(within(card).getByTestId('policy-summary-destructive-guarded').textContent).toBe(
      'Every path to a destructive step passes: approval (approved) or condition on safety-lookup.autoOk (true)',
    );
    expect(within(card).getByText('built in')).toBeTruthy();
    expect(screen.getByTestId('admins-only')).toBeTruthy();
    expect(screen.queryByRole('switch')).toBeNull();
    expect(screen.queryByRole('button', { name: /Edit|Delete|Add a policy/ })).toBeNull();
  });

  test('when an admin switches a policy off then a reason is asked first, and the PATCH carries it', async () => {
    signIn('admin');
    const { requests } = serve((req) =>
      req.method === 'PATCH' ? { ...view(DEFAULT_POLICIES[0]!), enabled: false } : undefined,
    );
    renderPage();
    const card = await screen.findByTestId('policy-destructive-guarded');
    await userEvent.click(within(card).getByRole('switch'));
    expect(writes(requests)).toEqual([]);
    const form = within(card).getByRole('form', { name: 'Switch off Destructive actions are approved or auto-OK' });
    const submit = within(form).getByRole('button', { name: 'Switch off' });
    expect((submit as HTMLButtonElement).disabled).toBe(true);

    await userEvent.type(within(form).getByRole('textbox'), 'lab tenant: no approvers on call');
    await userEvent.click(submit);

    expect(await screen.findByRole('status')).toHaveProperty(
      'textContent',
      'Destructive actions are approved or auto-OK is off.',
    );
    expect(writes(requests)).toEqual([
      {
        method: 'PATCH',
        url: '/safety-policies/destructive-guarded',
        body: { enabled: false, reason: 'lab tenant: no approvers on call' },
      },
    ]);
  });

  test('when the server refuses a new policy then its error shows at the field it names', async () => {
    signIn('admin');
    const { requests } = serve((req) => {
      if (req.method === 'POST')
        throw new FakeReply(400, {
          error: {
            code: 'validation_failed',
            message: 'invalid body',
            details: [{ path: 'body.rule.allow.0', message: 'a host name or *.domain' }],
          },
        });
      return undefined;
    });
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Add a policy' }));
    const form = screen.getByRole('form', { name: 'New safety policy' });
    await userEvent.type(within(form).getByLabelText(/^Id/), 'writes-to-lab');
    await userEvent.type(within(form).getByLabelText('Name'), 'Writes go to the lab');
    await userEvent.selectOptions(within(form).getByLabelText('Kind'), 'http-hosts');
    await userEvent.click(within(form).getByRole('button', { name: 'Add to allowed hosts' }));
    await userEvent.type(within(form).getByLabelText('Allowed hosts 1'), 'https://lab');
    await userEvent.click(within(form).getByRole('button', { name: 'Add policy' }));

    const message = await within(form).findByTestId('field-error-body.rule.allow.0');
    expect(message.textContent).toBe('a host name or *.domain');
    const input = within(form).getByLabelText('Allowed hosts 1');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe(message.id);
    expect(writes(requests).map((r) => r.body)).toEqual([
      {
        id: 'writes-to-lab',
        name: 'Writes go to the lab',
        description: '',
        rule: { kind: 'http-hosts', methods: ['POST', 'PUT', 'PATCH', 'DELETE'], allow: ['https://lab'] },
      },
    ]);
  });

  test('when the rule is edited as JSON then bad JSON is refused at the rule and good JSON is sent as the rule', async () => {
    signIn('admin');
    const { requests } = serve((req) => {
      if (req.method === 'POST')
        throw new FakeReply(409, {
          error: { code: 'policy_exists', message: 'a safety policy "lab-only" already exists', details: [] },
        });
      return undefined;
    });
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Add a policy' }));
    const form = screen.getByRole('form', { name: 'New safety policy' });
    await userEvent.type(within(form).getByLabelText(/^Id/), 'lab-only');
    await userEvent.type(within(form).getByLabelText('Name'), 'Lab only');
    await userEvent.click(within(form).getByRole('button', { name: 'Edit the rule as JSON' }));
    const text = within(form).getByLabelText('Rule (JSON)');
    await userEvent.clear(text);
    await userEvent.paste('{"kind": "http-hosts"');
    await userEvent.click(within(form).getByRole('button', { name: 'Add policy' }));
    expect(within(form).getByTestId('field-error-body.rule').textContent).toMatch(/^not JSON/);
    expect(writes(requests)).toEqual([]);

    await userEvent.clear(text);
    await userEvent.paste('{"kind": "http-hosts", "methods": ["DELETE"], "allow": ["*.lab.example"]}');
    await userEvent.click(within(form).getByRole('button', { name: 'Add policy' }));

    expect((await within(form).findByTestId('field-error-body.id')).textContent).toBe(
      'a safety policy "lab-only" already exists',
    );
    expect(writes(requests).map((r) => r.body)).toEqual([
      {
        id: 'lab-only',
        name: 'Lab only',
        description: '',
        rule: { kind: 'http-hosts', methods: ['DELETE'], allow: ['*.lab.example'] },
      },
    ]);
  });

  test('when an admin edits a guard then the change goes with its reason', async () => {
    signIn('admin');
    const { requests } = serve((req) => (req.method === 'PATCH' ? view(DEFAULT_POLICIES[0]!) : undefined));
    renderPage();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit Destructive actions are approved or auto-OK' }),
    );
    const form = screen.getByRole('form', { name: 'Edit Destructive actions are approved or auto-OK' });
    const save = within(form).getByRole('button', { name: 'Save' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(within(form).getByRole('button', { name: 'Remove guard 2' }));
    await userEvent.type(within(form).getByLabelText(/Why this change/), 'auto-OK is not trusted yet');
    await userEvent.click(save);

    await screen.findByText('Saved Destructive actions are approved or auto-OK.');
    const [patch] = writes(requests);
    expect(patch?.url).toBe('/safety-policies/destructive-guarded');
    expect(patch?.body).toMatchObject({
      reason: 'auto-OK is not trusted yet',
      rule: {
        kind: 'guarded',
        steps: { effects: ['destructive'] },
        guards: [{ type: 'approval', ports: ['approved'] }],
      },
    });
  });

  test('when an admin deletes then only an added policy offers it, and nothing is sent until confirmed', async () => {
    signIn('admin');
    const { requests } = serve();
    renderPage();
    await screen.findByTestId('policy-no-delete-on-prod');
    expect(screen.queryByRole('button', { name: 'Delete Destructive actions are approved or auto-OK' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Delete No HTTP DELETE outside the lab' }));
    expect(writes(requests)).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    await screen.findByText('Deleted No HTTP DELETE outside the lab.');
    expect(writes(requests)).toEqual([
      { method: 'DELETE', url: '/safety-policies/no-delete-on-prod', body: undefined },
    ]);
  });
});
