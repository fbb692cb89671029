import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface DistributionPoint {
  label: string;
  count: number;
}

/**
 * How many chose each point of one item's scale, as bars. Loaded on its own (React.lazy) only
 * when results are shown, so the chart library never joins a portal's first-load JavaScript. The
 * same numbers are in the table beside it, for anyone who cannot see the chart.
 */
export default function FeedbackDistributionChart({ title, points }: { title: string; points: readonly DistributionPoint[] }) {
  return (
    <figure className="lena-feedback-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={180}>
        <BarChart data={[...points]} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" interval={0} tick={{ fontSize: 11 }} />
          <YAxis allowDecimals={false} width={32} />
          <Tooltip />
          <Bar dataKey="count" name={title} fill="#1d70b8" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
