import { workflowsApi, type WorkflowListItem } from '@autonomic/api';
import { useEffect, useId, useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { Problems } from './FieldShell';

/** The workflows a sub-workflow step may call, read once per page; null when the list failed. */
let catalog: Promise<WorkflowListItem[] | null> | undefined;
const loadWorkflows = () =>
  (catalog ??= api(workflowsApi.list, { query: { limit: 500 } }).then(
    (r) => r.workflows,
    () => {
      catalog = undefined; // retried next time a picker mounts
      return null;
    },
  ));

/** Tests only: forget the cached list. */
export function resetWorkflowCache(): void {
  catalog = undefined;
}

const byName = (a: WorkflowListItem, b: WorkflowListItem) => a.name.localeCompare(b.name);

/**
 * The workflow a sub-workflow step calls, picked by name: each with the version that would
 * run (its published one); a workflow never published is listed but cannot be picked, and
 * says why; the workflow being edited is left out (a step may not call its own workflow).
 * The step stores the workflow's id; a reference by slug (older documents) is recognised.
 */
export function WorkflowPicker({
  value,
  onChange,
  problems,
  readOnly,
}: {
  value: string;
  onChange(ref: string): void;
  problems: readonly string[];
  readOnly: boolean;
}) {
  const id = useId();
  const self = useParams()['id'];
  const [all, setAll] = useState<WorkflowListItem[] | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void loadWorkflows().then((w) => live && setAll(w));
    return () => {
      live = false;
    };
  }, []);
  const others = (all ?? []).filter((w) => w.id !== self && w.slug !== self).sort(byName);
  const chosen = (all ?? []).find((w) => w.id === value || w.slug === value);
  const help =
    all === undefined
      ? 'Loading the workflows…'
      : all === null
        ? 'The workflows could not be loaded: the step keeps the one it names. Reload the page to pick another.'
        : others.length === 0
          ? 'There is no other workflow yet: create and publish the one to call first.'
          : 'It runs the published version of the workflow you pick. A workflow that was never published cannot be called yet.';
  return (
    <div className={`pf-field${problems.length > 0 ? ' pf-invalid' : ''}`}>
      <label htmlFor={id} className="pf-label">
        Workflow to call
        <span className="pf-required" aria-hidden="true">
          {' '}
          *
        </span>
      </label>
      <select
        id={id}
        className="pf-input"
        value={chosen?.id ?? value}
        disabled={readOnly}
        aria-required
        aria-invalid={problems.length > 0 || undefined}
        aria-describedby={`${id}-help ${id}-problems`}
        onChange={(e) => onChange(e.target.value)}
        data-testid="subworkflow-picker"
      >
        <option value="" disabled>
          Pick a workflow…
        </option>
        {value !== '' && !chosen && <option value={value}>{all ? `${value} (not found)` : value}</option>}
        {others.map((w) => (
          <option key={w.id} value={w.id} disabled={w.publishedVersion === null}>
            {w.publishedVersion === null ? `${w.name} — not published yet` : `${w.name} — runs v${w.publishedVersion}`}
          </option>
        ))}
      </select>
      <p id={`${id}-help`} className="pf-help">
        {help}
      </p>
      <Problems id={`${id}-problems`} messages={problems} />
    </div>
  );
}
