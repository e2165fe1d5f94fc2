/**
 * Server-sent events of runs: `run` (status changes) and `step` (attempts) as JSON frames
 * of the contract's `RUN_STREAM_EVENTS`, a heartbeat comment every 15 s so proxies keep
 * the connection, closed with the client.
 *
 * One run's stream follows the run in the database (../executor/run-follow.ts): its
 * steps and status whichever process drives it, each `step` frame with an `id` so that a
 * reconnecting browser (`Last-Event-ID`) gets exactly what it missed. The stream of all
 * runs shows this bus: status changes of every process (through NOTIFY), steps of the
 * runs driven here.
 */
import type { RunStreamEvent, RunStreamEventName, StepStreamEvent } from '@autonomic/api';
import type { Request, Response } from 'express';
import type { RunEvent, RunEvents, StepEvent } from '../executor';
import type { ChangeSource } from '../executor/events';
import { parseCursorId, RunFollower, type Followed } from '../executor/run-follow';

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

/** One frame: the event's name, its id when it has one, and its data as one line of JSON. */
export function sseFrame<K extends RunStreamEventName>(
  event: K,
  data: K extends 'run' ? RunStreamEvent : StepStreamEvent,
  id?: string,
): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n${id === undefined ? '' : `id: ${id}\n`}\n`;
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
  options: StreamOptions = {},
): Promise<void> {
  if (filter.runId !== undefined && events.changes)
    return followRun(req, res, events, events.changes, filter.runId, options);
  // A process without an executor listens from its first stream on (other processes' runs).
  events.changes?.listen().catch((err: unknown) => events.changes?.warn(err));
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

  opening(res, first);
  for (const frame of held) res.write(frame);
  held = null;
  stopBeating = heartbeat(res, options.heartbeatMs);
}

export interface StreamOptions {
  /** The first frames: the run's status now (throws, e.g. no such run, before anything is written). */
  current?: () => Promise<RunStreamEvent[]>;
  /** @default HEARTBEAT_MS */
  heartbeatMs?: number;
  /** How often a followed run is read without being told of a commit. @default 5000 */
  pollMs?: number;
}

function opening(res: Response, first: readonly RunStreamEvent[]): void {
  res.status(200).set({
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();
  res.write('retry: 3000\n\n');
  for (const e of first) res.write(sseFrame('run', e));
}

function heartbeat(res: Response, ms = HEARTBEAT_MS): () => void {
  const beat = setInterval(() => res.write(': heartbeat\n\n'), ms);
  return () => clearInterval(beat);
}

/**
 * One run's stream: its current status first (`current`), then its attempts after the
 * browser's `Last-Event-ID` (all of them on a first connection) and its later changes,
 * read from the database each time a commit of the run is announced.
 */
async function followRun(
  req: Request,
  res: Response,
  events: RunEvents,
  source: ChangeSource,
  runId: string,
  options: StreamOptions,
): Promise<void> {
  let gone = false;
  let stop = () => {};
  const close = () => {
    gone = true;
    stop();
  };
  req.on('close', close);
  res.on('error', close);
  const first = (await options.current?.()) ?? [];
  if (gone) return;
  opening(res, first);
  const write = (f: Followed) =>
    res.write(f.kind === 'step' ? sseFrame('step', f.step, f.id) : sseFrame('run', publicRun(f.run)));
  const after = parseCursorId(req.get('last-event-id'));
  const status = first.at(-1)?.status;
  const follower = new RunFollower(runId, events, source, write, {
    ...(after ? { after } : {}),
    ...(status ? { status } : {}),
    ...(options.pollMs ? { pollMs: options.pollMs } : {}),
  });
  const stopBeating = heartbeat(res, options.heartbeatMs);
  stop = () => {
    follower.stop();
    stopBeating();
  };
  await follower.start();
}
