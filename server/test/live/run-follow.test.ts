/** The follower behind one run's live stream (executor/run-follow.ts), on a fake change source. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RunEvents, type ChangeSource } from '../../src/executor/events';
import { cursorId, parseCursorId, RunFollower, type Followed } from '../../src/executor/run-follow';
import type { ChangeCursor, ChangedAttempt, RunChanges } from '../../src/store/run-changes';

const ROW = '01a24c07-4429-7ce9-8913-fa4641f790d3';
const attempt = (stepKey: string, xid: number, over: Partial<ChangedAttempt> = {}): ChangedAttempt => ({
  cursor: { xid, row: ROW },
  stepId: stepKey,
  stepKey,
  nodeType: 'http',
  attempt: 1,
  status: 'succeeded',
  startedAt: 1_000,
  ...over,
});
const changes = (status: RunChanges['status'], attempts: ChangedAttempt[]): RunChanges => ({
  status,
  workflowId: 'w1',
  attempts,
});

/** A source whose reads answer when the test says so; it records the cursor of each read. */
function fakeSource() {
  const reads: (ChangeCursor | undefined)[] = [];
  const answers: ((c: RunChanges) => void)[] = [];
  const source: ChangeSource = {
    read: (_runId, after) => {
      reads.push(after);
      return new Promise((r) => answers.push(r));
    },
    listen: async () => undefined,
    warn: () => undefined,
  };
  const answer = async (c: RunChanges) => {
    answers.shift()?.(c);
    await vi.waitFor(() => undefined);
  };
  return { source, reads, answer };
}

const shown = (frames: Followed[]) =>
  frames.map((f) => (f.kind === 'step' ? `step ${f.step.stepKey} ${f.id}` : `run ${f.run.status}`));

let follower: RunFollower | undefined;
afterEach(() => {
  follower?.stop();
  vi.useRealTimers();
});

describe('RunFollower', () => {
  it('when commits are announced during a read then exactly one more read follows, from where the first one ended', async () => {
    const events = new RunEvents();
    const { source, reads, answer } = fakeSource();
    const frames: Followed[] = [];
    follower = new RunFollower('r1', events, source, (f) => frames.push(f), { status: 'running' });
    const started = follower.start();
    await vi.waitFor(() => expect(reads).toHaveLength(1));

    events.emit('changed', 'r1');
    events.emit('changed', 'r1');
    events.emit('changed', 'r2');
    await answer(changes('running', [attempt('a', 10)]));
    await vi.waitFor(() => expect(reads).toHaveLength(2));
    await answer(changes('succeeded', [attempt('b', 11)]));
    await started;

    expect(reads).toEqual([undefined, { xid: 10, row: ROW }]);
    expect(shown(frames)).toEqual([`step a 10.${ROW}`, `step b 11.${ROW}`, 'run succeeded']);
  });

  it('when it starts after a Last-Event-ID then the first read is from that cursor and an unchanged status is not shown again', async () => {
    const events = new RunEvents();
    const { source, reads, answer } = fakeSource();
    const frames: Followed[] = [];
    follower = new RunFollower('r1', events, source, (f) => frames.push(f), {
      after: { xid: 7, row: ROW },
      status: 'running',
    });
    const started = follower.start();
    await vi.waitFor(() => expect(reads).toHaveLength(1));
    await answer(changes('running', []));
    await started;

    expect(reads).toEqual([{ xid: 7, row: ROW }]);
    expect(frames).toEqual([]);
  });

  it('when announcements are lost then the poll reads the run again, and stops once the run has ended', async () => {
    vi.useFakeTimers();
    const events = new RunEvents();
    const { source, reads, answer } = fakeSource();
    follower = new RunFollower('r1', events, source, () => undefined, { pollMs: 1_000 });
    const started = follower.start();
    await vi.waitFor(() => expect(reads).toHaveLength(1));
    await answer(changes('running', []));
    await started;

    await vi.advanceTimersByTimeAsync(1_000);
    expect(reads).toHaveLength(2);
    await answer(changes('succeeded', []));
    await vi.advanceTimersByTimeAsync(5_000);

    expect(reads).toHaveLength(2);
  });

  it('when the stream goes then it stops listening', async () => {
    const events = new RunEvents();
    const { source, reads, answer } = fakeSource();
    follower = new RunFollower('r1', events, source, () => undefined);
    const started = follower.start();
    await vi.waitFor(() => expect(reads).toHaveLength(1));
    await answer(changes('running', []));
    await started;
    follower.stop();

    expect(events.listenerCount('changed')).toBe(0);
    expect(events.listenerCount('resync')).toBe(0);
  });
});

describe('stream frame ids', () => {
  it('when an id of ours comes back as Last-Event-ID then it is the same cursor; anything else is no cursor', () => {
    expect(parseCursorId(cursorId({ xid: 4_294_967_295, row: ROW }))).toEqual({ xid: 4_294_967_295, row: ROW });
    for (const bad of [undefined, '', '12', `4294967296.${ROW}`, `-1.${ROW}`, `12.${ROW}; DROP`, `x.${ROW}`])
      expect(parseCursorId(bad)).toBeUndefined();
  });
});
