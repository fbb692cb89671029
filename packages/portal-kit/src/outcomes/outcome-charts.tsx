import { Bar, BarChart, CartesianGrid, ComposedChart, LabelList, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface SessionMonth {
  month: string;
  delivered: number;
  cancelled: number;
  planned: number;
}

export interface TrendSeries {
  key: string;
  title: string;
  /** Month → average change in points; null where the figure is withheld (a gap in the line). */
  points: ReadonlyArray<{ month: string; value: number | null }>;
}

export interface UtilisationMonth {
  month: string;
  bought: number;
  delivered: number;
  /** Attendances; null where the figure is withheld (a gap in the line). */
  attended: number | null;
}

/*
 * The outcome dashboard's charts. This module is loaded on its own (React.lazy) only when a chart is
 * shown, so Recharts never joins a portal's first-load JavaScript. Each chart is a picture of the
 * table beside it (which carries the same numbers for anyone who cannot see it), and no chart tells
 * its series apart by colour alone: bars carry their numbers and a fill pattern (solid or outlined
 * and dashed), lines a dash pattern and a marker shape of their own, and the legend names each.
 */

const SHAPES = ['circle', 'square', 'triangle', 'diamond', 'star', 'cross'] as const;
const DASHES = ['', '6 3', '2 3', '10 4 2 4', '1 6', '12 3'];
const INK = ['#1d70b8', '#0b0c0c', '#6f3a94', '#00703c', '#8a4d00', '#505a5f'];

export function SessionsByMonthChart({ months }: { months: readonly SessionMonth[] }) {
  return (
    <figure className="lena-outcome-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={[...months]} margin={{ top: 16, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="month" tick={{ fontSize: 11 }} />
          <YAxis allowDecimals={false} width={32} />
          <Tooltip />
          <Legend />
          <Bar dataKey="delivered" name="Delivered (solid)" fill="#1d70b8" isAnimationActive={false}>
            <LabelList dataKey="delivered" position="top" />
          </Bar>
          <Bar dataKey="cancelled" name="Cancelled (outlined, dashed)" fill="#ffffff" stroke="#0b0c0c" strokeDasharray="4 2" isAnimationActive={false}>
            <LabelList dataKey="cancelled" position="top" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function ChangeTrendChart({ series }: { series: readonly TrendSeries[] }) {
  const months = [...new Set(series.flatMap((entry) => entry.points.map((point) => point.month)))].sort();
  const data = months.map((month) => ({
    month,
    ...Object.fromEntries(series.map((entry) => [entry.key, entry.points.find((point) => point.month === month)?.value ?? null])),
  }));
  return (
    <figure className="lena-outcome-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={data} margin={{ top: 16, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="month" tick={{ fontSize: 11 }} />
          <YAxis width={40} label={{ value: 'points', angle: -90, position: 'insideLeft', fontSize: 11 }} />
          <ReferenceLine y={0} stroke="#505a5f" />
          <Tooltip />
          <Legend />
          {series.map((entry, index) => (
            <Line
              key={entry.key}
              dataKey={entry.key}
              name={entry.title}
              stroke={INK[index % INK.length]}
              strokeWidth={2}
              strokeDasharray={DASHES[index % DASHES.length]}
              legendType={SHAPES[index % SHAPES.length]}
              dot={{ r: 4 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** An organisation's sessions bought and delivered per month (bars) and attendances (a line on its own axis). */
export function UtilisationByMonthChart({ months }: { months: readonly UtilisationMonth[] }) {
  return (
    <figure className="lena-outcome-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={240}>
        <ComposedChart data={[...months]} margin={{ top: 16, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="month" tick={{ fontSize: 11 }} />
          <YAxis yAxisId="sessions" allowDecimals={false} width={32} label={{ value: 'sessions', angle: -90, position: 'insideLeft', fontSize: 11 }} />
          <YAxis yAxisId="attendances" orientation="right" allowDecimals={false} width={40} label={{ value: 'attendances', angle: 90, position: 'insideRight', fontSize: 11 }} />
          <Tooltip />
          <Legend />
          <Bar yAxisId="sessions" dataKey="bought" name="Bought (outlined, dashed)" fill="#ffffff" stroke="#0b0c0c" strokeDasharray="4 2" isAnimationActive={false}>
            <LabelList dataKey="bought" position="top" />
          </Bar>
          <Bar yAxisId="sessions" dataKey="delivered" name="Delivered (solid)" fill="#1d70b8" isAnimationActive={false}>
            <LabelList dataKey="delivered" position="top" />
          </Bar>
          <Line
            yAxisId="attendances"
            dataKey="attended"
            name="Attendances (dashed line, squares)"
            stroke="#6f3a94"
            strokeWidth={2}
            strokeDasharray="6 3"
            legendType="square"
            dot={{ r: 4 }}
            connectNulls={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
