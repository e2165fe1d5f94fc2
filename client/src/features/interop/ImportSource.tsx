import { useEffect, useState, type FormEvent } from 'react';
import { listWorkflows, type WorkflowListItem } from '../workflows/api';
import { FormField } from '../credentials/FormField';
import { FileTextField } from '../shared/FileTextField';

/** Larger files are refused here, before reading them (the API takes at most a few MB of JSON). */
const FILE_MAX = 2_000_000;

/**
 * Where the playbook comes from (a file or pasted text) and where it goes (a new
 * workflow or a new draft of an existing one); "Import" sends it.
 */
export function ImportSource({
  text,
  onText,
  target,
  onTarget,
  onImport,
  busy,
}: {
  text: string;
  onText(text: string): void;
  target: string;
  onTarget(workflowId: string): void;
  onImport(): void;
  busy: boolean;
}) {
  const [workflows, setWorkflows] = useState<WorkflowListItem[]>([]);
  useEffect(() => {
    listWorkflows({})
      .then((r) => setWorkflows(r.workflows))
      .catch(() => setWorkflows([]));
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onImport();
  };
  return (
    <form aria-label="Playbook to import" className="cred-form import-source" onSubmit={submit}>
      <FileTextField
        label="Playbook file"
        help="A CACAO 2.0 playbook, or a workflow file exported from Autonomic (JSON)."
        accept=".json,application/json"
        max={FILE_MAX}
        maxWords={`${FILE_MAX / 1_000_000} MB`}
        testId="import-file"
        onText={onText}
      />
      <FormField label="Or paste the playbook">
        {(props) => (
          <textarea {...props} rows={10} value={text} spellCheck={false} onChange={(e) => onText(e.target.value)} />
        )}
      </FormField>
      <FormField
        label="Import into"
        help="A new workflow, or a new draft version of a workflow you have (its published version is not changed)."
      >
        {(props) => (
          <select {...props} value={target} onChange={(e) => onTarget(e.target.value)}>
            <option value="">A new workflow</option>
            {workflows.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <div className="cred-actions">
        <button type="submit" className="primary" disabled={busy || text.trim() === ''}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
    </form>
  );
}
