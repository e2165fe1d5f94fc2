// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeServer } from '../../features/runs/fakeServer';
import { StatefulParamsForm } from './testing';
import { resetWorkflowCache } from './WorkflowPicker';

const workflow = (id: string, name: string, slug: string, publishedVersion: number | null) => ({
  id,
  slug,
  name,
  owner: { id: '0190a1b2-0000-7000-8000-0000000000a1', username: 'alice', displayName: 'Alice' },
  tags: [],
  severity: null,
  killSwitch: false,
  createdAt: '2026-12-01T10:00:00.000Z',
  publishedVersion,
  latestVersion: null,
  lastRun: null,
});
const SELF = '0190a1b2-0000-7000-8000-0000000000f1';
const ENRICH = '0190a1b2-0000-7000-8000-0000000000f2';
const DRAFT = '0190a1b2-0000-7000-8000-0000000000f3';

beforeEach(() => {
  resetWorkflowCache();
  fakeServer((req) => {
    if (req.url.startsWith('/workflows?')) {
      return {
        workflows: [
          workflow(SELF, 'Contain IP', 'contain-ip', 2),
          workflow(ENRICH, 'Enrich an IP', 'enrich-ip', 3),
          workflow(DRAFT, 'Block host', 'block-host', null),
        ],
      };
    }
    throw new Error(`unexpected ${req.url}`);
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The form inside the editor's route, as the page draws it for workflow SELF. */
function renderForm(params: Record<string, unknown>, spy = vi.fn()) {
  render(
    <MemoryRouter initialEntries={[`/workflows/${SELF}`]}>
      <Routes>
        <Route path="/workflows/:id" element={<StatefulParamsForm nodeType="subworkflow" value={params} spy={spy} />} />
      </Routes>
    </MemoryRouter>,
  );
  return spy;
}

describe('SubworkflowForm', () => {
  it('when the list loads then other workflows are offered with the version that runs, an unpublished one disabled, and this one left out', async () => {
    const spy = renderForm({ workflow: '' });
    const picker = screen.getByRole('combobox', { name: /Workflow to call/ });
    await screen.findByRole('option', { name: 'Enrich an IP — runs v3' });
    const options = Array.from(picker.querySelectorAll('option')).map((o) => [o.textContent, o.disabled]);
    expect(options).toEqual([
      ['Pick a workflow…', true],
      ['Block host — not published yet', true],
      ['Enrich an IP — runs v3', false],
    ]);

    await userEvent.selectOptions(picker, 'Enrich an IP — runs v3');
    expect(spy).toHaveBeenLastCalledWith({ workflow: ENRICH });
  });

  it('when the step names a workflow by slug then that workflow is shown as picked', async () => {
    renderForm({ workflow: 'enrich-ip' });
    await screen.findByRole('option', { name: 'Enrich an IP — runs v3' });
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: /Workflow to call/ }).value).toBe(ENRICH);
  });

  it('when the validator reports the reference then its message is at the pick-list', async () => {
    render(
      <MemoryRouter>
        <StatefulParamsForm
          nodeType="subworkflow"
          value={{ workflow: '' }}
          problems={[{ path: 'params.workflow', message: 'pick the workflow to call' }]}
        />
      </MemoryRouter>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('pick the workflow to call');
    expect(screen.getByRole('combobox', { name: /Workflow to call/ }).getAttribute('aria-invalid')).toBe('true');
  });
});
