import type { WebhookTestResult } from '@autonomic/api';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { SchemaForm } from '../../forms/SchemaForm';
import type { Json } from '../../forms/jsonValue';
import { errorsByField } from '../../forms/schemaFields';
import { ApiErrorMessage } from '../simulation/ApiErrorMessage';
import { shortId } from '../versions/format';
import { sendTestEvent } from './api';

interface Props {
  workflowId: string;
  /** An event the trigger's input schema accepts: the form starts from it. */
  example: unknown;
  /** The published trigger's input schema: the form's fields (no schema: the JSON view only). */
  inputSchema?: unknown;
}

/**
 * "Send a test event": the event, filled in on a form made from the trigger's input schema
 * (starting from an example it accepts; a JSON view for experts), is signed with the
 * workflow's secret by the server and delivered through the webhook intake; the run it
 * started is linked, and a field the trigger refuses is told at that field.
 */
export function TestEventForm({ workflowId, example, inputSchema }: Props) {
  const [event, setEvent] = useState<Json | undefined>(() => (example ?? {}) as Json);
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const [result, setResult] = useState<WebhookTestResult | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [sending, setSending] = useState(false);
  const details = error instanceof ApiError && error.code === 'invalid_event' ? error.details : [];
  const errors = useMemo(() => errorsByField(details, 'body'), [details]);

  const send = async () => {
    setTried(true);
    setResult(null);
    setError(null);
    if (jsonError) return;
    setSending(true);
    try {
      setResult(await sendTestEvent(workflowId, event ?? {}));
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="test-event">
      <SchemaForm
        schema={inputSchema ?? { type: 'object' }}
        value={event}
        onChange={setEvent}
        label="Test event"
        testId="test-event"
        errors={errors}
        showAllProblems={tried}
        noFields="The trigger declares no fields: the test event is empty unless written in the JSON view."
        onJsonError={setJsonError}
      />
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
      {error && !(error instanceof ApiError && error.code === 'invalid_event' && errors.size > 0) && (
        <ApiErrorMessage error={error} />
      )}
    </div>
  );
}
