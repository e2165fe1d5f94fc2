// @vitest-environment jsdom
import type { TemplateSummary, UserSummary } from '@autonomic/api';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { useAuth } from '../../auth/store';
import { fakeServer, FakeReply } from '../runs/fakeServer';
import { TemplatesPage } from './TemplatesPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  useAuth.setState({ user: null, status: 'loading' });
});

const WF = '0190a000-0000-7000-8000-000000000001';
const ransomware: TemplateSummary = {
  id: 'ransomware-host-isolation',
  title: 'Ransomware host isolation',
  description: 'A Defender ransomware alert → a reviewer approves → network isolation → Slack.',
  category: 'containment',
  cases: 7,
  destructiveSteps: 1,
  connectors: [
    {
      id: 'microsoft-defender-endpoint',
      title: 'Microsoft Defender for Endpoint',
      why: 'Isolates the machine',
      installed: true,
      credential: false,
    },
    { id: 'slack', title: 'Slack', why: 'Tells the SOC', installed: true, credential: true },
    { id: 'servicenow', title: 'servicenow', why: 'Opens the incident', installed: false, credential: false },
  ],
};
const vulns: TemplateSummary = {
  ...ransomware,
  id: 'vulnerability-triage-ticketing',
  title: 'Vulnerability triage with ticketing',
  category: 'vulnerability',
  destructiveSteps: 0,
  connectors: [{ id: 'jira', title: 'Jira', why: 'Opens the issue', installed: true, credential: true }],
};

function open(role: UserSummary['role'], onUse: () => unknown = () => ({})) {
  const user = { id: '0190a000-0000-7000-8000-00000000a11c', username: 'alice', displayName: 'Alice', role };
  useAuth.setState({ user: user as UserSummary, status: 'signed-in' });
  const server = fakeServer((req) => {
    if (req.method === 'GET' && req.url === '/templates') return { templates: [ransomware, vulns] };
    if (req.method === 'POST' && req.url === `/templates/${ransomware.id}/instantiate`) return onUse();
    throw new FakeReply(404, { error: { code: 'not_found', message: 'no such route' } });
  });
  render(
    <MemoryRouter initialEntries={['/workflows/templates']}>
      <Routes>
        <Route path="/workflows/templates" element={<TemplatesPage />} />
        <Route path="/workflows/:id/versions/:number" element={<p>editor on the draft</p>} />
      </Routes>
    </MemoryRouter>,
  );
  return server;
}

describe('TemplatesPage', () => {
  test('when the library loads then each card shows its title, description and each connector it needs: ready, without a credential, or not installed', async () => {
    open('analyst');

    const card = within(await screen.findByTestId('template-ransomware-host-isolation'));
    expect(card.getByRole('heading', { name: 'Ransomware host isolation' })).toBeTruthy();
    expect(card.getByText(/a reviewer approves → network isolation/)).toBeTruthy();
    expect(card.getByText(/7 test cases · 1 step that changes another system/)).toBeTruthy();
    expect(card.getByTestId('needs-slack').textContent).toBe('Slack: Tells the SOC. ready');
    expect(card.getByTestId('needs-microsoft-defender-endpoint').textContent).toContain(
      'installed, no credential yet: ask an admin',
    );
    expect(card.getByTestId('needs-servicenow').textContent).toContain('not installed here: ask an admin');
    expect(
      within(screen.getByTestId('template-vulnerability-triage-ticketing')).getByText(/changes nothing/),
    ).toBeTruthy();
  });

  test('when an analyst uses a template then the draft is created and the editor opens on it', async () => {
    const server = open('analyst', () => ({
      workflowId: WF,
      slug: 'ransomware-host-isolation',
      version: { id: '0190a000-0000-7000-8000-0000000000f1', number: 1 },
      problems: [],
    }));
    const card = within(await screen.findByTestId('template-ransomware-host-isolation'));

    await userEvent.setup().click(card.getByRole('button', { name: 'Use this template' }));

    expect(await screen.findByText('editor on the draft')).toBeTruthy();
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual([
      '/templates/ransomware-host-isolation/instantiate',
    ]);
  });

  test('when the server refuses then its message is shown in the card and the button works again', async () => {
    open('analyst', () => {
      throw new FakeReply(404, { error: { code: 'not_found', message: 'the template "x" not found' } });
    });
    const card = within(await screen.findByTestId('template-ransomware-host-isolation'));

    await userEvent.setup().click(card.getByRole('button', { name: 'Use this template' }));

    expect((await card.findByRole('alert')).textContent).toBe('the template "x" not found');
    expect(card.getByRole('button', { name: 'Use this template' })).toHaveProperty('disabled', false);
  });

  test('when a reviewer looks then the cards show but no button creates a workflow, and the page says who can', async () => {
    open('reviewer');

    await screen.findByTestId('template-ransomware-host-isolation');
    expect(screen.queryByRole('button', { name: 'Use this template' })).toBeNull();
    expect(screen.getByText(/Only analysts and admins create workflows/)).toBeTruthy();
  });
});
