import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { VersionDetail, WorkflowDetail } from '@autonomic/api';
import { ApiError } from '../../api/client';
import { useAuth } from '../../auth/store';
import { ApiErrorMessage } from '../simulation/ApiErrorMessage';
import { getVersion, getWorkflow } from '../versions/api';
import { parsedOrNull } from '../versions/graph';
import { startRun } from './api';
import type { Json } from '../../forms/jsonValue';
import { SchemaForm } from '../../forms/SchemaForm';
import { errorsByField } from '../../forms/schemaFields';
import { MAY_RUN } from './mayRun';
import './run-now.css';

/**
 * `/workflows/:id/run`: starts a live run of the PUBLISHED version with an event typed
 * into a form made from its trigger's input schema (or, for experts, as JSON). The
 * server's refusal of a field is shown at that field.
 */
export function RunNowPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const role = useAuth((s) => s.user?.role);
  const [workflow, setWorkflow] = useState<WorkflowDetail | null>(null);
  const [version, setVersion] = useState<VersionDetail | null>(null);
  const [loadError, setLoadError] = useState<Error | null>(null);
  const [event, setEvent] = useState<Json | undefined>({});
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    let live = true;
    getWorkflow(id)
      .then(async (w) => {
        if (!live) return;
        setWorkflow(w);
        if (w.published) {
          const v = await getVersion(w.id, w.published.number);
          if (live) setVersion(v);
        }
      })
      .catch((e: unknown) => live && setLoadError(e instanceof Error ? e : new Error(String(e))));
    return () => {
      live = false;
    };
  }, [id]);

  const schema = useMemo(() => (version ? parsedOrNull(version.document)?.trigger.inputSchema : undefined), [version]);
  const details = error instanceof ApiError && error.code === 'invalid_event' ? error.details : [];
  const errors = useMemo(() => errorsByField(details), [details]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (jsonError) return;
    setSending(true);
    setError(null);
    try {
      const { runId } = await startRun(workflow?.id ?? id, event ?? {});
      void navigate(`/runs/${runId}`);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
      setSending(false);
    }
  };

  return (
    <section aria-labelledby="run-now-title" className="run-now">
      <div className="page-head">
        <h1 id="run-now-title">Run {workflow?.name ?? 'workflow'} now</h1>
        {workflow && <Link to={`/workflows/${workflow.id}`}>Back to the editor</Link>}
      </div>
      {loadError && <ApiErrorMessage error={loadError} />}
      {!workflow && !loadError && <p aria-busy="true">Loading…</p>}
      {role && !MAY_RUN.has(role) && <p role="alert">Only analysts and admins start runs.</p>}
      {workflow && !workflow.published && (
        <p role="alert" data-testid="not-published">
          This workflow has no published version yet: only a published version runs live.
        </p>
      )}
      {workflow?.killSwitch && <p role="alert">The kill switch is on: no new run starts until it is turned off.</p>}
      {version && role && MAY_RUN.has(role) && (
        <form onSubmit={(e) => void submit(e)} noValidate aria-label="Trigger event">
          <p className="muted">
            A live run of the published version v{version.number}: its steps act on real systems. Fill in the event the
            trigger would receive.
          </p>
          <SchemaForm
            schema={schema}
            value={event}
            onChange={setEvent}
            label="Event"
            testId="event"
            errors={errors}
            showAllProblems={tried}
            noFields="The trigger declares no fields: the run starts with an empty event."
            onJsonError={setJsonError}
          />
          {error && !(error instanceof ApiError && error.code === 'invalid_event') && <ApiErrorMessage error={error} />}
          <button type="submit" className="primary" disabled={sending} data-testid="start-run">
            {sending ? 'Starting…' : 'Start run'}
          </button>
        </form>
      )}
    </section>
  );
}
