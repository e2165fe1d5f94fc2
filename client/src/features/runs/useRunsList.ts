import type { RunRow, RunStreamEvent } from '@autonomic/api';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { getRun, listRuns, matchesFilters, type RunFilters } from './api';

const ENDED = new Set(['succeeded', 'failed', 'cancelled']);

/** Keeps only the list fields of a run detail (the table needs no steps). */
function rowOf(r: RunRow): RunRow {
  const {
    id,
    workflow,
    version,
    mode,
    status,
    trigger,
    error,
    parentRunId,
    createdById,
    eventTimestamp,
    createdAt,
    startedAt,
    finishedAt,
  } = r;
  return {
    id,
    workflow,
    version,
    mode,
    status,
    trigger,
    error,
    parentRunId,
    createdById,
    eventTimestamp,
    createdAt,
    startedAt,
    finishedAt,
  };
}

/**
 * The runs list for some filters: the first page, "load more" (keyset cursor), and live
 * events applied in place (a new run that matches the filters goes on top).
 */
export function useRunsList(filters: RunFilters, key: string) {
  const [runs, setRuns] = useState<RunRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | null>(null);
  const [flash, setFlash] = useState<ReadonlySet<string>>(new Set());
  const filtersRef = useRef(filters);
  const runsRef = useRef(runs);
  useLayoutEffect(() => {
    filtersRef.current = filters;
    runsRef.current = runs;
  });
  const generation = useRef(0);

  const load = useCallback(async (after: string | null) => {
    const gen = generation.current;
    setLoading(true);
    try {
      const page = await listRuns(filtersRef.current, after);
      if (gen !== generation.current) return;
      setRuns((rs) => (after ? [...rs, ...page.runs.filter((r) => !rs.some((x) => x.id === r.id))] : page.runs));
      setCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      if (gen === generation.current) setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      if (gen === generation.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    generation.current += 1;
    setRuns([]);
    setCursor(null);
    void load(null);
  }, [key, load]);

  const mark = (id: string) => setFlash(new Set([id]));

  const onRun = useCallback((e: RunStreamEvent) => {
    const known = runsRef.current.some((r) => r.id === e.runId);
    if (known) {
      setRuns((rs) => rs.map((r) => (r.id === e.runId ? { ...r, status: e.status, error: e.error ?? r.error } : r)));
    }
    mark(e.runId);
    const gen = generation.current;
    // A new run, or one that just ended (its finish time is not on the event): read it.
    if (!known || ENDED.has(e.status)) {
      getRun(e.runId).then(
        (detail) => {
          if (gen !== generation.current) return;
          const row = rowOf(detail);
          setRuns((rs) => {
            if (rs.some((r) => r.id === row.id)) return rs.map((r) => (r.id === row.id ? row : r));
            return matchesFilters(row, filtersRef.current) ? [row, ...rs] : rs;
          });
        },
        () => undefined,
      );
    }
  }, []);

  return {
    runs,
    loading,
    error,
    flash,
    hasMore: cursor !== null,
    loadMore: () => void load(cursor),
    reload: () => void load(null),
    onRun,
  };
}
