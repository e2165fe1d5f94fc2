import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { AttemptPanel } from '../simulation/AttemptPanel';
import { JsonBlock } from '../simulation/JsonBlock';
import { attemptsByStep, traceOverlay } from '../simulation/traceOverlay';
import { OverlayCanvas } from '../versions/canvas/OverlayCanvas';
import { shortId } from '../versions/format';
import { attemptOf } from './api';
import { RejectionNote } from './RejectionNote';
import { RerunLinks } from './RerunLinks';
import { RunActions } from './RunActions';
import { RunApprovals } from './RunApprovals';
import { RunHeader } from './RunHeader';
import { StepTable } from './StepTable';
import { StreamIndicator } from './StreamIndicator';
import { useRunDetail } from './useRunDetail';
import { useRunEvents } from './useRunEvents';
import '../versions/versions.css';
import '../simulation/simulation.css';
import './runs.css';

const ACTIVE = new Set(['queued', 'running', 'waiting']);

/** `/runs/:id`: a run's trace on the canvas, its steps and approvals, live. */
export function RunDetailPage() {
  const { id = '' } = useParams();
  const { run, graph, error, refresh, setRun } = useRunDetail(id);
  const [selected, setSelected] = useState<string | null>(null);
  const stream = useRunEvents(id ? `/api/runs/${id}/events` : null, {
    onRun: (e) => {
      setRun((r) => (r && r.status !== e.status ? { ...r, status: e.status } : r));
      refresh();
    },
    onStep: refresh,
    onReconnect: refresh,
  });

  const trace = useMemo(() => (run ? run.steps.map(attemptOf) : []), [run]);
  const overlay = useMemo(
    () => (run && graph ? traceOverlay({ status: run.status, trace }, graph) : undefined),
    [run, graph, trace],
  );
  const byStep = useMemo(() => attemptsByStep(trace), [trace]);

  return (
    <section aria-labelledby="run-title">
      <div className="page-head">
        <h1 id="run-title">Run {shortId(id)}</h1>
        <div className="actions">
          {run && ACTIVE.has(run.status) && <StreamIndicator state={stream} />}
          {run && <RunActions run={run} onCancelled={refresh} />}
        </div>
      </div>
      {error && <p role="alert">{error.message}</p>}
      {!run && !error && <p aria-busy="true">Loading…</p>}
      {run && (
        <>
          <RunHeader run={run} />
          <RerunLinks run={run} />
          {(run.message || run.error) && (
            <p className={run.status === 'failed' ? 'error' : ''} data-testid="run-message">
              {run.error ? `${run.error.stepKey ? `${run.error.stepKey}: ` : ''}${run.error.message}` : run.message}
            </p>
          )}
          <RejectionNote tasks={run.approvals} graph={graph} runStatus={run.status} />
          <div className="canvas-with-panel">
            {graph ? (
              <OverlayCanvas
                graph={graph}
                overlay={overlay}
                selectedNodeId={selected}
                onSelectNode={setSelected}
                label="Run trace"
              />
            ) : (
              <p className="muted" aria-busy="true">
                Loading the graph…
              </p>
            )}
            <div className="side">
              {selected ? (
                <AttemptPanel nodeId={selected} attempts={byStep.get(selected) ?? []} />
              ) : (
                <p className="panel muted">Select a node or a step to see its input, output and error.</p>
              )}
              <RunApprovals tasks={run.approvals} />
            </div>
          </div>
          <StepTable steps={run.steps} selected={selected} onSelect={setSelected} />
          <JsonBlock label="Trigger event" value={run.event} />
          <JsonBlock label="Run output" value={run.output} />
        </>
      )}
    </section>
  );
}
