// @vitest-environment jsdom
import type { CacaoImportResult } from '@autonomic/api';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { fakeServer, FakeReply, type FakeRequest } from '../runs/fakeServer';
import { workflowListItem } from '../workflows/testing';
import { ImportPage } from './ImportPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const WORKFLOW_ID = '0190a000-0000-7000-8000-000000000001';
const existing = workflowListItem(2, 'Contain IP');

const result: CacaoImportResult = {
  workflowId: WORKFLOW_ID,
  version: { id: '0190a000-0000-7000-8000-0000000000f1', number: 3 },
  created: true,
  problems: [],
  report: {
    counts: { mapped: 2, approximated: 1, unsupported: 1 },
    entries: [
      { pointer: '/workflow/start--1', kind: 'step', status: 'mapped', message: 'start step → the trigger' },
      { pointer: '/workflow/end--1', kind: 'step', status: 'mapped', message: 'end step → an end' },
      {
        pointer: '/severity',
        kind: 'metadata',
        status: 'approximated',
        message: 'the 0–100 severity as low (<25), medium (<50), high (<75) or critical',
      },
      { pointer: '/signatures/0', kind: 'signature', status: 'unsupported', message: 'signatures are not checked' },
    ],
  },
};

const PLAYBOOK = { type: 'playbook', spec_version: 'cacao-2.0', id: 'playbook--1', name: 'Block IP' };

function serve(onImport: (req: FakeRequest) => unknown) {
  return fakeServer((req) => {
    if (req.method === 'GET' && req.url.startsWith('/workflows')) return { workflows: [existing] };
    if (req.method === 'POST' && req.url.startsWith('/workflows/import')) return onImport(req);
    throw new FakeReply(404, { error: { code: 'not_found', message: 'no such route' } });
  });
}

const renderPage = () =>
  render(
    <MemoryRouter>
      <ImportPage />
    </MemoryRouter>,
  );

describe('ImportPage', () => {
  test('when a pasted playbook is imported then the report shows the counts, each element by status, and a link to the draft', async () => {
    const server = serve(() => result);
    const user = userEvent.setup();
    renderPage();
    await user.click(screen.getByLabelText('Or paste the playbook'));
    await user.paste(JSON.stringify(PLAYBOOK));
    await user.click(screen.getByRole('button', { name: 'Import' }));

    expect((await screen.findByRole('status')).textContent).toContain('Imported as draft version 3.');
    expect(server.requests.find((r) => r.method === 'POST')?.body).toEqual({ playbook: PLAYBOOK });
    expect(screen.getByTestId('import-counts').textContent).toContain('2 mapped1 approximated1 not supported');
    const approximated = within(screen.getByTestId('import-group-approximated'));
    expect(approximated.getByText(/severity as low/)).toBeTruthy();
    expect(approximated.getByText('In the file: severity')).toBeTruthy();
    expect(
      within(screen.getByTestId('import-group-unsupported')).getByText('In the file: signatures › item 1'),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open the draft' }).getAttribute('href')).toBe(
      `/workflows/${WORKFLOW_ID}/versions/3`,
    );

    await user.click(screen.getByRole('radio', { name: 'Approximated' }));
    expect(screen.queryByTestId('import-group-mapped')).toBeNull();
    expect(screen.getAllByTestId('import-entry').map((e) => e.dataset['status'])).toEqual(['approximated']);
  });

  test('when a file is chosen and an existing workflow picked then the file is sent as a draft of that workflow', async () => {
    const server = serve(() => ({ ...result, workflowId: existing.id }));
    const user = userEvent.setup();
    renderPage();
    const file = new File([JSON.stringify(PLAYBOOK)], 'block-ip.json', { type: 'application/json' });
    await user.upload(screen.getByLabelText('Playbook file'), file);
    await user.selectOptions(
      await screen.findByLabelText('Import into'),
      await screen.findByRole('option', { name: 'Contain IP' }),
    );
    await user.click(screen.getByRole('button', { name: 'Import' }));

    await screen.findByTestId('import-result');
    expect(server.requests.find((r) => r.method === 'POST')?.body).toEqual({
      playbook: PLAYBOOK,
      workflowId: existing.id,
    });
  });

  test('when the server rejects the playbook then its message naming the element is shown, without a code', async () => {
    serve(() => {
      throw new FakeReply(400, {
        error: {
          code: 'validation_failed',
          message: 'the CACAO playbook cannot be imported: step action--9 goes on to step end--7, which does not exist',
          details: [{ path: 'playbook', message: 'step action--9 goes on to step end--7, which does not exist' }],
        },
      });
    });
    const user = userEvent.setup();
    renderPage();
    await user.click(screen.getByLabelText('Or paste the playbook'));
    await user.paste(JSON.stringify(PLAYBOOK));
    await user.click(screen.getByRole('button', { name: 'Import' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The CACAO playbook cannot be imported: step action--9 goes on to step end--7');
    expect(alert.textContent).not.toContain('validation_failed');
    expect(screen.queryByTestId('import-result')).toBeNull();
  });

  test('when the text is not JSON or not a playbook then it says so in words and sends nothing', async () => {
    const server = serve(() => result);
    const user = userEvent.setup();
    renderPage();
    const box = screen.getByLabelText('Or paste the playbook');
    await user.click(box);
    await user.paste('name: not json');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The file is not JSON');

    await user.clear(box);
    await user.paste('{"type": "bundle"}');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect((await screen.findByRole('alert')).textContent).toContain('This is neither a CACAO playbook');
    expect(server.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  test('when the file is a workflow file of ours then it goes to the workflow import and its warnings are shown, with no CACAO report', async () => {
    const file = { kind: 'autonomic.workflow', formatVersion: 3, exportedAt: '2026-12-01T10:00:00.000Z', document: {} };
    const warning = 'The connector "abuseipdb" version 9.9.9 is not installed here: its steps cannot run.';
    const server = serve((req) =>
      req.url === '/workflows/import'
        ? { workflowId: WORKFLOW_ID, version: result.version, created: true, problems: [], warnings: [warning] }
        : result,
    );
    const user = userEvent.setup();
    renderPage();
    await user.click(screen.getByLabelText('Or paste the playbook'));
    await user.paste(JSON.stringify(file));
    await user.click(screen.getByRole('button', { name: 'Import' }));

    expect((await screen.findByTestId('import-warnings')).textContent).toContain(warning);
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => [r.url, r.body])).toEqual([
      ['/workflows/import', { file }],
    ]);
    expect(screen.queryByTestId('import-counts')).toBeNull();
    expect(screen.getByRole('link', { name: 'Open the draft' }).getAttribute('href')).toBe(
      `/workflows/${WORKFLOW_ID}/versions/3`,
    );
  });
});
