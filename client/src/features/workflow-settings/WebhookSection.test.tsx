// @vitest-environment jsdom
import type { UserSummary, WebhookSecretIssued } from '@autonomic/api';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { useAuth } from '../../auth/store';
import { alice, RUN, settingsServer, WF } from './testing';
import { WorkflowSettingsPage } from './WorkflowSettingsPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  useAuth.setState({ user: null, status: 'loading' });
});

const issued: WebhookSecretIssued = {
  url: `http://localhost/api/hooks/${WF}`,
  secret: 'whsec_shown_once',
  headers: { timestamp: 'x-autonomic-timestamp', signature: 'x-autonomic-signature', delivery: 'x-autonomic-delivery' },
  example: "secret='whsec_shown_once'\ncurl …",
};

function open() {
  useAuth.setState({ user: { ...alice, role: 'analyst' } as UserSummary, status: 'signed-in' });
  render(
    <MemoryRouter initialEntries={[`/workflows/${WF}/settings`]}>
      <Routes>
        <Route path="/workflows/:id/settings" element={<WorkflowSettingsPage />} />
        <Route path="/runs/:id" element={<p>the run page</p>} />
      </Routes>
    </MemoryRouter>,
  );
}

describe('the webhook section', () => {
  test('when the owner generates a secret then it and the curl example show once, with copy buttons, and Done forgets them', async () => {
    const { world } = settingsServer({
      write: (req) => {
        if (req.url === `/workflows/${WF}/webhook-secret` && req.method === 'POST') {
          world.webhook = { ...world.webhook, configured: true };
          return issued;
        }
        throw new Error(`unexpected ${req.method} ${req.url}`);
      },
    });
    open();
    await userEvent.click(await screen.findByRole('button', { name: 'Generate secret' }));

    const panel = await screen.findByRole('region', { name: 'New webhook secret' });
    expect(within(panel).getByTestId('webhook-secret').textContent).toBe('whsec_shown_once');
    expect(within(panel).getByTestId('curl-example').textContent).toBe(issued.example);
    expect(within(panel).getByRole('button', { name: 'Copy secret' })).toBeTruthy();
    expect(within(panel).getByRole('button', { name: 'Copy curl example' })).toBeTruthy();
    expect(await screen.findByText('A secret is set (it is never shown again).')).toBeTruthy();

    await userEvent.click(within(panel).getByRole('button', { name: 'Done' }));
    expect(document.body.textContent).not.toContain('whsec_shown_once');
  });

  test('when the owner rotates the secret then a confirmation warns that senders of the old one break, and Cancel sends nothing', async () => {
    const { requests } = settingsServer({ webhook: { url: 'http://localhost/api/hooks/x', configured: true } });
    open();
    await userEvent.click(await screen.findByRole('button', { name: 'Rotate secret' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Confirm' });
    expect(dialog.textContent).toContain('senders still using it are refused');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  test('when the owner fills in the test event on the form made from the trigger schema then it is posted and the run it started is linked', async () => {
    const { requests } = settingsServer({
      webhook: { url: 'http://localhost/api/hooks/x', configured: true },
      trigger: {
        triggerType: 'trigger.webhook',
        exampleEvent: { ip: '203.0.113.7' },
        inputSchema: { type: 'object', required: ['ip'], properties: { ip: { type: 'string', title: 'Source IP' } } },
        schedule: null,
      },
      write: () => ({ runId: RUN, deduplicated: false, event: { ip: '198.51.100.4' } }),
    });
    open();
    // A field of the trigger's schema, starting from the example: no JSON to type.
    const ip = await screen.findByLabelText(/^Source IP/);
    expect((ip as HTMLInputElement).value).toBe('203.0.113.7');
    await userEvent.clear(ip);
    await userEvent.type(ip, '198.51.100.4');
    await userEvent.click(screen.getByRole('button', { name: 'Send a test event' }));

    expect(requests.find((r) => r.method === 'POST')).toEqual({
      method: 'POST',
      url: `/workflows/${WF}/webhook-test`,
      body: { event: { ip: '198.51.100.4' } },
    });
    await userEvent.click(await screen.findByRole('link', { name: /^run / }));
    expect(await screen.findByText('the run page')).toBeTruthy();
  });

  test('when the schedule trigger is published then the schedule shows in words with its next and last run', async () => {
    settingsServer({
      trigger: {
        triggerType: 'trigger.schedule',
        exampleEvent: {},
        schedule: {
          cron: '0 2 * * *',
          timezone: 'UTC',
          description: 'every day at 02:00',
          nextAt: '2026-12-02T02:00:00.000Z',
          lastTick: { at: '2026-12-01T02:00:00.000Z', runId: RUN },
        },
      },
    });
    open();
    const section = await screen.findByTestId('schedule');
    expect(section.textContent).toContain('Runs every day at 02:00 (UTC; cron “0 2 * * *”).');
    expect(within(section).getByRole('link', { name: /^run / }).getAttribute('href')).toBe(`/runs/${RUN}`);
    expect(
      await screen.findByText('The published version does not start on a webhook: deliveries are refused.'),
    ).toBeTruthy();
  });
});
