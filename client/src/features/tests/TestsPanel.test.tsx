// @vitest-environment jsdom
import { TestRunView, type VersionSummary } from '@autonomic/api';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { sampleGraph } from '../../editor/commands/testing';
import { EditorProvider } from '../../editor';
import { createEditorStore, type EditorStore } from '../../editor';
import type { Graph } from '../../editor';
import { TestsPanel } from './TestsPanel';
import { useEditorTests } from './useEditorTests';

const WF = '0190a000-0000-7000-8000-0000000000f1';
const HASH = 'a'.repeat(64);
const version: VersionSummary = {
  id: '0190a000-0000-7000-8000-0000000000c2',
  workflowId: WF,
  number: 2,
  contentHash: HASH,
  status: 'draft',
  changeNote: '',
  createdAt: '2026-12-06T07:00:00.000Z',
  author: { id: '0190a000-0000-7000-8000-00000000a11c', username: 'alice', displayName: 'Alice' },
};

/** webhook_1 → http_1 → condition_1 (true → block_ip_1), with three cases. */
const graph = (): Graph => ({
  ...sampleGraph(),
  tests: [
    { name: 'lookup down', event: { ip: '203.0.113.7' }, expect: { reached: ['block_ip_1'] } },
    { name: 'bad address', event: { ip: '198.51.100.9' }, expect: { status: 'succeeded' } },
    { name: 'new case', event: {}, expect: { status: 'succeeded' } },
  ],
});

const caseResult = (name: string, passed: boolean, firstFailure?: string) => ({
  name,
  passed,
  ...(firstFailure ? { firstFailure } : {}),
  assertions: [],
  warnings: [],
  path: ['http_1'],
  effects: [],
  durationMs: 5,
});

/** The results of v2 as the server answers them (parsed by the contract on the way in). */
const results = (over: Partial<TestRunView> = {}): TestRunView =>
  TestRunView.parse({
    workflowId: WF,
    number: 2,
    contentHash: HASH,
    status: 'failed',
    cases: [
      caseResult('lookup down', false, 'reaches block_ip_1: it was not reached'),
      caseResult('bad address', true),
    ],
    coverage: {
      edges: [
        { from: 'webhook_1', port: 'out', to: 'http_1', cases: ['lookup down', 'bad address'] },
        { from: 'http_1', port: 'out', to: 'condition_1', cases: ['bad address'] },
        { from: 'condition_1', port: 'true', to: 'block_ip_1', cases: [] },
      ],
      covered: 2,
      total: 3,
      percent: 66.6,
      destructive: [{ stepId: 'block_ip_1', label: 'Block IP', reachedBy: [], refusedBy: [], heldBackBy: [] }],
      errorPorts: [],
    },
    startedAt: '2026-12-06T07:00:01.000Z',
    finishedAt: '2026-12-06T07:00:02.000Z',
    requestedAt: '2026-12-06T07:00:00.000Z',
    ...over,
  });

let answers: TestRunView[] = [];
let reads = 0;
const fetchStub = vi.fn(async (url: string) => {
  if (url !== `/api/workflows/${WF}/versions/2/tests`) throw new Error(`unexpected call ${url}`);
  const body = JSON.stringify(answers[Math.min(reads, answers.length - 1)]);
  reads++;
  return { status: 200, ok: true, statusText: 'OK', text: async () => body };
});

function Harness({ focus = null, saved }: { focus?: { index: number } | null; saved?: Graph['tests'] }) {
  const t = useEditorTests(WF, version, true);
  return (
    <TestsPanel
      version={version}
      tests={t.tests}
      shown={t.shown}
      onShow={t.setShown}
      traceError={t.traceError}
      focus={focus}
      {...(saved ? { savedTests: saved } : {})}
      onClose={() => undefined}
    />
  );
}

