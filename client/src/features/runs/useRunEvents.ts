import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { RunStatus, StepError } from '../simulation/types';

/** A `run` event of the stream: a status change. */
export interface RunEvent {
  runId: string;
  workflowId?: string;
  status: RunStatus;
  error?: StepError;
  message?: string;
}

/** A `step` event: an attempt started or changed (runs of this server process only). */
export interface StepEvent {
  runId: string;
  stepId: string;
  stepKey: string;
  attempt: number;
  status: string;
}

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'unsupported';

export interface RunEventHandlers {
  onRun?(e: RunEvent): void;
  onStep?(e: StepEvent): void;
  /** After the stream came back: events may have been missed, so load again. */
  onReconnect?(): void;
}

const MAX_BACKOFF_MS = 30_000;

function parse<T>(e: MessageEvent): T | null {
  try {
    const v: T = JSON.parse(String(e.data));
    return v;
  } catch {
    return null;
  }
}

/**
 * Listens to a server-sent event stream of runs (`/api/runs/events`, `/api/runs/:id/events`).
 * The browser reconnects by itself after a dropped connection; when it gives up (the
 * stream closed, e.g. after a restart) a new one is opened with a growing delay. Every
 * reconnection calls `onReconnect` so the page can catch up on what it missed.
 */
export function useRunEvents(url: string | null, handlers: RunEventHandlers): StreamState {
  const ref = useRef(handlers);
  useLayoutEffect(() => {
    ref.current = handlers;
  });
  const [state, setState] = useState<StreamState>(typeof EventSource === 'undefined' ? 'unsupported' : 'connecting');

  useEffect(() => {
    if (!url || typeof EventSource === 'undefined') return undefined;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let backoff = 1000;
    let dropped = false;
    let closed = false;

    const open = () => {
      source = new EventSource(url, { withCredentials: true });
      source.addEventListener('open', () => {
        setState('live');
        backoff = 1000;
        if (dropped) ref.current.onReconnect?.();
        dropped = false;
      });
      source.addEventListener('error', () => {
        dropped = true;
        setState('reconnecting');
        if (source?.readyState === EventSource.CLOSED && !closed) {
          source.close();
          timer = setTimeout(open, backoff);
          backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
      });
      source.addEventListener('run', (e) => {
        const v = parse<RunEvent>(e);
        if (v) ref.current.onRun?.(v);
      });
      source.addEventListener('step', (e) => {
        const v = parse<StepEvent>(e);
        if (v) ref.current.onStep?.(v);
      });
    };
    open();
    return () => {
      closed = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [url]);
  return state;
}
