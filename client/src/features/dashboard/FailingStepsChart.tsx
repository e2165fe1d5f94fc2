import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FailingStep } from '@autonomic/api';
import type { DashboardFilter } from './api';
import { csvHref } from './api';
import { ChartPanel } from './ChartPanel';
import { COLORS } from './colors';
import { DataTable } from './DataTable';
import { count } from './format';

/** The steps with the most failed attempts, and what they said. */
export function FailingStepsChart({ steps, filter }: { steps: FailingStep[]; filter: DashboardFilter }) {
  const rows = steps.map((s) => ({ name: `${s.workflowName} · ${s.stepId}`, failures: s.failures, runs: s.runs }));
  return (
    <ChartPanel
      title="Top failing steps"
      description="Failed attempts per step (retried attempts count); the table view lists their error messages."
      csvHref={csvHref(filter, 'failing')}
      empty={steps.length === 0}
      emptyText="No step failed in this range."
      chart={() => (
        <ResponsiveContainer width="100%" height={Math.max(160, rows.length * 34 + 40)}>
          <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
            <YAxis type="category" dataKey="name" width={230} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Bar dataKey="failures" name="Failed attempts" fill={COLORS.failed} />
          </BarChart>
        </ResponsiveContainer>
      )}
      table={() => (
        <DataTable
          caption="Top failing steps with their error messages"
          rows={steps}
          rowKey={(s) => `${s.workflowId}/${s.stepId}`}
          columns={[
            { header: 'Workflow', cell: (s) => s.workflowName },
            { header: 'Step', cell: (s) => <code>{s.stepId}</code> },
            { header: 'Failed attempts', cell: (s) => count(s.failures), numeric: true },
            { header: 'Runs (failed)', cell: (s) => `${count(s.runs)} (${count(s.failedRuns)})`, numeric: true },
            {
              header: 'Messages',
              cell: (s) => (
                <ul className="dash-messages">
                  {s.messages.map((m) => (
                    <li key={m.message}>
                      {m.message} <span className="muted">×{count(m.count)}</span>
                    </li>
                  ))}
                </ul>
              ),
            },
            {
              header: 'Runs behind',
              cell: (s) => (
                <a href={csvHref(filter, 'failing', { stepId: s.stepId, workflowId: s.workflowId })} download>
                  CSV
                </a>
              ),
            },
          ]}
        />
      )}
    />
  );
}