function renderPanel(g: Graph = graph(), focus: { index: number } | null = null, saved?: Graph['tests']): EditorStore {
  const store = createEditorStore(g);
  render(
    <EditorProvider store={store} validate={false}>
      <Harness focus={focus} {...(saved ? { saved } : {})} />
    </EditorProvider>,
  );
  return store;
}

beforeEach(() => {
  vi.stubGlobal('fetch', fetchStub);
  reads = 0;
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  fetchStub.mockClear();
});

describe('TestsPanel', () => {
  test('when a case failed then it is red with its first failed assertion; a passed one is green; one without result is not run', async () => {
    answers = [results()];
    renderPanel();
    const failed = await screen.findByTestId('case-row-0');
    await waitFor(() => expect(within(failed).getByTestId('case-verdict').textContent).toBe('failed'));
    expect(within(failed).getByTestId('case-verdict').className).toContain('badge-failed');
    expect(within(failed).getByTestId('case-first-failure').textContent).toBe('reaches block_ip_1: it was not reached');
    const passed = within(screen.getByTestId('case-row-1')).getByTestId('case-verdict');
    expect(passed.textContent).toBe('passed');
    expect(passed.className).toContain('badge-succeeded');
    expect(within(screen.getByTestId('case-row-2')).getByTestId('case-verdict').textContent).toBe('not run');
  });

  test('when the results are of other content then every case is grey (stale), even one they do not name, and no coverage is shown', async () => {
    answers = [results({ contentHash: 'b'.repeat(64) })];
    renderPanel();
    await screen.findByText(/of other content than v2 \(stale\)/);
    for (const i of [0, 1, 2]) {
      const badge = within(screen.getByTestId(`case-row-${i}`)).getByTestId('case-verdict');
      expect(badge.textContent).toBe('stale');
      expect(badge.className).toBe('badge');
    }
    expect(screen.queryByTestId('case-first-failure')).toBeNull();
    expect(screen.queryByTestId('coverage')).toBeNull();
  });

  test('when the results are current then coverage shows the figure and the destructive step not reached, which selects its node', async () => {
    answers = [results()];
    const store = renderPanel();
    const figure = await screen.findByTestId('coverage-figure');
    expect(figure.textContent).toBe('Coverage 66.6 % of edges (2/3)');
    const row = screen.getByTestId('coverage-destructive-block_ip_1');
    expect(row.textContent).toContain('not reached');
    fireEvent.click(within(row).getByRole('button', { name: 'block_ip_1' }));
    expect(store.getState().selection.nodes).toEqual(['block_ip_1']);
  });

  test('while the run is queued the panel reads again until the cases have run', async () => {
    answers = [results({ status: 'queued', cases: [], coverage: null }), results()];
    renderPanel();
    await screen.findByText('v2: queued…');
    expect(within(screen.getByTestId('case-row-0')).getByTestId('case-verdict').textContent).toBe('running');
    await screen.findByText('v2: some cases failed', {}, { timeout: 5_000 });
    expect(reads).toBe(2);
    expect(within(screen.getByTestId('case-row-0')).getByTestId('case-verdict').textContent).toBe('failed');
  });
});

