import type { ReplayStatus, ReplayView } from '@autonomic/api';
import { useCallback, useEffect, useRef, useState } from 'react';
import { getReplay } from './api';

/** How often a queued or running replay is read again. */
export const REPLAY_POLL_MS = 1_500;
/** How often an active shadow is read again while the page is visible: its diff grows as live events arrive. */
export const SHADOW_POLL_MS = 4_000;

const GROWING: ReadonlySet<ReplayStatus> = new Set(['queued', 'running', 'active']);

/** Whether a replay or shadow may still change (and so is read again). */
export const isGrowing = (r: Pick<ReplayView, 'status'>): boolean => GROWING.has(r.status);

export interface ReplayDetail {
  replay: ReplayView | null;
  error: Error | null;
  /**
   * Takes a write's answer about this replay (a shadow stopped) at once, keeping the items
   * read before when the answer has none, then reads it again.
   */
  accept(replay: ReplayView): void;
}

const visible = () => typeof document === 'undefined' || document.visibilityState !== 'hidden';

/**
 * One replay or shadow with its items, read when `replayId` changes and again while it is
 * queued, running or active — every {@link REPLAY_POLL_MS} for a replay, {@link SHADOW_POLL_MS}
 * for a shadow — and only while the page is visible (a hidden page reads again when shown).
 * Once it is done, errored or ended nothing more is read; a failed read is tried again
 * more slowly. Each answer goes to `onRead` too.
 */
export function useReplayDetail(
  workflowId: string,
  replayId: string | null,
  onRead?: (replay: ReplayView) => void,
): ReplayDetail {
  const [state, setState] = useState<{ replay: ReplayView | null; error: Error | null }>({ replay: null, error: null });
  const [tick, setTick] = useState(0);
  const report = useRef(onRead);
  report.current = onRead;
  const shownId = useRef<string | null>(null);

  useEffect(() => {
    // Another replay: what was shown is of the old one. The same one read again keeps it meanwhile.
    if (shownId.current !== replayId) setState({ replay: null, error: null });
    shownId.current = replayId;
    if (!replayId) return undefined;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let growing = true;
    let busy = false;
    // A timer that fires on a hidden page reads nothing: the page reads again when it is shown.
    const onTimer = () => {
      timer = undefined;
      if (visible()) void read();
    };
    const read = async () => {
      busy = true;
      try {
        const r = await getReplay(workflowId, replayId);
        if (!live) return;
        setState({ replay: r, error: null });
        report.current?.(r);
        growing = isGrowing(r);
        if (growing) timer = setTimeout(onTimer, r.kind === 'shadow' ? SHADOW_POLL_MS : REPLAY_POLL_MS);
      } catch (e) {
        if (!live) return;
        setState((s) => ({ ...s, error: e instanceof Error ? e : new Error(String(e)) }));
        // A failed read of something still growing is tried again, more slowly.
        if (growing) timer = setTimeout(onTimer, SHADOW_POLL_MS * 2);
      } finally {
        busy = false;
      }
    };
    const onVisibility = () => {
      if (growing && visible() && timer === undefined && !busy) void read();
    };
    document.addEventListener('visibilitychange', onVisibility);
    void read();
    return () => {
      live = false;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [workflowId, replayId, tick]);

  const accept = useCallback(
    (r: ReplayView) => {
      if (r.id !== replayId) return;
      setState((s) => ({ replay: { ...r, items: r.items ?? s.replay?.items }, error: null }));
      setTick((t) => t + 1);
    },
    [replayId],
  );

  return { ...state, accept };
}
