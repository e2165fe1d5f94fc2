import { StartReplayBody, type ReplayView } from '@autonomic/api';
import type { EditorGraph } from '@autonomic/workflow';
import { useState } from 'react';
import { ApiErrorMessage } from '../simulation/ApiErrorMessage';
import { useAction } from '../versions/useAction';
import { startReplay } from './api';
import { CountField, parseCount } from './CountField';
import { fieldError } from './fieldError';
import { ReplayHistory } from './ReplayHistory';
import { ReplayTable } from './ReplayTable';
import { useReplayDetail } from './useReplayDetail';

interface Props {
  workflowId: string;
  number: number;
  /** This version's replays (not its shadows), newest first. */
  replays: readonly ReplayView[];
  /** Analysts, reviewers and admins may start one. */
  canRun: boolean;
  /** Whether the workflow has a published version whose events can be replayed. */
  hasPublished: boolean;
  graph?: EditorGraph | undefined;
  /** A replay started or read: the section's list keeps it. */
  onReplay(replay: ReplayView): void;
}

const checkCount = (n: number) => StartReplayBody.safeParse({ count: n });

/**
 * "Replay the last [50] events": starts a replay (queued, then polled until it is done),
 * shows the opened replay's diff — the newest unless another is picked — and the earlier ones.
 */
export function ReplayPanel({ workflowId, number, replays, canRun, hasPublished, graph, onReplay }: Props) {
  const [count, setCount] = useState('50');
  const [localError, setLocalError] = useState<string | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const start = useAction<'start'>();
  const openedId = picked ?? replays[0]?.id ?? null;
  const detail = useReplayDetail(workflowId, openedId, onReplay);
  const opened = detail.replay?.id === openedId ? detail.replay : (replays.find((r) => r.id === openedId) ?? null);
  const pending = opened !== null && (opened.status === 'queued' || opened.status === 'running');
  const serverFieldError = fieldError(start.error, 'count');

  const submit = () => {
    const parsed = parseCount(count, checkCount);
    setLocalError(parsed.error);
    if (parsed.value === null) return;
    const n = parsed.value;
    void start.run('start', async () => {
      const r = await startReplay(workflowId, number, n);
      onReplay(r);
      setPicked(r.id);
    });
  };

  return (
    <div className="replay-panel" data-testid="replay-panel">
      {canRun && hasPublished && (
        <form
          className="replay-form"
          // The field's own message (in words, at the field) instead of the browser's bubble.
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <CountField
            before="Replay the last"
            after="events"
            value={count}
            onChange={(v) => {
              setCount(v);
              setLocalError(null);
            }}
            error={localError ?? serverFieldError}
            min={1}
            max={500}
            testId="replay-count"
          />{' '}
          <button type="submit" disabled={start.pending !== null || pending} data-testid="start-replay">
            {start.pending ? 'Starting…' : 'Replay'}
          </button>
        </form>
      )}
      {start.error && !serverFieldError && <ApiErrorMessage error={start.error} />}
      {opened && (
        <div
          className="replay-opened"
          data-testid="replay-opened"
          data-replay-id={opened.id}
          data-status={opened.status}
        >
          <p role="status" data-testid="replay-status">
            {opened.status === 'queued' && `Replay of the last ${opened.requested ?? '?'} events queued…`}
            {opened.status === 'running' && `Replaying the last ${opened.requested ?? '?'} events…`}
            {opened.status === 'done' &&
              `Replay of the last ${opened.requested ?? '?'} events on v${opened.version}: done${
                opened.baseVersion !== null ? `, compared with the live runs of v${opened.baseVersion}` : ''
              }.`}
            {opened.status === 'error' && `The replay failed: ${opened.message ?? 'no reason given'}`}
          </p>
          {detail.error && <ApiErrorMessage error={detail.error} />}
          {opened.status === 'done' && <ReplayTable key={opened.id} replay={opened} graph={graph} />}
        </div>
      )}
      {replays.length > 1 && <ReplayHistory replays={replays} openedId={openedId} onOpen={setPicked} />}
    </div>
  );
}
