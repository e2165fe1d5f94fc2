import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RunsAggregate } from '@autonomic/api';
import type { DashboardFilter } from './api';
import { csvHref } from './api';
import { ChartPanel } from './ChartPanel';
import { COLORS } from './colors';
import { DataTable } from './DataTable';
import { bucketLabel, count, percent } from './format';

/** Live runs per time bucket, stacked by status, with the success rate as a line. */
export function RunsChart({ data, filter }: { data: RunsAggregate; filter: DashboardFilter }) {
  const rows = data.buckets.map((b) => ({
    ...b,
    label: bucketLabel(b.at, data.range.bucket),
    rate: b.successRate === null ? null : Math.round(b.successRate * 1000) / 10,
  }));
  return (
    <ChartPanel
      title="Runs over time by status"
      description={`Live runs per ${data.range.bucket}; the line is the success rate (succeeded / succeeded + failed).`}
      csvHref={csvHref(filter, 'runs')}
      empty={data.totals.runs === 0}
      wide
      chart={() => (
        <ResponsiveContainer width="100%" height={280}>
          <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" minTickGap={24} tick={{ fontSize: 12 }} />
            <YAxis yAxisId="runs" allowDecimals={false} tick={{ fontSize: 12 }} />
            <YAxis yAxisId="rate" orientation="right" domain={[0, 100]} unit="%" tick={{ fontSize: 12 }} />
            <Tooltip />
            <Legend />
            <Bar yAxisId="runs" dataKey="succeeded" stackId="s" fill={COLORS.succeeded} name="Succeeded" />
            <Bar yAxisId="runs" dataKey="failed" stackId="s" fill={COLORS.failed} name="Failed" />
            <Bar yAxisId="runs" dataKey="cancelled" stackId="s" fill={COLORS.cancelled} name="Cancelled" />
            <Bar yAxisId="runs" dataKey="active" stackId="s" fill={COLORS.active} name="In progress" />
            <Line
              yAxisId="rate"
              dataKey="rate"
              name="Success rate (%)"
              stroke={COLORS.accent}
              dot={false}
              connectNulls
              type="monotone"
            />
          </ComposedChart>
        </ResponsiveContainer>
      )}
      table={() => (
        <DataTable
          caption="Runs by status per time bucket"
          rows={data.buckets}
          rowKey={(b) => b.at}
          columns={[
            {
              header: data.range.bucket === 'hour' ? 'Hour' : 'Day',
              cell: (b) => bucketLabel(b.at, data.range.bucket),
            },
            { header: 'Succeeded', cell: (b) => count(b.succeeded), numeric: true },
            { header: 'Failed', cell: (b) => count(b.failed), numeric: true },
            { header: 'Cancelled', cell: (b) => count(b.cancelled), numeric: true },
            { header: 'In progress', cell: (b) => count(b.active), numeric: true },
            { header: 'Success rate', cell: (b) => percent(b.successRate), numeric: true },
          ]}
        />
      )}
    />
  );
}
