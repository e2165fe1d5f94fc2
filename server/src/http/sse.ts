/**
 * Server-sent events of runs: `run` (status changes) and `step` (attempts) as JSON frames
 * of the contract's `RUN_STREAM_EVENTS`, a heartbeat comment every 15 s so proxies keep
 * the connection, closed with the client. Runs of other processes appear through NOTIFY
 * (status only; their steps do not).
 */
import type { RunStreamEvent, RunStreamEventName, StepStreamEvent } from '@autonomic/api';
import type { Request, Response } from 'express';
import type { RunEvent, RunEvents, StepEvent } from '../executor';

export interface StreamFilter {
  runId?: string;
  workflowId?: string;
}

export const HEARTBEAT_MS = 15_000;

function matches(f: StreamFilter, e: { runId: string; workflowId?: string }): boolean {
  if (f.runId !== undefined && e.runId !== f.runId) return false;
  if (f.workflowId !== undefined && e.workflowId !== undefined && e.workflowId !== f.workflowId) return false;
  return true;
}

/** One frame: the event's name and its data as one line of JSON. */
export function sseFrame<K extends RunStreamEventName>(
  event: K,
  data: K extends 'run' ? RunStreamEvent : StepStreamEvent,
): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A run event as the stream shows it: no in-process flag, no output (that stays in the run's detail). */
export function publicRun(e: Pick<RunEvent, 'runId' | 'workflowId' | 'status' | 'error' | 'message'>): RunStreamEvent {
  return {
    runId: e.runId,
    status: e.status,
    ...(e.workflowId === undefined ? {} : { workflowId: e.workflowId }),
    ...(e.error === undefined ? {} : { error: e.error }),
    ...(e.message === undefined ? {} : { message: e.message }),
  };
}

/**
 * Streams until the client goes away. `current` (e.g. the run's status now, so that a
 * client that connects late does not miss the end) is read after the listeners are on:
 * an event that comes meanwhile is kept and sent after it, never lost. When `current`
 * throws (e.g. no such run), nothing is sent and the error goes to the caller.
 */
export async function streamRunEvents(
  req: Request,
  res: Response,
  events: RunEvents,
  filter: StreamFilter,
  options: { current?: () => Promise<RunStreamEvent[]>; heartbeatMs?: number } = {},
): Promise<void> {
  let held: string[] | null = [];
  const send = (frame: string) => (held ? held.push(frame) : res.write(frame));
  const onRun = (e: RunEvent) => {
    if (matches(filter, e)) send(sseFrame('run', publicRun(e)));
  };
  const onStep = (e: StepEvent) => {
    if (matches(filter, e)) send(sseFrame('step', e));
  };
  events.on('run', onRun);
  events.on('step', onStep);
  let stopBeating = () => {};
  let gone = false;
  const close = () => {
    gone = true;
    stopBeating();
    events.off('run', onRun);
    events.off('step', onStep);
  };
  req.on('close', close);
  res.on('error', close);
  let first: RunStreamEvent[];
  try {
    first = (await options.current?.()) ?? [];
  } catch (e) {
    close();
    throw e;
  }
  if (gone) return;

  res.status(200).set({
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();
  res.write('retry: 3000\n\n');
  for (const e of first) res.write(sseFrame('run', e));
  for (const frame of held) res.write(frame);
  held = null;
  const beat = setInterval(() => res.write(': heartbeat\n\n'), options.heartbeatMs ?? HEARTBEAT_MS);
  stopBeating = () => clearInterval(beat);
}
