import { useCallback, useEffect, useState } from 'react';

export interface AsyncState<T> {
  data: T | null;
  error: Error | null;
  loading: boolean;
  /** Loads again (after a write). */
  reload(): void;
}

/**
 * Runs `load` when `key` changes and keeps its answer; an answer that arrives after the
 * key moved on is dropped.
 */
export function useAsync<T>(load: () => Promise<T>, key: string): AsyncState<T> {
  const [state, setState] = useState<{ data: T | null; error: Error | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (e: unknown) =>
        live && setState({ data: null, error: e instanceof Error ? e : new Error(String(e)), loading: false }),
    );
    return () => {
      live = false;
    };
    // `load` is a new closure on every render; `key` says when it means something else.
  }, [key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
