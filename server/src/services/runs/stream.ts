/**
 * Server-sent events of runs: `run` (status changes) and `step` (attempts) as JSON, a
 * heartbeat comment every 15 s so proxies keep the connection, closed with the client.
 * Runs of other processes appear through NOTIFY (status only; their steps do not).
 */
import type { Request, Response } from 'express';
import type { RunEvents, RunEvent, StepEvent } from '../../executor';

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

/**
 * Streams until the client goes away. `first` events go out at once (e.g. the run's
 * current status, so a client that connects late does not miss the end).
 */
export function streamRunEvents(
  req: Request,
  res: Response,
  events: RunEvents,
  filter: StreamFilter,
  first: RunEvent[] = [],
  heartbeatMs = HEARTBEAT_MS,
): void {
  res.status(200).set({
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();
  const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  res.write('retry: 3000\n\n');
  for (const e of first) send('run', publicRun(e));
  const onRun = (e: RunEvent) => {
    if (matches(filter, e)) send('run', publicRun(e));
  };
  const onStep = (e: StepEvent) => {
    if (matches(filter, e)) send('step', e);
  };
  events.on('run', onRun);
  events.on('step', onStep);
  const beat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
  const close = () => {
    clearInterval(beat);
    events.off('run', onRun);
    events.off('step', onStep);
  };
  req.on('close', close);
  res.on('error', close);
}

/** Drops the in-process flag; a run's output stays in its detail, not on the stream. */
function publicRun(e: RunEvent) {
  return {
    runId: e.runId,
    status: e.status,
    ...(e.workflowId === undefined ? {} : { workflowId: e.workflowId }),
    ...(e.error === undefined ? {} : { error: e.error }),
    ...(e.message === undefined ? {} : { message: e.message }),
  };
}
