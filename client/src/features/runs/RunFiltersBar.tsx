import type { WorkflowListItem } from '../workflows/api';
import { RUN_STATUSES } from './api';

interface Props {
  search: URLSearchParams;
  workflows: readonly WorkflowListItem[];
  onChange(key: string, value: string): void;
}

/** Workflow, status, mode and time range of the runs list; each change rewrites the URL. */
export function RunFiltersBar({ search, workflows, onChange }: Props) {
  return (
    <div className="filters" role="search" aria-label="Filter runs" data-testid="run-filters">
      <label>
        Workflow
        <select
          value={search.get('workflowId') ?? ''}
          onChange={(e) => onChange('workflowId', e.target.value)}
          data-testid="filter-workflow"
        >
          <option value="">all workflows</option>
          {workflows.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select
          value={search.get('status') ?? ''}
          onChange={(e) => onChange('status', e.target.value)}
          data-testid="filter-status"
        >
          <option value="">any</option>
          {RUN_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Mode
        <select
          value={search.get('mode') ?? ''}
          onChange={(e) => onChange('mode', e.target.value)}
          data-testid="filter-mode"
        >
          <option value="">live and simulation</option>
          <option value="live">live</option>
          <option value="simulation">simulation</option>
        </select>
      </label>
      <label>
        From
        <input
          type="datetime-local"
          value={search.get('from') ?? ''}
          onChange={(e) => onChange('from', e.target.value)}
          data-testid="filter-from"
        />
      </label>
      <label>
        To
        <input
          type="datetime-local"
          value={search.get('to') ?? ''}
          onChange={(e) => onChange('to', e.target.value)}
          data-testid="filter-to"
        />
      </label>
    </div>
  );
}
