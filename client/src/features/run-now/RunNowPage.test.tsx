// @vitest-environment jsdom
import type { UserSummary, VersionDetail, WorkflowDetail } from '@autonomic/api';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { useAuth } from '../../auth/store';
import { fakeServer, FakeReply, type FakeRequest } from '../runs/fakeServer';
import { copyOfBase } from '../versions/testing';
import { RunNowPage } from './RunNowPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  useAuth.setState({ user: null, status: 'loading' });
});

const WF = '0190a000-0000-7000-8000-0000000000f1';
const RUN = '0190a000-0000-7000-8000-0000000000d1';
const alice = { id: '0190a000-0000-7000-8000-00000000a11c', username: 'alice', displayName: 'Alice' };

function signIn(role: UserSummary['role']) {
  useAuth.setState({ user: { ...alice, role } as UserSummary, status: 'signed-in' });
}

/** The trigger's schema: a string with a format, an enum, a number, a boolean, a list and a nested object. */
const INPUT_SCHEMA = {
  type: 'object',
  required: ['ip', 'severity'],
  properties: {
    ip: { type: 'string', title: 'Source IP', description: 'The address that attacked.', format: 'ipv4' },
    severity: { type: 'string', title: 'Severity', enum: ['low', 'high'] },
    score: { type: 'number', title: 'Score' },
    confirmed: { type: 'boolean', title: 'Confirmed by a person' },
    tags: { type: 'array', items: { type: 'string' }, title: 'Tags' },
    host: {
      type: 'object',
      title: 'Host',
      required: ['name'],
      properties: { name: { type: 'string', title: 'Host name' } },
    },
  },
};

const version = {
  id: '0190a000-0000-7000-8000-0000000000c1',
  workflowId: WF,
  number: 3,
  contentHash: 'a'.repeat(64),
  status: 'published' as const,
  changeNote: 'first',
  createdAt: '2026-11-27T10:00:00.000Z',
  author: alice,
};

function workflow(published: boolean): WorkflowDetail {
  return {
    id: WF,
    slug: 'containment',
    name: 'Containment',
    ownerId: alice.id,
    owner: alice,
    createdAt: '2026-11-20T10:00:00.000Z',
    publishedVersionId: published ? version.id : null,
    killSwitch: false,
    maxDestructivePerRun: null,
    maxDestructivePerHour: null,
    manualBaselineMinutes: null,
    webhookEnabled: false,
    published: published ? version : null,
    latest: version,
  };
}

function versionDetail(): VersionDetail {
  const document = copyOfBase();
  return {
    ...version,
    document: { ...document, trigger: { ...document.trigger, inputSchema: INPUT_SCHEMA } },
    problems: [],
    reviews: [],
  };
}

/** The workflow's API; a POST of a run answers through `start`. */
function server(start: (req: FakeRequest) => unknown, published = true) {
  return fakeServer((req) => {
    if (req.method === 'GET' && req.url === `/workflows/${WF}`) return workflow(published);
    if (req.method === 'GET' && req.url === `/workflows/${WF}/versions/3`) return versionDetail();
    if (req.method === 'POST' && req.url === `/workflows/${WF}/runs`) return start(req);
    throw new Error(`unexpected ${req.method} ${req.url}`);
  });
}

function renderPage() {
  render(
    <MemoryRouter initialEntries={[`/workflows/${WF}/run`]}>
      <Routes>
        <Route path="/workflows/:id/run" element={<RunNowPage />} />
        <Route path="/runs/:id" element={<p>run page</p>} />
      </Routes>
    </MemoryRouter>,
  );
}

