import type { SimulationView } from '@autonomic/api';
import type { EditorGraph } from '@autonomic/workflow';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { OverlayCanvas } from '../versions/canvas/OverlayCanvas';
import { formatDuration } from '../versions/format';
import { StatusBadge } from '../versions/VersionStatusBadge';
import { AttemptPanel } from './AttemptPanel';
import { EffectsReport } from './EffectsReport';
import { LoopBounds } from './LoopBounds';
import { SimulationNotes } from './SimulationNotes';
import { SourceBadge, sourcesOf } from './SourceBadge';
import { attemptsByStep, traceOverlay } from './traceOverlay';

/** A simulation's outcome: status, its notes, the trace on the canvas, a node's attempts, the effects report. */
export function SimulationResultView({ result, graph }: { result: SimulationView; graph: EditorGraph }) {
  const overlay = useMemo(() => traceOverlay(result, graph), [result, graph]);
  const byStep = useMemo(() => attemptsByStep(result.trace), [result.trace]);
  const [selected, setSelected] = useState<string | null>(result.path[result.path.length - 1] ?? null);
  return (
    <section aria-label="Simulation result" data-testid="simulation-result">
      <div className="result-head">
        <h2>
          Result <StatusBadge status={result.status} />
        </h2>
        <span className="muted">
          {result.path.length} steps · simulated in {formatDuration(result.durationMs)} ·{' '}
          <Link to={`/runs/${result.runId}`}>stored run</Link>
        </span>
        {result.message && <span>{result.message}</span>}
        {result.error && (
          <span className="error">
            {result.error.stepId ? `${result.error.stepId}: ` : ''}
            {result.error.message}
          </span>
        )}
      </div>
      {result.check && (
        <div data-testid="case-check">
          {result.check.passed && result.check.warnings ? (
            <div className="check-failures">
              <span className="badge badge-waiting">case passed with warnings</span> The run met the case’s expectation
              on made-up answers:
              <ul>
                {result.check.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </div>
          ) : result.check.passed ? (
            <p>
              <span className="badge badge-succeeded">case passed</span> The run met the case’s assertions.
            </p>
          ) : (
            <div className="check-failures">
              <span className="badge badge-failed">case failed</span>
              <ul>
                {result.check.failures.map((f) => (
                  <li key={f}>{f}</li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
      <SimulationNotes notes={result.notes} />
      <LoopBounds trace={result.trace} />
      <p className="muted">Path: {['trigger', ...result.path].join(' → ')}</p>
      <div className="canvas-with-panel">
        <OverlayCanvas
          graph={graph}
          overlay={overlay}
          selectedNodeId={selected}
          onSelectNode={setSelected}
          label="Simulated trace"
        />
        <div className="side">
          <nav aria-label="Steps of the trace" className="panel">
            <h2>Steps</h2>
            <ul className="change-list">
              {result.path.map((id, i) => (
                <li key={`${id}-${i}`}>
                  <button
                    type="button"
                    className="change-item"
                    aria-pressed={id === selected}
                    onClick={() => setSelected(id)}
                    data-testid={`trace-step-${id}`}
                  >
                    {i + 1}. {graph.nodes.find((n) => n.id === id)?.data.label ?? id}{' '}
                    <span className={`badge ov-badge-${overlay.nodes[id]?.state ?? 'skipped'}`}>
                      {overlay.nodes[id]?.state}
                    </span>
                    {sourcesOf(byStep.get(id) ?? []).map((s) => (
                      <SourceBadge key={s} source={s} />
                    ))}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          {selected && <AttemptPanel nodeId={selected} attempts={byStep.get(selected) ?? []} />}
        </div>
      </div>
      <EffectsReport effects={result.effects} />
    </section>
  );
}