describe('the case form', () => {
  test('when a fixture is added on a step and switched to fails then the case carries an HTTP 503 failure, undoable', async () => {
    answers = [results({ status: 'not_run', cases: [], coverage: null })];
    const store = renderPanel({ ...sampleGraph(), tests: [] });
    fireEvent.click(screen.getByTestId('add-case'));
    const form = await screen.findByTestId('case-form');
    fireEvent.change(within(form).getByTestId('case-name'), { target: { value: 'lookup answers 503' } });
    fireEvent.change(within(form).getByTestId('add-fixture-step'), { target: { value: 'http_1' } });
    fireEvent.click(within(form).getByTestId('add-fixture'));
    fireEvent.change(within(form).getByTestId('fixture-mode-http_1'), { target: { value: 'fails' } });
    fireEvent.change(within(form).getByTestId('assert-reached-step'), { target: { value: 'condition_1' } });
    fireEvent.click(within(form).getByTestId('assert-reached-add'));

    expect(store.getState().tests).toEqual([
      {
        name: 'lookup answers 503',
        event: {},
        fixtures: { http_1: { fail: { kind: 'http_5xx', status: 503 } } },
        approvals: {},
        expect: { reached: ['condition_1'] },
      },
    ]);
    expect(store.getState().revision).not.toBe(store.getState().savedRevision);
    expect((within(form).getByTestId('fixture-http_1-fail-status') as HTMLInputElement).value).toBe('503');

    act(() => store.getState().undo());
    expect(store.getState().tests[0]?.expect).toEqual({});
    act(() => store.getState().undo());
    expect(store.getState().tests[0]?.fixtures).toEqual({ http_1: { output: {} } });
    act(() => store.getState().redo());
    expect(store.getState().tests[0]?.fixtures).toEqual({ http_1: { fail: { kind: 'http_5xx', status: 503 } } });
  });

  test('when a case asserts nothing then the validator’s problem is shown inside its form', async () => {
    answers = [results({ status: 'not_run', cases: [], coverage: null })];
    const store = renderPanel({ ...sampleGraph(), tests: [] });
    fireEvent.click(screen.getByTestId('add-case'));
    act(() => void store.getState().validateNow());
    const problems = await within(await screen.findByTestId('case-form')).findByTestId('case-problems');
    expect(problems.textContent).toContain('case "Case 1": asserts nothing');
    expect(within(screen.getByTestId('case-row-0')).getByText('1 problem')).toBeTruthy();
  });

  test('when the event in the JSON view is not JSON yet then the case keeps its last event and the form says why', async () => {
    answers = [results({ status: 'not_run', cases: [], coverage: null })];
    const store = renderPanel();
    fireEvent.click(await screen.findByTestId('case-open-1'));
    fireEvent.click(within(screen.getByTestId('case-form')).getByTestId('case-event-view-json'));
    const event = within(screen.getByTestId('case-form')).getByTestId('case-event-json');
    fireEvent.change(event, { target: { value: '{ "ip": ' } });
    expect(screen.getByRole('alert').textContent).toMatch(/not valid JSON yet/);
    expect((event as HTMLTextAreaElement).value).toBe('{ "ip": ');
    expect(store.getState().tests[1]?.event).toEqual({ ip: '198.51.100.9' });
    fireEvent.change(event, { target: { value: '{ "ip": "192.0.2.1" }' } });
    expect(store.getState().tests[1]?.event).toEqual({ ip: '192.0.2.1' });
  });

  test('when a problem of a case is followed then the panel opens on that case’s form', async () => {
    answers = [results({ status: 'not_run', cases: [], coverage: null })];
    renderPanel(graph(), { index: 1 });
    const form = await screen.findByTestId('case-form');
    expect((within(form).getByTestId('case-name') as HTMLInputElement).value).toBe('bad address');
  });

  test('when a case is edited after the save then its results no longer stand: grey, stale; the others keep theirs', async () => {
    answers = [results()];
    const g = graph();
    renderPanel(g, null, g.tests);
    const edited = await screen.findByTestId('case-row-0');
    await waitFor(() => expect(within(edited).getByTestId('case-verdict').textContent).toBe('failed'));
    fireEvent.click(screen.getByTestId('case-open-0'));
    fireEvent.click(screen.getByTestId('case-event-view-json'));
    fireEvent.change(screen.getByTestId('case-event-json'), { target: { value: '{ "ip": "192.0.2.55" }' } });
    expect(within(edited).getByTestId('case-verdict').textContent).toBe('stale');
    expect(within(edited).queryByTestId('case-first-failure')).toBeNull();
    expect(within(screen.getByTestId('case-row-1')).getByTestId('case-verdict').textContent).toBe('passed');
  });
});
