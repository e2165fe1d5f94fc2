/** The SSE framing of run events (http/sse.ts), against a fake request and response. */
import { RUN_STREAM_EVENTS, type RunStreamEvent } from '@autonomic/api';
import type { Request, Response } from 'express';
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RunEvents, type StepEvent } from '../../src/executor';
import type { ChangeSource } from '../../src/executor/events';
import { streamRunEvents } from '../../src/http/sse';
import type { ChangeCursor } from '../../src/store/run-changes';

class FakeResponse extends EventEmitter {
  status = vi.fn(() => this);
  set = vi.fn(() => this);
  flushHeaders = vi.fn();
  readonly written: string[] = [];
  write(chunk: string): boolean {
    this.written.push(chunk);
    return true;
  }
  /** The `event:` frames written so far, each parsed and checked against the contract's schema (with its id when it has one). */
  frames() {
    return this.written
      .filter((c) => c.startsWith('event: '))
      .map((c) => {
        const [head, body, id] = c.split('\n');
        const event = head?.slice('event: '.length) as keyof typeof RUN_STREAM_EVENTS;
        const data = RUN_STREAM_EVENTS[event].parse(JSON.parse(body?.slice('data: '.length) ?? ''));
        return id?.startsWith('id: ') ? { event, data, id: id.slice('id: '.length) } : { event, data };
      });
  }
}

const step = (over: Partial<StepEvent> = {}): StepEvent => ({
  runId: 'r1',
  workflowId: 'w1',
  stepId: 'lookup',
  stepKey: 'lookup',
  nodeType: 'http',
  attempt: 1,
  status: 'succeeded',
  startedAt: 1_000,
  finishedAt: 1_200,
  port: 'out',
  ...over,
});

let events: RunEvents;
let req: EventEmitter;
let res: FakeResponse;
const open = (filter: { runId?: string; workflowId?: string }, current?: () => Promise<RunStreamEvent[]>) =>
  streamRunEvents(req as unknown as Request, res as unknown as Response, events, filter, {
    heartbeatMs: 100,
    ...(current ? { current } : {}),
  });

beforeEach(() => {
  vi.useFakeTimers();
  events = new RunEvents();
  req = new EventEmitter();
  res = new FakeResponse();
});
afterEach(() => {
  req.emit('close');
  vi.useRealTimers();
});

describe('streamRunEvents', () => {
  it('when a stream opens then it answers 200 text/event-stream, a retry hint and the current status at once', async () => {
    await open({ runId: 'r1' }, async () => [{ runId: 'r1', workflowId: 'w1', status: 'running' }]);

    expect(res.status).toHaveBeenCalledWith(200);
    expect(res.set).toHaveBeenCalledWith(
      expect.objectContaining({ 'content-type': 'text/event-stream; charset=utf-8' }),
    );
    expect(res.written[0]).toBe('retry: 3000\n\n');
    expect(res.frames()).toEqual([{ event: 'run', data: { runId: 'r1', workflowId: 'w1', status: 'running' } }]);
  });

  it('when events come while the current status is read then they go out after it, none lost', async () => {
    let read: (v: RunStreamEvent[]) => void = () => undefined;
    const opening = open({ runId: 'r1' }, () => new Promise((r) => (read = r)));

    events.emit('step', step());
    events.emit('run', { runId: 'r1', status: 'succeeded', local: true });
    expect(res.written).toEqual([]);
    read([{ runId: 'r1', status: 'running' }]);
    await opening;

    expect(res.frames()).toEqual([
      { event: 'run', data: { runId: 'r1', status: 'running' } },
      { event: 'step', data: step() },
      { event: 'run', data: { runId: 'r1', status: 'succeeded' } },
    ]);
  });

  it('when reading the current status fails then nothing is written, the listeners go and the error reaches the route', async () => {
    await expect(open({ runId: 'r1' }, () => Promise.reject(new Error('no such run')))).rejects.toThrow('no such run');

    expect(res.status).not.toHaveBeenCalled();
    expect(res.written).toEqual([]);
    expect(events.listenerCount('run')).toBe(0);
    expect(events.listenerCount('step')).toBe(0);
  });

  it('when run and step events come then only those of the filtered run go out, without the in-process flag or output', async () => {
    await open({ runId: 'r1' });

    events.emit('run', { runId: 'r2', status: 'running', local: true });
    events.emit('step', step());
    events.emit('step', step({ runId: 'r2' }));
    events.emit('run', { runId: 'r1', workflowId: 'w1', status: 'succeeded', output: { secret: 1 }, local: true });

    expect(res.frames()).toEqual([
      { event: 'step', data: step() },
      { event: 'run', data: { runId: 'r1', workflowId: 'w1', status: 'succeeded' } },
    ]);
  });

  it('when filtered by workflow then events of other workflows are dropped, and events of unknown workflow kept', async () => {
    await open({ workflowId: 'w1' });

    events.emit('run', { runId: 'r1', workflowId: 'w2', status: 'running', local: true });
    events.emit('run', { runId: 'r3', status: 'failed', local: false });

    expect(res.frames()).toEqual([{ event: 'run', data: { runId: 'r3', status: 'failed' } }]);
  });

  it('when the client goes away then heartbeats stop and the listeners are removed', async () => {
    await open({});
    vi.advanceTimersByTime(250);
    expect(res.written.filter((c) => c === ': heartbeat\n\n')).toHaveLength(2);

    req.emit('close');
    vi.advanceTimersByTime(1_000);

    expect(res.written.filter((c) => c === ': heartbeat\n\n')).toHaveLength(2);
    expect(events.listenerCount('run')).toBe(0);
    expect(events.listenerCount('step')).toBe(0);
  });

  it('when one run is followed in the database then the stream reads after the Last-Event-ID, each step frame carries its id and the status comes after the steps', async () => {
    const row = '01a24c07-4429-7ce9-8913-fa4641f790d3';
    const reads: (ChangeCursor | undefined)[] = [];
    const source: ChangeSource = {
      read: async (_runId, after) => {
        reads.push(after);
        const { runId: _r, workflowId: _w, ...a } = step();
        return { status: 'succeeded', workflowId: 'w1', attempts: [{ ...a, cursor: { xid: 42, row } }] };
      },
      listen: async () => undefined,
      warn: () => undefined,
    };
    events = new RunEvents(source);
    Object.assign(req, { get: (h: string) => (h === 'last-event-id' ? `41.${row}` : undefined) });

    await open({ runId: 'r1' }, async () => [{ runId: 'r1', workflowId: 'w1', status: 'running' }]);

    expect(reads).toEqual([{ xid: 41, row }]);
    expect(res.frames()).toEqual([
      { event: 'run', data: { runId: 'r1', workflowId: 'w1', status: 'running' } },
      { event: 'step', data: step(), id: `42.${row}` },
      { event: 'run', data: { runId: 'r1', workflowId: 'w1', status: 'succeeded' } },
    ]);
  });
});
