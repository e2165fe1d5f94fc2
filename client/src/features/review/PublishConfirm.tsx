import { useEffect, useRef } from 'react';
import type { DiffRisk } from '@autonomic/api';

/** What a publish puts live, as the review decided it: shown before the publisher confirms. */
export interface PublishChange {
  /** The workflow's name, to say what goes live. */
  workflowName: string;
  /** The version it replaces; null when nothing is published. */
  replaces: number | null;
  risk: DiffRisk | null;
  reasons: readonly string[];
  /** Destructive steps the version adds or changes. */
  destructive: readonly { stepId: string; label: string }[];
}

interface Props {
  number: number;
  change: PublishChange | undefined;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * The question before publishing: which version goes live, what it replaces, its risk and
 * the destructive steps it brings. Focus starts on Cancel (a slip of Enter does not publish);
 * Escape cancels.
 */
export function PublishConfirm({ number, change, busy, onConfirm, onCancel }: Props) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  const what = change ? `${change.workflowName} v${number}` : `v${number}`;
  return (
    <div
      role="alertdialog"
      aria-labelledby="publish-confirm-title"
      aria-describedby="publish-confirm-what"
      className="panel publish-confirm"
      data-testid="publish-confirm"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <h3 id="publish-confirm-title">Publish {what}?</h3>
      <p id="publish-confirm-what">
        {change?.replaces != null
          ? `It replaces published v${change.replaces}: live events run v${number} from now on.`
          : `It becomes the live version: events run v${number} from now on.`}
      </p>
      {change?.risk && (
        <div data-testid="publish-confirm-risk">
          <strong>Risk: {change.risk}</strong>
          {change.reasons.length > 0 ? (
            <ul>
              {change.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          ) : (
            <span className="muted"> — no destructive action, weakened approval or new write.</span>
          )}
        </div>
      )}
      {change && change.destructive.length > 0 && (
        <p data-testid="publish-confirm-destructive">
          Destructive steps it adds or changes:{' '}
          {change.destructive
            .map((d) => (d.label && d.label !== d.stepId ? `${d.label} (${d.stepId})` : d.stepId))
            .join(', ')}
        </p>
      )}
      <div className="actions">
        <button type="button" ref={cancel} onClick={onCancel} data-testid="publish-confirm-cancel">
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={onConfirm}
          data-testid="publish-confirm-submit"
        >
          {busy ? 'Publishing…' : `Yes, publish v${number}`}
        </button>
      </div>
    </div>
  );
}
