import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { COLORS } from './colors';
import { duration } from './format';
import { NameTick } from './NameTick';

/** One bar pair of the chart: a workflow's median and p95, in minutes (null: no runs). */
export interface PercentileBar {
  name: string;
  p50: number | null;
  p95: number | null;
}

const tooltipValue = (v: unknown) => (typeof v === 'number' ? duration(v * 60) : String(v));

/** p50 and p95 bars side by side per workflow, in minutes (run duration, time to contain). */
export function PercentileBarChart({ data }: { data: PercentileBar[] }) {
  return (
    <ResponsiveContainer width="100%" height={300}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 12 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" tick={<NameTick />} interval={0} height={80} />
        <YAxis unit=" min" tick={{ fontSize: 12 }} />
        <Tooltip formatter={tooltipValue} />
        {/* Above the bars: below, the slanted names ran into it. */}
        <Legend verticalAlign="top" height={28} />
        <Bar dataKey="p50" name="p50" fill={COLORS.p50} />
        <Bar dataKey="p95" name="p95" fill={COLORS.accent} />
      </BarChart>
    </ResponsiveContainer>
  );
}
