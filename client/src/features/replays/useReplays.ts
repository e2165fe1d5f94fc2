import type { ReplayView } from '@autonomic/api';
import { useCallback, useEffect, useState } from 'react';
import { listReplays } from './api';

export interface ReplaysState {
  /** The version's replays and shadows, newest first, without items (null while the first read is under way). */
  list: ReplayView[] | null;
  error: Error | null;
  /** Puts a replay or shadow just started or read into the list, in its place or first. */
  merge(replay: ReplayView): void;
}

const withoutItems = ({ items: _items, ...rest }: ReplayView): ReplayView => rest;

/**
 * The replays and shadows of one version, read once per version; what the page starts or
 * reads since (a replay's progress, a shadow's growing diff) is merged in, so the list and
 * the counts it shows stay current without reading the list again.
 */
export function useReplays(workflowId: string, number: number): ReplaysState {
  const [list, setList] = useState<ReplayView[] | null>(null);
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => {
    setList(null);
    setError(null);
    let live = true;
    listReplays(workflowId, number).then(
      ({ replays }) => live && setList(replays),
      (e: unknown) => live && setError(e instanceof Error ? e : new Error(String(e))),
    );
    return () => {
      live = false;
    };
  }, [workflowId, number]);

  const merge = useCallback((replay: ReplayView) => {
    const row = withoutItems(replay);
    setList((l) => {
      const rows = l ?? [];
      return rows.some((r) => r.id === row.id) ? rows.map((r) => (r.id === row.id ? row : r)) : [row, ...rows];
    });
  }, []);

  return { list, error, merge };
}
