import { StartShadowBody, type ReplayView } from '@autonomic/api';
import type { EditorGraph } from '@autonomic/workflow';
import { useState } from 'react';
import { ApiErrorMessage } from '../simulation/ApiErrorMessage';
import { formatDate } from '../versions/format';
import { useAction } from '../versions/useAction';
import { startShadow, stopShadow } from './api';
import { CountField, parseCount } from './CountField';
import { fieldError } from './fieldError';
import { ReplayTable } from './ReplayTable';
import { useReplayDetail } from './useReplayDetail';

interface Props {
  workflowId: string;
  number: number;
  /** The version's latest shadow, active or ended (null: it never ran in shadow). */
  shadow: ReplayView | null;
  canRun: boolean;
  hasPublished: boolean;
  graph?: EditorGraph | undefined;
  onShadow(shadow: ReplayView): void;
}

const checkHours = (n: number) => StartShadowBody.safeParse({ hours: n });

/**
 * "Run in shadow for [24] hours" beside the published version (simulated, never sending);
 * while active, how many live events it mirrored and how many differ, its diff growing as
 * they arrive (read again every few seconds while the page is visible), and "Stop shadow"
 * after a confirmation.
 */
export function ShadowPanel({ workflowId, number, shadow, canRun, hasPublished, graph, onShadow }: Props) {
  const [hours, setHours] = useState('24');
  const [localError, setLocalError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const action = useAction<'start' | 'stop'>();
  const detail = useReplayDetail(workflowId, shadow?.id ?? null, onShadow);
  const current = detail.replay?.id === shadow?.id && detail.replay ? detail.replay : shadow;
  const active = current?.status === 'active';
  const serverFieldError = fieldError(action.error, 'hours');

  const start = () => {
    const parsed = parseCount(hours, checkHours);
    setLocalError(parsed.error);
    if (parsed.value === null) return;
    const h = parsed.value;
    void action.run('start', async () => {
      const started = await startShadow(workflowId, number, h);
      detail.accept(started);
      onShadow(started);
    });
  };
  const stop = () => {
    setConfirming(false);
    void action.run('stop', async () => {
      const ended = await stopShadow(workflowId, number);
      detail.accept(ended);
      onShadow(ended);
    });
  };

  return (
    <div className="shadow-panel" data-testid="shadow-panel">
      {current && (
        <p role="status" data-testid="shadow-status" data-status={current.status}>
          {active
            ? `Shadow active until ${formatDate(current.until)} — ${current.summary.events} live events mirrored so far, ${current.summary.different} different.`
            : `Shadow ended ${formatDate(current.finishedAt ?? current.until)} — ${current.summary.events} live events mirrored, ${current.summary.different} different.`}
        </p>
      )}
      {canRun && active && !confirming && (
        <button type="button" className="danger" onClick={() => setConfirming(true)} data-testid="stop-shadow">
          Stop shadow
        </button>
      )}
      {confirming && (
        <div role="alertdialog" aria-label="Stop the shadow" className="replay-confirm">
          <p>Stop the shadow? Live events stop being mirrored; the diff so far is kept.</p>
          <button type="button" className="danger" onClick={stop} data-testid="confirm-stop-shadow">
            Yes, stop it
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Keep it running
          </button>
        </div>
      )}
      {canRun && hasPublished && !active && (
        <form
          className="replay-form"
          // The field's own message (in words, at the field) instead of the browser's bubble.
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            start();
          }}
        >
          <CountField
            before="Run in shadow for"
            after="hours"
            value={hours}
            onChange={(v) => {
              setHours(v);
              setLocalError(null);
            }}
            error={localError ?? serverFieldError}
            min={1}
            max={720}
            testId="shadow-hours"
          />{' '}
          <button type="submit" disabled={action.pending !== null} data-testid="start-shadow">
            {action.pending === 'start' ? 'Starting…' : 'Start shadow'}
          </button>
        </form>
      )}
      {action.error && !serverFieldError && <ApiErrorMessage error={action.error} />}
      {detail.error && <ApiErrorMessage error={detail.error} />}
      {current && <ReplayTable key={current.id} replay={current} graph={graph} />}
    </div>
  );
}
