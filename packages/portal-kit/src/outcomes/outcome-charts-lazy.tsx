import { lazy, Suspense } from 'react';
import type { SessionMonth, TrendSeries, UtilisationMonth } from './outcome-charts.js';

// The chart library is big: it loads only when a chart is shown (see outcome-charts.tsx).
const Charts = {
  Sessions: lazy(() => import('./outcome-charts.js').then((module) => ({ default: module.SessionsByMonthChart }))),
  Trend: lazy(() => import('./outcome-charts.js').then((module) => ({ default: module.ChangeTrendChart }))),
  Utilisation: lazy(() => import('./outcome-charts.js').then((module) => ({ default: module.UtilisationByMonthChart }))),
};

/** Sessions delivered and cancelled by month, as bars (the table of the same numbers goes beside it). */
export function OutcomeSessionsChart({ months }: { months: readonly SessionMonth[] }) {
  if (months.length === 0) return null;
  return (
    <Suspense fallback={null}>
      <Charts.Sessions months={months} />
    </Suspense>
  );
}

/** Each measure's average change by month, as lines (the table of the same numbers goes beside it). */
export function OutcomeTrendChart({ series }: { series: readonly TrendSeries[] }) {
  if (series.every((entry) => entry.points.every((point) => point.value === null))) return null;
  return (
    <Suspense fallback={null}>
      <Charts.Trend series={series} />
    </Suspense>
  );
}

/** An organisation's sessions bought and delivered, and attendances, by month (the table of the same numbers goes beside it). */
export function OutcomeUtilisationChart({ months }: { months: readonly UtilisationMonth[] }) {
  if (months.length === 0) return null;
  return (
    <Suspense fallback={null}>
      <Charts.Utilisation months={months} />
    </Suspense>
  );
}

export type { SessionMonth, TrendSeries, UtilisationMonth };
