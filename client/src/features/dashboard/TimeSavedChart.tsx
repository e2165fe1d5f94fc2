import { Bar, CartesianGrid, ComposedChart, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SavedAggregate } from '@autonomic/api';
import type { DashboardFilter } from './api';
import { csvHref } from './api';
import { ChartPanel } from './ChartPanel';
import { COLORS } from './colors';
import { DataTable } from './DataTable';
import { bucketLabel, count, hours } from './format';

const toHours = (s: number) => Math.round((s / 3_600) * 10) / 10;

/** Measured time saved per bucket: manual baseline minus the human time (approval waits) inside each run. */
export function TimeSavedChart({ data, filter }: { data: SavedAggregate; filter: DashboardFilter }) {
  const rows = data.buckets.map((b) => ({
    label: bucketLabel(b.at, data.range.bucket),
    saved: toHours(b.savedSeconds),
    human: toHours(b.humanSeconds),
  }));
  const missing = data.total.runsWithoutBaseline;
  return (
    <ChartPanel
      title="Time saved, measured"
      description={
        `Hours: each succeeded run's manual baseline minus the human time spent inside it (approval waits).` +
        (missing > 0 ? ` ${count(missing)} succeeded runs of workflows without a baseline are not counted.` : '')
      }
      csvHref={csvHref(filter, 'saved')}
      empty={data.total.runs === 0}
      emptyText={
        missing > 0
          ? 'No run of a workflow with a manual baseline succeeded in this range (set the baseline in the workflow settings).'
          : 'No succeeded run in this range.'
      }
      chart={() => (
        <ResponsiveContainer width="100%" height={260}>
          <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" minTickGap={24} tick={{ fontSize: 12 }} />
            <YAxis unit=" h" tick={{ fontSize: 12 }} />
            <Tooltip formatter={(v) => (typeof v === 'number' ? `${v} h` : String(v))} />
            <Legend />
            <Bar dataKey="saved" name="Saved" fill={COLORS.succeeded} />
            <Bar dataKey="human" name="Human time in runs" fill={COLORS.human} />
          </ComposedChart>
        </ResponsiveContainer>
      )}
      table={() => (
        <DataTable
          caption="Time saved per workflow"
          rows={data.workflows}
          rowKey={(w) => w.workflowId}
          columns={[
            { header: 'Workflow', cell: (w) => w.name },
            { header: 'Baseline', cell: (w) => (w.baselineMinutes === null ? '—' : `${w.baselineMinutes} min`) },
            { header: 'Succeeded runs', cell: (w) => count(w.runs), numeric: true },
            { header: 'Baseline total', cell: (w) => hours(w.baselineSeconds), numeric: true },
            { header: 'Human time', cell: (w) => hours(w.humanSeconds), numeric: true },
            { header: 'Saved', cell: (w) => hours(w.savedSeconds), numeric: true },
          ]}
        />
      )}
    />
  );
}
