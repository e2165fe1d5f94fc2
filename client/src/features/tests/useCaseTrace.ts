import { useEffect, useState } from 'react';
import type { CanvasOverlay } from '../../editor';
import { toEditorGraph } from '../../editor';
import { useEditorStore } from '../../editor';
import { attemptOf, getRun } from '../runs/api';
import { traceOverlay } from '../simulation/traceOverlay';

/** The case whose simulated run is drawn on the canvas. */
export interface ShownCase {
  name: string;
  runId: string;
}

/**
 * The stored simulation run of the case shown (its `runId`), read through the runs API
 * and drawn as the simulation page draws a trace; null when no case is shown.
 */
export function useCaseTrace(shown: ShownCase | null): { overlay: CanvasOverlay | null; error: Error | null } {
  const store = useEditorStore();
  const [state, setState] = useState<{ overlay: CanvasOverlay | null; error: Error | null }>({
    overlay: null,
    error: null,
  });
  const runId = shown?.runId ?? null;
  useEffect(() => {
    setState({ overlay: null, error: null });
    if (!runId) return undefined;
    let live = true;
    getRun(runId).then(
      (run) => {
        const graph = toEditorGraph(store.getState().graph());
        if (live)
          setState({
            overlay: traceOverlay({ status: run.status, trace: run.steps.map(attemptOf) }, graph),
            error: null,
          });
      },
      (e: unknown) => live && setState({ overlay: null, error: e instanceof Error ? e : new Error(String(e)) }),
    );
    return () => {
      live = false;
    };
  }, [runId, store]);
  return state;
}
