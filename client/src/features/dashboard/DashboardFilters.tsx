import { useState } from 'react';
import type { DashboardWorkflow } from '@autonomic/api';
import { fromLocalInput, PRESETS, toLocalInput, type RangeChoice } from './format';

/** The range picker (24 h / 7 d / 30 d / custom) and the workflow filter. */
export function DashboardFilters({
  choice,
  range,
  onChoice,
  workflows,
  workflowId,
  onWorkflow,
}: {
  choice: RangeChoice;
  range: { from: string; to: string };
  onChoice: (c: RangeChoice) => void;
  workflows: DashboardWorkflow[];
  workflowId: string;
  onWorkflow: (id: string) => void;
}) {
  const [from, setFrom] = useState(toLocalInput(range.from));
  const [to, setTo] = useState(toLocalInput(range.to));
  const fromIso = fromLocalInput(from);
  const toIso = fromLocalInput(to);
  const invalid = !fromIso || !toIso || fromIso >= toIso;

  return (
    <div className="filters dash-filters">
      <label>
        Range
        <select
          value={choice.preset}
          onChange={(e) => {
            const v = e.target.value;
            if (v === 'custom') {
              setFrom(toLocalInput(range.from));
              setTo(toLocalInput(range.to));
              onChoice({ preset: 'custom', from: range.from, to: range.to });
            } else {
              const preset = PRESETS.find((p) => p.id === v);
              if (preset) onChoice({ preset: preset.id });
            }
          }}
        >
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          <option value="custom">Custom…</option>
        </select>
      </label>
      {choice.preset === 'custom' && (
        <form
          className="dash-custom"
          onSubmit={(e) => {
            e.preventDefault();
            if (fromIso && toIso && !invalid) onChoice({ preset: 'custom', from: fromIso, to: toIso });
          }}
        >
          <label>
            From
            <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} required />
          </label>
          <label>
            To
            <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} required />
          </label>
          <button type="submit" disabled={invalid}>
            Apply
          </button>
          {invalid && <span className="error">“From” must be before “To”.</span>}
        </form>
      )}
      <label>
        Workflow
        <select value={workflowId} onChange={(e) => onWorkflow(e.target.value)}>
          <option value="">All workflows</option>
          {workflows.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
