import type { ReplayItemView, ReplayView } from '@autonomic/api';
import type { EditorGraph } from '@autonomic/workflow';
import { useState } from 'react';
import { ReplayRow } from './ReplayRow';
import { ReplaySummaryLine } from './ReplaySummaryLine';
import { ReplayTrace } from './ReplayTrace';

interface Props {
  replay: ReplayView;
  /** The candidate's graph, to draw a row's simulated trace on; without it rows have no "Show on canvas". */
  graph?: EditorGraph | undefined;
}

/** Why a replay or shadow has no event to show, in words. */
function emptyText(r: ReplayView): string {
  if (r.baseVersion === null) return 'No published version: there are no live events to compare with.';
  if (r.kind === 'shadow')
    return r.status === 'active'
      ? 'No live event has arrived since the shadow started.'
      : 'No live event arrived while the shadow ran.';
  return 'No stored events: the published version has not received any yet.';
}

/**
 * A replay's or shadow's behavioural diff: the summary counts, then one row per real event
 * (newest first), "only different" on by default when some event differs, and the
 * candidate's simulated trace of the row shown on the canvas.
 */
export function ReplayTable({ replay, graph }: Props) {
  const [onlyDifferent, setOnlyDifferent] = useState<boolean | null>(null);
  const [shown, setShown] = useState<ReplayItemView | null>(null);
  const items = replay.items;
  const differs = (i: ReplayItemView) => i.outcome !== 'same';
  const filter = onlyDifferent ?? (items ?? []).some(differs);
  const rows = items ? (filter ? items.filter(differs) : items) : [];
  const settled = replay.status !== 'queued' && replay.status !== 'running';

  if (!settled) return null;
  return (
    <div className="replay-diff" data-testid={`${replay.kind}-diff`}>
      <ReplaySummaryLine summary={replay.summary} />
      {replay.summary.events === 0 && (items === undefined || items.length === 0) ? (
        <p className="muted" data-testid="replay-empty">
          {emptyText(replay)}
        </p>
      ) : !items ? (
        <p aria-busy="true">Loading the events…</p>
      ) : (
        <>
          <label className="replay-filter">
            <input
              type="checkbox"
              checked={filter}
              onChange={(e) => setOnlyDifferent(e.target.checked)}
              data-testid="only-different"
            />{' '}
            Only different ({items.filter(differs).length} of {items.length})
          </label>
          {shown?.simulationRunId && graph && (
            <ReplayTrace
              graph={graph}
              runId={shown.simulationRunId}
              eventAt={shown.eventAt}
              onHide={() => setShown(null)}
            />
          )}
          <table className="replay-table">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Outcome</th>
                <th scope="col">Status live → candidate</th>
                <th scope="col">Path</th>
                <th scope="col">Effects</th>
                <th scope="col" aria-label="Trace" />
              </tr>
            </thead>
            <tbody>
              {rows.map((item) => (
                <ReplayRow
                  key={item.id}
                  item={item}
                  shown={shown?.id === item.id}
                  {...(graph ? { onShow: (i: ReplayItemView) => setShown(shown?.id === i.id ? null : i) } : {})}
                />
              ))}
            </tbody>
          </table>
          {rows.length === 0 && <p className="muted">Every event behaved the same.</p>}
        </>
      )}
    </div>
  );
}
