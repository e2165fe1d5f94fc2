import type { ContainAggregate, WorkflowDurations } from '@autonomic/api';
import type { DashboardFilter } from './api';
import { csvHref } from './api';
import { ChartPanel } from './ChartPanel';
import { DataTable } from './DataTable';
import { PercentileBarChart } from './PercentileBarChart';
import { count, duration, percent } from './format';

const minutes = (s: number | null) => (s === null ? null : Math.round((s / 60) * 100) / 100);

/** p50 / p95 run duration per workflow (succeeded and failed runs). */
export function DurationsChart({ rows, filter }: { rows: WorkflowDurations[]; filter: DashboardFilter }) {
  const data = rows.map((r) => ({ name: r.name, p50: minutes(r.p50), p95: minutes(r.p95) }));
  return (
    <ChartPanel
      title="Run duration per workflow"
      description="Median (p50) and p95, in minutes, from start to end of runs that succeeded or failed."
      csvHref={csvHref(filter, 'durations')}
      empty={rows.every((r) => r.p50 === null)}
      chart={() => <PercentileBarChart data={data} />}
      table={() => (
        <DataTable
          caption="Run duration per workflow"
          rows={rows}
          rowKey={(r) => r.workflowId}
          columns={[
            { header: 'Workflow', cell: (r) => r.name },
            { header: 'Runs', cell: (r) => count(r.runs), numeric: true },
            { header: 'Success rate', cell: (r) => percent(r.successRate), numeric: true },
            { header: 'p50', cell: (r) => duration(r.p50), numeric: true },
            { header: 'p95', cell: (r) => duration(r.p95), numeric: true },
          ]}
        />
      )}
    />
  );
}

/** Time to contain per workflow: from the alert's own time to the first successful destructive action. */
export function ContainChart({ data, filter }: { data: ContainAggregate; filter: DashboardFilter }) {
  const rows = data.workflows.map((w) => ({ name: w.name, p50: minutes(w.p50), p95: minutes(w.p95) }));
  return (
    <ChartPanel
      title="Time to contain"
      description="From the alert's own timestamp to the first successful destructive action (block, isolate, disable), in minutes."
      csvHref={csvHref(filter, 'contain')}
      empty={data.overall.runs === 0}
      emptyText="No run took a destructive action in this range."
      chart={() => <PercentileBarChart data={rows} />}
      table={() => (
        <DataTable
          caption="Time to contain per workflow"
          rows={[...data.workflows, { workflowId: 'all', name: 'All workflows', ...data.overall }]}
          rowKey={(r) => r.workflowId}
          columns={[
            { header: 'Workflow', cell: (r) => r.name },
            { header: 'Contained runs', cell: (r) => count(r.runs), numeric: true },
            { header: 'p50', cell: (r) => duration(r.p50), numeric: true },
            { header: 'p95', cell: (r) => duration(r.p95), numeric: true },
          ]}
        />
      )}
    />
  );
}
