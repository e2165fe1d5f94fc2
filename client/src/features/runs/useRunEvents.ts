import { RUN_STREAM_EVENTS, type RunStreamEvent, type RunStreamEventName, type StepStreamEvent } from '@autonomic/api';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { z } from 'zod';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'unsupported';

export interface RunEventHandlers {
  onRun?(e: RunStreamEvent): void;
  onStep?(e: StepStreamEvent): void;
  /** After the stream came back: events may have been missed, so load again. */
  onReconnect?(): void;
  /** A frame that is not what the contract says (dropped). @default a console warning */
  onMalformed?(event: RunStreamEventName, data: string): void;
}

const MAX_BACKOFF_MS = 30_000;

/** A frame's data parsed with its event's schema; null when it is not JSON or not that shape. */
export function parseFrame<S extends z.ZodType>(schema: S, data: string): z.output<S> | null {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const r = schema.safeParse(json);
  return r.success ? r.data : null;
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
      const malformed = (event: RunStreamEventName, data: string) => {
        if (ref.current.onMalformed) ref.current.onMalformed(event, data);
        else console.warn(`run stream: dropped a malformed ${event} event`, data);
      };
      source.addEventListener('run', (e) => {
        const data = String(e.data);
        const v = parseFrame(RUN_STREAM_EVENTS.run, data);
        if (v) ref.current.onRun?.(v);
        else malformed('run', data);
      });
      source.addEventListener('step', (e) => {
        const data = String(e.data);
        const v = parseFrame(RUN_STREAM_EVENTS.step, data);
        if (v) ref.current.onStep?.(v);
        else malformed('step', data);
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
