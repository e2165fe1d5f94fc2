import type { EditorGraph } from '@autonomic/workflow';
import { useMemo } from 'react';
import { attemptOf, getRun } from '../runs/api';
import { traceOverlay } from '../simulation/traceOverlay';
import { OverlayCanvas } from '../versions/canvas/OverlayCanvas';
import { formatDate } from '../versions/format';
import { useAsync } from '../versions/useAsync';

interface Props {
  /** The candidate version's graph, which the simulation ran. */
  graph: EditorGraph;
  /** The stored simulation run of the event shown. */
  runId: string;
  eventAt: string;
  onHide(): void;
}

/** The candidate's simulated run of one real event, drawn on its graph as a run's trace is. */
export function ReplayTrace({ graph, runId, eventAt, onHide }: Props) {
  const run = useAsync(() => getRun(runId), runId);
  const overlay = useMemo(
    () =>
      run.data ? traceOverlay({ status: run.data.status, trace: run.data.steps.map(attemptOf) }, graph) : undefined,
    [run.data, graph],
  );
  return (
    <div className="replay-trace" data-testid="replay-trace" data-run-id={runId}>
      <p>
        The candidate’s simulated run of the event of {formatDate(eventAt)}
        {run.data ? ` (${run.data.status})` : ''}{' '}
        <button type="button" onClick={onHide}>
          Hide
        </button>
      </p>
      {run.error && <p role="alert">{run.error.message}</p>}
      {overlay ? (
        <OverlayCanvas graph={graph} overlay={overlay} label="Candidate's simulated trace" />
      ) : (
        !run.error && <p aria-busy="true">Loading the trace…</p>
      )}
    </div>
  );
}
