import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { VersionDetail, WorkflowDetail } from '@autonomic/api';
import { ApiError } from '../../api/client';
import { useAuth } from '../../auth/store';
import { ApiErrorMessage } from '../simulation/ApiErrorMessage';
import { getVersion, getWorkflow } from '../versions/api';
import { parsedOrNull } from '../versions/graph';
import { startRun } from './api';
import { FieldList } from '../../forms/FieldList';
import { errorsByField, eventOf, fieldsOf, valuesOf, type FormValues, type Json } from '../../forms/schemaFields';
import './run-now.css';

/** Who may start a run (the `runsApi.start` contract's access). */
export const MAY_RUN = new Set(['analyst', 'admin']);

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
  const [values, setValues] = useState<FormValues>({});
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [json, setJson] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
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
  const fields = useMemo(() => fieldsOf(schema), [schema]);
  const details = error instanceof ApiError && error.code === 'invalid_event' ? error.details : [];
  const errors = useMemo(() => errorsByField(details), [details]);

  const toJson = () => {
    setJson(JSON.stringify(eventOf(fields, values), null, 2));
    setJsonError(null);
    setMode('json');
  };
  const toForm = () => {
    try {
      const parsed: Json = JSON.parse(json);
      setValues(valuesOf(fields, parsed));
      setJsonError(null);
      setMode('form');
    } catch {
      setJsonError('The event is not valid JSON: fix it or discard it to go back to the form.');
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let event: Json;
    if (mode === 'json') {
      try {
        event = JSON.parse(json);
      } catch {
        setJsonError('The event is not valid JSON.');
        return;
      }
    } else event = eventOf(fields, values);
    setSending(true);
    setError(null);
    try {
      const { runId } = await startRun(workflow?.id ?? id, event);
      void navigate(`/runs/${runId}`);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
      setSending(false);
    }
  };

  const unplaced = [...errors].filter(([path]) => mode === 'json' || !fields.some((f) => covers(f.path, path)));
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
          <div className="view-switch" role="group" aria-label="Event view">
            <button type="button" aria-pressed={mode === 'form'} onClick={() => mode === 'json' && toForm()}>
              Form
            </button>
            <button type="button" aria-pressed={mode === 'json'} onClick={() => mode === 'form' && toJson()}>
              JSON
            </button>
          </div>
          {mode === 'form' ? (
            fields.length > 0 ? (
              <FieldList
                fields={fields}
                values={values}
                errors={errors}
                onChange={(path, v) => setValues((vs) => ({ ...vs, [path]: v }))}
              />
            ) : (
              <p className="muted">The trigger declares no fields: the run starts with an empty event.</p>
            )
          ) : (
            <div className="event-field">
              <label htmlFor="event-json">Event (JSON)</label>
              <textarea
                id="event-json"
                rows={12}
                value={json}
                onChange={(e) => setJson(e.target.value)}
                aria-invalid={jsonError ? true : undefined}
              />
            </div>
          )}
          {jsonError && (
            <p role="alert" className="field-error">
              {jsonError}
            </p>
          )}
          {unplaced.length > 0 && (
            <ul role="alert" className="field-error" data-testid="event-errors">
              {unplaced.map(([path, m]) => (
                <li key={path}>{path ? `${path} ${m}` : `The event ${m}`}</li>
              ))}
            </ul>
          )}
          {error && !(error instanceof ApiError && error.code === 'invalid_event') && <ApiErrorMessage error={error} />}
          <button type="submit" className="primary" disabled={sending} data-testid="start-run">
            {sending ? 'Starting…' : 'Start run'}
          </button>
        </form>
      )}
    </section>
  );
}

/** Whether a form field shows the error at `path` (itself or, for a group, its own line). */
function covers(fieldPath: string, path: string): boolean {
  return path === fieldPath || path.startsWith(`${fieldPath}.`);
}
