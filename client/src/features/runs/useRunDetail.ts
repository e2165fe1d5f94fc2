import type { RunDetail } from '@autonomic/api';
import type { EditorGraph } from '@autonomic/workflow';
import { useCallback, useEffect, useRef, useState } from 'react';
import { getVersion } from '../versions/api';
import { graphOfDocument } from '../versions/graph';
import { getRun } from './api';

/**
 * One run and the graph of its version; `refresh` reads the run again, at most a few
 * times a second however many live events arrive.
 */
export function useRunDetail(id: string) {
  const [run, setRun] = useState<RunDetail | null>(null);
  const [graph, setGraph] = useState<EditorGraph | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const graphKey = useRef('');

  const fetchRun = useCallback(async () => {
    try {
      const r = await getRun(id);
      setRun(r);
      setError(null);
      const key = `${r.workflow.id}|${r.version.number}`;
      if (graphKey.current !== key) {
        graphKey.current = key;
        const v = await getVersion(r.workflow.id, r.version.number);
        setGraph(graphOfDocument(v.document));
      }
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  }, [id]);

  useEffect(() => {
    setRun(null);
    graphKey.current = '';
    void fetchRun();
    return () => clearTimeout(timer.current);
  }, [fetchRun]);

  const refresh = useCallback(() => {
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      void fetchRun();
    }, 250);
  }, [fetchRun]);

  return { run, graph, error, refresh, setRun };
}
