import type { ApprovalsAggregate } from '@autonomic/api';
import type { DashboardFilter } from './api';
import { csvHref } from './api';
import { DataTable } from './DataTable';
import { count, duration } from './format';

/** Approvals in the range: outcomes, how long people took, escalations and break-glass decisions. */
export function ApprovalsPanel({ data, filter }: { data: ApprovalsAggregate; filter: DashboardFilter }) {
  const figures: [string, string][] = [
    ['Pending now', count(data.pending)],
    ['Median time to decision', duration(data.medianDecisionSeconds)],
    ['p95 time to decision', duration(data.p95DecisionSeconds)],
    ['Escalations fired', count(data.escalations)],
    ['Break-glass decisions', count(data.breakGlass)],
    ['Approved / rejected / timed out', `${count(data.approved)} / ${count(data.rejected)} / ${count(data.timedOut)}`],
  ];
  return (
    <section className="dash-panel" aria-labelledby="dash-approvals">
      <header className="dash-panel-head">
        <h2 id="dash-approvals">Approvals</h2>
        <div className="dash-panel-actions">
          <a
            className="button"
            href={csvHref(filter, 'approvals')}
            download
            aria-label="CSV of the runs behind Approvals"
          >
            CSV
          </a>
        </div>
      </header>
      <dl className="dash-figures">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {data.workflows.length === 0 ? (
        <p className="dash-empty" role="status">
          No approval was asked for in this range.
        </p>
      ) : (
        <DataTable
          caption="Approvals per workflow"
          rows={data.workflows}
          rowKey={(w) => w.workflowId}
          columns={[
            { header: 'Workflow', cell: (w) => w.name },
            { header: 'Tasks', cell: (w) => count(w.tasks), numeric: true },
            { header: 'Median decision', cell: (w) => duration(w.medianDecisionSeconds), numeric: true },
            { header: 'Escalated', cell: (w) => count(w.escalatedTasks), numeric: true },
            { header: 'Break glass', cell: (w) => count(w.breakGlass), numeric: true },
          ]}
        />
      )}
    </section>
  );
}
