import type { WebhookTestResult } from '@autonomic/api';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiErrorMessage } from '../simulation/ApiErrorMessage';
import { shortId } from '../versions/format';
import { sendTestEvent } from './api';

/**
 * "Send a test event": the event (an example from the trigger's input schema, editable)
 * is signed with the workflow's secret by the server and delivered through the webhook
 * intake; the run it started is linked.
 */
export function TestEventForm({ workflowId, example }: { workflowId: string; example: unknown }) {
  const [text, setText] = useState(() => JSON.stringify(example, null, 2));
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [result, setResult] = useState<WebhookTestResult | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [sending, setSending] = useState(false);

  const send = async () => {
    setResult(null);
    setError(null);
    let event: unknown;
    try {
      event = JSON.parse(text);
    } catch {
      setJsonError('The event is not valid JSON: check quotes, commas and braces.');
      return;
    }
    setJsonError(null);
    setSending(true);
    try {
      setResult(await sendTestEvent(workflowId, event));
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="test-event">
      <label htmlFor="test-event">Test event (JSON, made from the trigger’s input schema)</label>
      <textarea
        id="test-event"
        rows={6}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={jsonError ? true : undefined}
        aria-describedby={jsonError ? 'test-event-error' : undefined}
      />
      {jsonError && (
        <span className="field-error" id="test-event-error">
          {jsonError}
        </span>
      )}
      <button type="button" className="primary" disabled={sending} onClick={() => void send()}>
        Send a test event
      </button>
      {result && (
        <p role="status" data-testid="test-event-result">
          {result.deduplicated
            ? 'Already delivered: it answered the run it started before, '
            : 'Delivered: it started '}
          <Link to={`/runs/${result.runId}`}>run {shortId(result.runId)}</Link>.
        </p>
      )}
      {error && <ApiErrorMessage error={error} />}
    </div>
  );
}
