import type { Role } from '@autonomic/api';
import type { EditorGraph } from '@autonomic/workflow';
import { ApiErrorMessage } from '../simulation/ApiErrorMessage';
import { mayRunReplays } from './api';
import { ReplayPanel } from './ReplayPanel';
import { ShadowPanel } from './ShadowPanel';
import { useReplays } from './useReplays';
import './replays.css';

export interface ReplaySectionProps {
  workflowId: string;
  /** The candidate version. */
  number: number;
  /** The workflow's published version, whose real events are replayed (null: none is). */
  publishedNumber: number | null;
  role: Role | undefined;
  /** The candidate's graph, to draw an event's simulated trace on. */
  graph?: EditorGraph | undefined;
}

/**
 * "Replay on real events" (issue 15 §1, §3): what this version would have done on the real
 * events the published version received — the last N replayed in simulation, or each new
 * one mirrored in shadow for a period — compared event by event with what the live runs
 * did. Nothing is ever sent. Analysts, reviewers and admins start and stop; managers read.
 */
export function ReplaySection({ workflowId, number, publishedNumber, role, graph }: ReplaySectionProps) {
  const { list, error, merge } = useReplays(workflowId, number);
  const canRun = mayRunReplays(role);
  const hasPublished = publishedNumber !== null;
  const replays = (list ?? []).filter((r) => r.kind === 'replay');
  const shadow = (list ?? []).find((r) => r.kind === 'shadow') ?? null;

  return (
    <section className="panel replay-section" aria-labelledby="replay-title" data-testid="replay-section">
      <h2 id="replay-title">Replay on real events</h2>
      <p className="muted">
        This version simulated on the real events of{' '}
        {hasPublished ? `the published version (v${publishedNumber})` : 'the published version'}, event by event beside
        what its live runs did: path, effects and status. Nothing is sent.
      </p>
      {!hasPublished && (
        <p data-testid="replay-no-published">
          There is no published version: no real event has been received to replay or mirror.
        </p>
      )}
      {error && <ApiErrorMessage error={error} />}
      {list === null && !error && <p aria-busy="true">Loading…</p>}
      {list !== null && (
        <>
          <ReplayPanel
            workflowId={workflowId}
            number={number}
            replays={replays}
            canRun={canRun}
            hasPublished={hasPublished}
            graph={graph}
            onReplay={merge}
          />
          <h3>Shadow</h3>
          <ShadowPanel
            workflowId={workflowId}
            number={number}
            shadow={shadow}
            canRun={canRun}
            hasPublished={hasPublished}
            graph={graph}
            onShadow={merge}
          />
        </>
      )}
    </section>
  );
}
