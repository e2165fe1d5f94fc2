import type { WebhookSecretIssued } from '@autonomic/api';
import { useState } from 'react';
import { ApiErrorMessage } from '../simulation/ApiErrorMessage';
import { useAsync } from '../versions/useAsync';
import { getWebhook, removeSecret, rotateSecret } from './api';
import { IssuedSecret } from './IssuedSecret';
import { TestEventForm } from './TestEventForm';

interface Props {
  workflowId: string;
  /** The published trigger type (null: nothing published) and an example event for it. */
  triggerType: string | null;
  exampleEvent: unknown;
  /** The published trigger's input schema: the test event's form. */
  inputSchema?: unknown;
  /** The owner analyst or an admin. */
  mayChange: boolean;
}

type Confirm = 'rotate' | 'remove' | null;

/** The webhook: its URL, whether a secret is set; generate, rotate (confirmed) or remove it; send a test event. */
export function WebhookSection({ workflowId, triggerType, exampleEvent, inputSchema, mayChange }: Props) {
  const state = useAsync(() => getWebhook(workflowId), workflowId);
  const [issued, setIssued] = useState<WebhookSecretIssued | null>(null);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);

  if (!state.data) return state.error ? <ApiErrorMessage error={state.error} /> : null;
  const { url, configured } = state.data;

  const act = async (work: () => Promise<void>) => {
    setConfirm(null);
    setError(null);
    setMessage(null);
    try {
      await work();
      state.reload();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  };
  const generate = () => act(async () => setIssued(await rotateSecret(workflowId)));
  const remove = () =>
    act(async () => {
      await removeSecret(workflowId);
      setIssued(null);
      setMessage('Secret removed: every delivery is refused until a new secret is generated.');
    });

  return (
    <section className="settings-section" aria-labelledby="webhook-title" data-testid="webhook">
      <h2 id="webhook-title">Webhook</h2>
      <p>
        URL: <code data-testid="webhook-url">{url}</code>
      </p>
      <p data-testid="webhook-secret-state">
        {configured ? 'A secret is set (it is never shown again).' : 'No secret: deliveries are refused.'}
      </p>
      {triggerType !== 'trigger.webhook' && (
        <p className="muted">
          {triggerType === null
            ? 'Nothing is published yet: deliveries are refused until a version with a webhook trigger is published.'
            : 'The published version does not start on a webhook: deliveries are refused.'}
        </p>
      )}
      {!mayChange && <p className="muted">Only the workflow’s owner or an admin manages the webhook secret.</p>}
      {mayChange && (
        <div className="actions">
          {configured ? (
            <>
              <button type="button" onClick={() => setConfirm('rotate')}>
                Rotate secret
              </button>
              <button type="button" className="danger" onClick={() => setConfirm('remove')}>
                Remove secret
              </button>
            </>
          ) : (
            <button type="button" className="primary" onClick={() => void generate()}>
              Generate secret
            </button>
          )}
        </div>
      )}
      {confirm && (
        <div role="alertdialog" aria-label="Confirm" className="confirm">
          <p>
            {confirm === 'rotate'
              ? 'Rotate the secret? The old one stops working at once: senders still using it are refused until they use the new one.'
              : 'Remove the secret? Every delivery is refused until a new secret is generated.'}
          </p>
          <button type="button" className="danger" onClick={() => void (confirm === 'rotate' ? generate() : remove())}>
            {confirm === 'rotate' ? 'Yes, rotate' : 'Yes, remove'}
          </button>
          <button type="button" onClick={() => setConfirm(null)}>
            Cancel
          </button>
        </div>
      )}
      {issued && <IssuedSecret issued={issued} onDone={() => setIssued(null)} />}
      {message && <p role="status">{message}</p>}
      {error && <ApiErrorMessage error={error} />}
      {mayChange && configured && triggerType === 'trigger.webhook' && (
        <TestEventForm workflowId={workflowId} example={exampleEvent} inputSchema={inputSchema} />
      )}
    </section>
  );
}