describe('RunNowPage', () => {
  test('when the trigger has an input schema then each property is a field with its title, description and required mark', async () => {
    signIn('analyst');
    server(() => ({ runId: RUN }));
    renderPage();
    const ip = await screen.findByLabelText(/Source IP/);
    expect(ip.getAttribute('aria-required')).toBe('true');
    expect(screen.getByText('The address that attacked.')).toBeTruthy();
    expect(screen.getByLabelText(/Severity/).tagName).toBe('SELECT');
    expect(screen.getByRole('option', { name: 'high' })).toBeTruthy();
    expect(screen.getByLabelText('Confirmed by a person').getAttribute('type')).toBe('checkbox');
    expect(screen.getByLabelText('Tags').tagName).toBe('TEXTAREA');
    expect(screen.getByRole('group', { name: /Host/ })).toBeTruthy();
    expect(screen.getByLabelText(/Host name/).getAttribute('aria-required')).toBe('true');
    expect(screen.queryByLabelText(/Score \(required\)/)).toBeNull();
  });

  test('when the form is filled then the run starts with the typed event and the page opens the run', async () => {
    signIn('analyst');
    const { requests } = server(() => ({ runId: RUN }));
    renderPage();
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/Source IP/), '203.0.113.7');
    await user.selectOptions(screen.getByLabelText(/Severity/), 'high');
    await user.type(screen.getByLabelText('Score'), '7.5');
    await user.click(screen.getByLabelText('Confirmed by a person'));
    await user.type(screen.getByLabelText('Tags'), 'vpn{Enter}tor');
    await user.type(screen.getByLabelText(/Host name/), 'web-1');
    await user.click(screen.getByRole('button', { name: 'Start run' }));
    expect(await screen.findByText('run page')).toBeTruthy();
    const post = requests.find((r) => r.method === 'POST');
    expect(post?.body).toEqual({
      event: {
        ip: '203.0.113.7',
        severity: 'high',
        score: 7.5,
        confirmed: true,
        tags: ['vpn', 'tor'],
        host: { name: 'web-1' },
      },
    });
  });

  test('when the server refuses fields of the event then each message is shown at its field in words', async () => {
    signIn('analyst');
    server(() => {
      throw new FakeReply(400, {
        error: {
          code: 'invalid_event',
          message: "the event does not match the trigger's input schema",
          details: [
            { path: 'body.event.ip', message: 'must be an IPv4 address (e.g. 10.0.0.1)' },
            { path: 'body.event.host.name', message: 'is required' },
          ],
        },
      });
    });
    renderPage();
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/Source IP/), 'not-an-ip');
    await user.click(screen.getByRole('button', { name: 'Start run' }));
    const ipError = await screen.findByText('Source IP must be an IPv4 address (e.g. 10.0.0.1)');
    expect(screen.getByLabelText(/Source IP/).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText(/Source IP/).getAttribute('aria-describedby')).toContain(ipError.id);
    expect(screen.getByText('Host name is required')).toBeTruthy();
    expect(screen.queryByText(/body\.event/)).toBeNull();
    expect(screen.queryByText('run page')).toBeNull();
  });

  test('when the expert switches to JSON then the form values are there, and edits come back to the form', async () => {
    signIn('admin');
    const { requests } = server(() => ({ runId: RUN }));
    renderPage();
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/Source IP/), '198.51.100.1');
    await user.click(screen.getByRole('button', { name: 'JSON' }));
    const json = screen.getByLabelText('Event (JSON)');
    expect(JSON.parse((json as HTMLTextAreaElement).value)).toEqual({ ip: '198.51.100.1' });
    await user.clear(json);
    await user.click(json);
    await user.paste('{"ip":"192.0.2.9","severity":"low"}');
    await user.click(screen.getByRole('button', { name: 'Form' }));
    expect((screen.getByLabelText(/Source IP/) as HTMLInputElement).value).toBe('192.0.2.9');
    expect((screen.getByLabelText(/Severity/) as HTMLSelectElement).value).toBe('low');
    await user.click(screen.getByRole('button', { name: 'Start run' }));
    await screen.findByText('run page');
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ event: { ip: '192.0.2.9', severity: 'low' } });
  });

  test('when the workflow has no published version then no form is offered', async () => {
    signIn('analyst');
    server(() => ({ runId: RUN }), false);
    renderPage();
    expect(await screen.findByTestId('not-published')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Start run' })).toBeNull();
  });

  test('when a reviewer opens the page then it says who may start runs and offers no form', async () => {
    signIn('reviewer');
    server(() => ({ runId: RUN }));
    renderPage();
    expect(await screen.findByText('Only analysts and admins start runs.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Start run' })).toBeNull();
  });
});
