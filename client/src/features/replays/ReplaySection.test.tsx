// @vitest-environment jsdom
import type { ReplayView } from '@autonomic/api';
import type { CanvasOverlay } from '../../editor';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { FakeReply, fakeServer, type FakeRequest } from '../runs/fakeServer';
import { graphOfDocument } from '../versions/graph';
import { BASE_DOCUMENT } from '../versions/testing';
import { ReplaySection } from './ReplaySection';
import { differentItem, replayOf, rowOf, sameItem, simulationRun, uid, WF } from './testing';
import { REPLAY_POLL_MS, SHADOW_POLL_MS } from './useReplayDetail';

// The canvas needs a layout engine jsdom does not have: what it is asked to draw is what is checked.
vi.mock('../versions/canvas/OverlayCanvas', () => ({
  OverlayCanvas: ({ overlay }: { overlay?: CanvasOverlay }) => (
    <div data-testid="canvas" data-nodes={JSON.stringify(overlay?.nodes ?? {})} />
  ),
}));

const LIST = `/workflows/${WF}/versions/2/replays`;
const graph = graphOfDocument(BASE_DOCUMENT) ?? undefined;

/** The replays the list answers with, and the successive answers of each replay's GET (the last one repeats). */
let list: ReplayView[] = [];
let reads: Record<string, ReplayView[]> = {};
const unexpected = (req: FakeRequest): unknown => {
  throw new Error(`unexpected ${req.method} ${req.url}`);
};
let onPost = unexpected;
let onShadow = unexpected;
let server: { requests: FakeRequest[] };

function handle(req: FakeRequest): unknown {
  if (req.method === 'GET' && req.url === LIST) return { replays: list };
  if (req.method === 'POST' && req.url === LIST) return onPost(req);
  if (req.url === `/workflows/${WF}/versions/2/shadow`) return onShadow(req);
  const one = /^\/workflows\/[^/]+\/replays\/([^/]+)$/.exec(req.url);
  if (req.method === 'GET' && one?.[1]) {
    const answers = reads[one[1]] ?? [];
    const r = answers.length > 1 ? answers.shift() : answers[0];
    if (!r) throw new FakeReply(404, { error: { code: 'not_found', message: 'no such replay' } });
    return r;
  }
  const run = /^\/runs\/([^/]+)$/.exec(req.url);
  if (req.method === 'GET' && run?.[1]) return simulationRun(run[1]);
  throw new Error(`unexpected ${req.method} ${req.url}`);
}

/** Lets the pending requests answer and React render them (timers are fake). */
const settle = () => act(() => vi.advanceTimersByTimeAsync(0));
const replayReads = (id: string) => server.requests.filter((r) => r.url.endsWith(`/replays/${id}`)).length;

function renderAs(role: 'analyst' | 'manager', publishedNumber: number | null = 1) {
  render(<ReplaySection workflowId={WF} number={2} publishedNumber={publishedNumber} role={role} graph={graph} />);
}

