import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { loadDashboard, type DashboardData, type DashboardFilter } from './api';

export type DashboardState =
  | { status: 'loading'; data: DashboardData | null }
  | { status: 'ready'; data: DashboardData; ms: number }
  | { status: 'error'; data: DashboardData | null; message: string };

/** Loads every aggregate for a filter (the previous data stays on screen while the next loads). */
export function useDashboard(filter: DashboardFilter): { state: DashboardState; reload: () => void } {
  const [state, setState] = useState<DashboardState>({ status: 'loading', data: null });
  const [nonce, setNonce] = useState(0);
  const { from, to, workflowId } = filter;

  useEffect(() => {
    const abort = new AbortController();
    const t0 = performance.now();
    setState((s) => ({ status: 'loading', data: s.data }));
    loadDashboard({ from, to, ...(workflowId ? { workflowId } : {}) }, abort.signal)
      .then((data) => setState({ status: 'ready', data, ms: Math.round(performance.now() - t0) }))
      .catch((e: unknown) => {
        if (abort.signal.aborted) return;
        const message = e instanceof ApiError ? e.message : e instanceof Error ? e.message : String(e);
        setState((s) => ({ status: 'error', data: s.data, message }));
      });
    return () => abort.abort();
  }, [from, to, workflowId, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { state, reload };
}