beforeEach(() => {
  vi.useFakeTimers();
  list = [];
  reads = {};
  onPost = unexpected;
  onShadow = unexpected;
  server = fakeServer(handle);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('ReplaySection: a replay’s diff', () => {
  const done = replayOf({ items: [differentItem(2), sameItem(1)] });
  beforeEach(() => {
    list = [rowOf(done)];
    reads = { [done.id]: [done] };
  });

  test('when a done replay is opened then the summary counts and the different row’s path, status and effects are shown', async () => {
    renderAs('analyst');
    await settle();
    expect(screen.getByTestId('replay-summary').textContent).toBe(
      '2 events: 1 same, 1 different — path changed 1, status changed 1, effects +1 −1 ~1, errors 0',
    );
    // Some event differs, so only the different one is listed at first.
    const rows = screen.getAllByTestId('replay-row');
    expect(rows.map((r) => r.dataset['outcome'])).toEqual(['different']);
    const row = within(rows[0] as HTMLElement);
    expect(row.getByTestId('path-live').textContent).toBe('live: … → block');
    expect(row.getByTestId('path-candidate').textContent).toBe('candidate: … → notify');
    expect(row.getByText('succeeded → failed')).toBeTruthy();
    expect(row.getByTestId('effect-added').textContent).toMatch(/^\+ disable user mallory \(disable, destructive/);
    expect(row.getByTestId('effect-removed').textContent).toMatch(/^− block IP 203\.0\.113\.7 for 1h/);
    expect(row.getByTestId('effect-changed').textContent).toMatch(/^~ post to #soc \(ran\) → post to #soc-urgent/);
    // A done replay is not read again.
    await act(() => vi.advanceTimersByTimeAsync(REPLAY_POLL_MS * 5));
    expect(replayReads(done.id)).toBe(1);
  });

  test('when "only different" is unticked then every event is listed, and ticking it again hides the same ones', async () => {
    renderAs('analyst');
    await settle();
    const filter = screen.getByTestId('only-different') as HTMLInputElement;
    expect(filter.checked).toBe(true);
    fireEvent.click(filter);
    expect(screen.getAllByTestId('replay-row').map((r) => r.dataset['outcome'])).toEqual(['different', 'same']);
    fireEvent.click(filter);
    expect(screen.getAllByTestId('replay-row')).toHaveLength(1);
  });

  test('when every event behaved the same then the filter starts off and every row is listed', async () => {
    const same = replayOf({ items: [sameItem(1), sameItem(3)] });
    list = [rowOf(same)];
    reads = { [same.id]: [same] };
    renderAs('analyst');
    await settle();
    expect((screen.getByTestId('only-different') as HTMLInputElement).checked).toBe(false);
    expect(screen.getAllByTestId('replay-row')).toHaveLength(2);
  });

  test('when Show on canvas is pressed then the candidate’s simulated run is read and drawn on the graph', async () => {
    renderAs('analyst');
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Show on canvas' }));
    await settle();
    expect(server.requests.some((r) => r.url === `/runs/${uid(3002)}`)).toBe(true);
    const nodes = JSON.parse(screen.getByTestId('canvas').dataset['nodes'] ?? '{}') as CanvasOverlay['nodes'];
    // The simulated run went enrich → check → done: block was not reached.
    expect(nodes?.['check']?.state).toBe('succeeded');
    expect(nodes?.['block']?.state).toBe('skipped');
    fireEvent.click(screen.getByRole('button', { name: 'Hide from canvas' }));
    expect(screen.queryByTestId('canvas')).toBeNull();
  });

  test('when an older replay is picked from the list then it is read and opened', async () => {
    const older = replayOf({
      id: uid(101),
      createdAt: '2026-12-05T10:00:00.000Z',
      requested: 10,
      items: [sameItem(5)],
    });
    list = [rowOf(done), rowOf(older)];
    reads = { [done.id]: [done], [older.id]: [older] };
    renderAs('analyst');
    await settle();
    const history = screen.getAllByTestId('replay-history-item');
    expect(history).toHaveLength(2);
    fireEvent.click(within(history[1] as HTMLElement).getByRole('button'));
    await settle();
    expect(screen.getByTestId('replay-opened').dataset['replayId']).toBe(older.id);
    expect(screen.getByTestId('replay-summary').dataset['events']).toBe('1');
  });

  test('when the replay found no stored event then the empty state says the published version has received none', async () => {
    const empty = replayOf({ items: [] });
    list = [rowOf(empty)];
    reads = { [empty.id]: [empty] };
    renderAs('analyst');
    await settle();
    expect(screen.getByTestId('replay-empty').textContent).toBe(
      'No stored events: the published version has not received any yet.',
    );
    expect(screen.queryByTestId('replay-row')).toBeNull();
  });
});

describe('ReplaySection: starting a replay', () => {
  const queued = replayOf({ id: uid(110), status: 'queued', requested: 20, finishedAt: null });
  const running = { ...queued, status: 'running' as const };
  const done = replayOf({ id: uid(110), requested: 20, items: [differentItem(2)] });

  test('when a count is posted then the replay is queued and read every 1.5 s until it is done, then no more', async () => {
    onPost = () => queued;
    reads = { [queued.id]: [queued, running, done] };
    renderAs('analyst');
    await settle();
    fireEvent.change(screen.getByTestId('replay-count'), { target: { value: '20' } });
    fireEvent.click(screen.getByTestId('start-replay'));
    await settle();
    expect(server.requests.find((r) => r.method === 'POST')?.body).toEqual({ count: 20 });
    expect(screen.getByTestId('replay-status').textContent).toBe('Replay of the last 20 events queued…');
    expect((screen.getByTestId('start-replay') as HTMLButtonElement).disabled).toBe(true);
    await act(() => vi.advanceTimersByTimeAsync(REPLAY_POLL_MS));
    expect(screen.getByTestId('replay-status').textContent).toBe('Replaying the last 20 events…');
    await act(() => vi.advanceTimersByTimeAsync(REPLAY_POLL_MS));
    expect(screen.getByTestId('replay-opened').dataset['status']).toBe('done');
    expect(screen.getByTestId('replay-summary').dataset['different']).toBe('1');
    await act(() => vi.advanceTimersByTimeAsync(REPLAY_POLL_MS * 5));
    expect(replayReads(queued.id)).toBe(3);
  });

  test.each([
    ['0', 'at least 1 event'],
    ['501', 'at most 500 events'],
    ['2.5', 'a whole number'],
  ])('when the count is %s then "%s" is shown at the field and nothing is posted', async (count, words) => {
    renderAs('analyst');
    await settle();
    const field = screen.getByTestId('replay-count');
    fireEvent.change(field, { target: { value: count } });
    fireEvent.click(screen.getByTestId('start-replay'));
    await settle();
    expect(screen.getByTestId('replay-count-error').textContent).toBe(words);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(server.requests.some((r) => r.method === 'POST')).toBe(false);
  });

  test('when the server refuses the count then its words are shown at the field', async () => {
    onPost = () => {
      throw new FakeReply(400, {
        error: {
          code: 'invalid_request',
          message: 'the body is not valid',
          details: [{ path: 'body.count', message: 'only 3 events are stored' }],
        },
      });
    };
    renderAs('analyst');
    await settle();
    fireEvent.click(screen.getByTestId('start-replay'));
    await settle();
    expect(screen.getByTestId('replay-count-error').textContent).toBe('only 3 events are stored');
  });
});

describe('ReplaySection: who may start, and with what', () => {
  test('when the reader is a manager then the diff is shown but nothing can be started or stopped', async () => {
    const done = replayOf({ items: [differentItem(2)] });
    const shadow = replayOf({
      id: uid(120),
      kind: 'shadow',
      status: 'active',
      requested: null,
      until: '2026-12-07T10:00:00.000Z',
      finishedAt: null,
      items: [],
    });
    list = [rowOf(shadow), rowOf(done)];
    reads = { [done.id]: [done], [shadow.id]: [shadow] };
    renderAs('manager');
    await settle();
    expect(screen.getAllByTestId('replay-row')).toHaveLength(1);
    expect(screen.getByTestId('shadow-status').textContent).toMatch(/^Shadow active until/);
    expect(screen.queryByTestId('start-replay')).toBeNull();
    expect(screen.queryByTestId('start-shadow')).toBeNull();
    expect(screen.queryByTestId('stop-shadow')).toBeNull();
  });

  test('when nothing is published then that is said and neither a replay nor a shadow can be started', async () => {
    renderAs('analyst', null);
    await settle();
    expect(screen.getByTestId('replay-no-published').textContent).toMatch(/no published version/);
    expect(screen.queryByTestId('start-replay')).toBeNull();
    expect(screen.queryByTestId('start-shadow')).toBeNull();
  });
});

describe('ReplaySection: shadow', () => {
  const SHADOW = uid(130);
  const shadowOf = (over: Partial<ReplayView> & { items?: ReturnType<typeof sameItem>[] }) =>
    replayOf({
      id: SHADOW,
      kind: 'shadow',
      status: 'active',
      requested: null,
      until: '2026-12-07T10:00:00.000Z',
      finishedAt: null,
      items: [],
      ...over,
    });
  const status = () => screen.getByTestId('shadow-status').textContent;
  const shadowReads = () => replayReads(SHADOW);

  test('when a shadow is started then the hours are put and its diff grows as live events arrive while it is active', async () => {
    onShadow = () => shadowOf({});
    reads = {
      [SHADOW]: [
        shadowOf({}),
        shadowOf({ items: [differentItem(2)] }),
        shadowOf({ items: [sameItem(3, '2026-12-06T11:00:00.000Z'), differentItem(2)] }),
      ],
    };
    renderAs('analyst');
    await settle();
    fireEvent.change(screen.getByTestId('shadow-hours'), { target: { value: '48' } });
    fireEvent.click(screen.getByTestId('start-shadow'));
    await settle();
    const put = server.requests.find((r) => r.method === 'PUT');
    expect(put?.body).toEqual({ hours: 48 });
    expect(status()).toMatch(/^Shadow active until .* — 0 live events mirrored so far, 0 different\.$/);
    expect(screen.queryByTestId('start-shadow')).toBeNull();

    await act(() => vi.advanceTimersByTimeAsync(SHADOW_POLL_MS));
    expect(status()).toMatch(/— 1 live events mirrored so far, 1 different\.$/);
    expect(within(screen.getByTestId('shadow-diff')).getAllByTestId('replay-row')).toHaveLength(1);

    await act(() => vi.advanceTimersByTimeAsync(SHADOW_POLL_MS));
    expect(status()).toMatch(/— 2 live events mirrored so far, 1 different\.$/);
    expect(screen.getByTestId('replay-summary').dataset['events']).toBe('2');
  });

  test('when Stop shadow is confirmed then it is deleted, shown ended with its diff, and read no more', async () => {
    const ended = shadowOf({ status: 'ended', finishedAt: '2026-12-06T10:30:00.000Z', items: [differentItem(2)] });
    list = [rowOf(shadowOf({ items: [differentItem(2)] }))];
    reads = { [SHADOW]: [shadowOf({ items: [differentItem(2)] }), ended] };
    onShadow = (req) => {
      if (req.method !== 'DELETE') throw new Error(`unexpected ${req.method}`);
      return rowOf(ended);
    };
    renderAs('analyst');
    await settle();
    fireEvent.click(screen.getByTestId('stop-shadow'));
    fireEvent.click(screen.getByRole('button', { name: 'Keep it running' }));
    expect(server.requests.some((r) => r.method === 'DELETE')).toBe(false);

    fireEvent.click(screen.getByTestId('stop-shadow'));
    expect(screen.getByRole('alertdialog', { name: 'Stop the shadow' })).toBeTruthy();
    fireEvent.click(screen.getByTestId('confirm-stop-shadow'));
    await settle();
    expect(server.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
    expect(status()).toMatch(/^Shadow ended .* — 1 live events mirrored, 1 different\.$/);
    expect(screen.queryByTestId('stop-shadow')).toBeNull();
    // Its diff stays, and a new shadow may be started.
    expect(within(screen.getByTestId('shadow-diff')).getAllByTestId('replay-row')).toHaveLength(1);
    expect(screen.getByTestId('start-shadow')).toBeTruthy();
    const after = shadowReads();
    await act(() => vi.advanceTimersByTimeAsync(SHADOW_POLL_MS * 5));
    expect(shadowReads()).toBe(after);
  });

  test('when the page is hidden then an active shadow is not read until it is shown again', async () => {
    let visibility: DocumentVisibilityState = 'visible';
    const spy = vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
    try {
      list = [rowOf(shadowOf({}))];
      reads = { [SHADOW]: [shadowOf({})] };
      renderAs('analyst');
      await settle();
      expect(shadowReads()).toBe(1);
      visibility = 'hidden';
      document.dispatchEvent(new Event('visibilitychange'));
      await act(() => vi.advanceTimersByTimeAsync(SHADOW_POLL_MS * 5));
      expect(shadowReads()).toBe(1);
      visibility = 'visible';
      document.dispatchEvent(new Event('visibilitychange'));
      await settle();
      expect(shadowReads()).toBe(2);
      await act(() => vi.advanceTimersByTimeAsync(SHADOW_POLL_MS));
      expect(shadowReads()).toBe(3);
    } finally {
      spy.mockRestore();
    }
  });

  test('when the hours are 0 then "at least 1 hour" is shown at the field and nothing is put', async () => {
    renderAs('analyst');
    await settle();
    fireEvent.change(screen.getByTestId('shadow-hours'), { target: { value: '0' } });
    fireEvent.click(screen.getByTestId('start-shadow'));
    await settle();
    expect(screen.getByTestId('shadow-hours-error').textContent).toBe('at least 1 hour');
    expect(server.requests.some((r) => r.method === 'PUT')).toBe(false);
  });
});
