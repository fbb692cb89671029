import { DateTime } from 'luxon';
import { z } from 'zod';
import { decideSuppression, suppressionMessage, type FigureRequest } from '../feedback/suppression.js';

/**
 * The platform admins' dashboard across organisations: utilisation (sessions bought, delivered and
 * attended, per organisation and month), facilitator load (sessions per facilitator per month) and
 * feedback benchmarks (one organisation's item means against the platform median). Pure rules; the
 * API reads the counts through narrow functions that answer platform admins only.
 */

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'Give a month as YYYY-MM.' });

/** The longest period the platform dashboard shows at once, in months. */
export const PLATFORM_DASHBOARD_MAX_MONTHS = 24;

export const platformDashboardPeriodSchema = z
  .strictObject({ from: monthSchema, to: monthSchema })
  .refine((period) => period.from <= period.to, { error: 'The period must start on or before the month it ends.', path: ['to'] })
  .refine((period) => monthsOfPeriod(period.from, period.to).length <= PLATFORM_DASHBOARD_MAX_MONTHS, {
    error: `Choose a period of at most ${PLATFORM_DASHBOARD_MAX_MONTHS} months.`,
    path: ['from'],
  });
export type PlatformDashboardPeriod = z.output<typeof platformDashboardPeriodSchema>;

/** The twelve months up to and including the current one, in the platform's own zone. */
export function defaultPlatformPeriod(now: Date, zone = 'Europe/London'): PlatformDashboardPeriod {
  const current = DateTime.fromJSDate(now, { zone }).startOf('month');
  return { from: current.minus({ months: 11 }).toFormat('yyyy-MM'), to: current.toFormat('yyyy-MM') };
}

/** Every month from `from` to `to` (`YYYY-MM`), in order; empty when `to` is before `from`. */
export function monthsOfPeriod(from: string, to: string): string[] {
  const months: string[] = [];
  let month = DateTime.fromFormat(from, 'yyyy-MM', { zone: 'utc' });
  const last = DateTime.fromFormat(to, 'yyyy-MM', { zone: 'utc' });
  if (!month.isValid || !last.isValid) return months;
  // Bounded so a nonsense period cannot spin: the schema allows far fewer.
  while (month <= last && months.length <= 1200) {
    months.push(month.toFormat('yyyy-MM'));
    month = month.plus({ months: 1 });
  }
  return months;
}

// ---------------------------------------------------------------------------------------------
// Median and feedback benchmarks

/** The median of a list of numbers (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The fewest organisations whose published means make a platform median. With one, the median is
 * that organisation's own mean; with two, it is their average, from which either one and the
 * median give the other's mean exactly. From three on, the median is a statistic of the platform.
 */
export const MIN_BENCHMARK_ORGANISATIONS = 3;

/**
 * One organisation's feedback item means as its own suppression rule published them: `items`
 * null when its figure is withheld (fewer responses than its minimum group size), with the
 * message to show instead.
 */
export interface OrganisationItemMeans {
  tenantId: string;
  items: ReadonlyArray<{ itemId: string; mean: number | null }> | null;
  withheldMessage: string | null;
}

export type BenchmarkFigure = { shown: true; value: number } | { shown: false; message: string };

export interface BenchmarkItem {
  itemId: string;
  prompt: string;
  /** This organisation's own mean, or why it is withheld. */
  organisation: BenchmarkFigure;
  /** The median of every organisation's published mean of the item, or why there is none. */
  platformMedian: BenchmarkFigure;
  /** How many organisations' published means the median is over (0 when withheld). */
  organisations: number;
}

/**
 * Each item of one organisation against the platform median: the median of the organisations'
 * **published** means of that item, never another organisation's own figure beside it.
 *
 * An organisation whose figure is withheld (below its own minimum group size) does not feed the
 * median. Were it to, the median would move with a figure nobody may see: with two published
 * organisations and one withheld, the median *is* the withheld organisation's mean whenever it
 * lies between the other two, and a median read before and after its figure arrived would tell
 * where it lies. Fed only by published means, the median is a function of figures the platform
 * already shows, so it reveals nothing they do not. Below `MIN_BENCHMARK_ORGANISATIONS`
 * published means, the median is withheld too.
 */
export function feedbackBenchmark(all: readonly OrganisationItemMeans[], tenantId: string, items: ReadonlyArray<{ itemId: string; prompt: string }>): BenchmarkItem[] {
  const own = all.find((organisation) => organisation.tenantId === tenantId);
  return items.map(({ itemId, prompt }) => {
    const published = all.flatMap((organisation) => {
      const mean = organisation.items?.find((item) => item.itemId === itemId)?.mean;
      return mean === undefined || mean === null ? [] : [mean];
    });
    const ownMean = own?.items?.find((item) => item.itemId === itemId)?.mean ?? null;
    const organisation: BenchmarkFigure = ownMean !== null ? { shown: true, value: ownMean } : { shown: false, message: own?.withheldMessage ?? 'No published feedback yet' };
    const middle = median(published);
    const platformMedian: BenchmarkFigure =
      published.length >= MIN_BENCHMARK_ORGANISATIONS && middle !== null
        ? { shown: true, value: Math.round(middle * 100) / 100 }
        : { shown: false, message: `Fewer than ${MIN_BENCHMARK_ORGANISATIONS} organisations have published feedback` };
    return { itemId, prompt, organisation, platformMedian, organisations: platformMedian.shown ? published.length : 0 };
  });
}

// ---------------------------------------------------------------------------------------------
// Facilitator load

export interface FacilitatorMonthSessions {
  userId: string;
  displayName: string;
  month: string;
  sessions: number;
}

export interface FacilitatorLoad {
  userId: string;
  displayName: string;
  /** Every month of the period, those with no sessions as 0. */
  months: Array<{ month: string; sessions: number }>;
  total: number;
  /** The month with the most sessions (the earliest of a tie); null with none at all. */
  busiestMonth: string | null;
}

/**
 * Sessions (not cancelled) per facilitator per month over the period: every month of the period
 * listed for each facilitator, the busiest first (most sessions), then by name. Sessions are
 * counted by the facilitator's role in a programme, lead or co-facilitator alike: each is a
 * session they run. Months outside the period are ignored.
 */
export function facilitatorLoad(rows: readonly FacilitatorMonthSessions[], period: PlatformDashboardPeriod): FacilitatorLoad[] {
  const months = monthsOfPeriod(period.from, period.to);
  const inPeriod = new Set(months);
  const byFacilitator = new Map<string, { displayName: string; counts: Map<string, number> }>();
  for (const row of rows) {
    if (!inPeriod.has(row.month)) continue;
    const entry = byFacilitator.get(row.userId) ?? { displayName: row.displayName, counts: new Map<string, number>() };
    entry.counts.set(row.month, (entry.counts.get(row.month) ?? 0) + row.sessions);
    byFacilitator.set(row.userId, entry);
  }
  return [...byFacilitator.entries()]
    .map(([userId, { displayName, counts }]): FacilitatorLoad => {
      const monthly = months.map((month) => ({ month, sessions: counts.get(month) ?? 0 }));
      const total = monthly.reduce((sum, month) => sum + month.sessions, 0);
      const busiest = monthly.reduce<{ month: string; sessions: number } | null>((best, month) => (month.sessions > (best?.sessions ?? 0) ? month : best), null);
      return { userId, displayName, months: monthly, total, busiestMonth: busiest?.month ?? null };
    })
    .sort((a, b) => b.total - a.total || a.displayName.localeCompare(b.displayName) || a.userId.localeCompare(b.userId));
}

// ---------------------------------------------------------------------------------------------
// Utilisation

export interface UtilisationMonthCounts {
  month: string;
  /** Sessions of programmes whose first session falls in this month (what was bought, placed when it starts). */
  bought: number;
  /** Sessions falling in the month that are not cancelled. */
  scheduled: number;
  delivered: number;
  /** Registers marked present or late at the month's delivered sessions. */
  attendances: number;
  /** Distinct people marked present or late that month: the count suppression needs. */
  attendees: number;
}

export interface OrganisationUtilisationInput {
  tenantId: string;
  name: string;
  minGroupSize: number;
  months: readonly UtilisationMonthCounts[];
  /** Distinct people marked present or late over the whole period. */
  periodAttendees: number;
}

export type AttendancesFigure = { shown: true; attendances: number } | { shown: false; message: string };

export interface OrganisationUtilisation {
  tenantId: string;
  name: string;
  months: Array<{ month: string; bought: number; scheduled: number; delivered: number; attended: AttendancesFigure }>;
  total: { bought: number; scheduled: number; delivered: number; attended: AttendancesFigure };
}

/**
 * Each organisation's utilisation over the period, month by month. Session counts describe what
 * the organisation bought and received, not any person, and are shown as they are. Attendances
 * are about people: each organisation's months and its period total are one published family
 * decided by the one suppression rule with that organisation's own minimum group size (a month's
 * cell counts its distinct attendees), so no month shows fewer people than the threshold and none
 * can be worked out from the total and the other months. The total also needs that many distinct
 * people over the whole period (someone attending every month counts once), which can only hide
 * more.
 */
export function decideUtilisation(organisations: readonly OrganisationUtilisationInput[], period: PlatformDashboardPeriod): OrganisationUtilisation[] {
  const months = monthsOfPeriod(period.from, period.to);
  return [...organisations]
    .sort((a, b) => a.name.localeCompare(b.name) || a.tenantId.localeCompare(b.tenantId))
    .map((organisation) => {
      const byMonth = new Map(organisation.months.map((month) => [month.month, month]));
      const counts = months.map((month) => byMonth.get(month) ?? { month, bought: 0, scheduled: 0, delivered: 0, attendances: 0, attendees: 0 });
      const thresholds = { minGroupSize: organisation.minGroupSize, minCommentGroupSize: organisation.minGroupSize, commentsEnabled: false };
      const family: FigureRequest[] = [{ key: 'total', kind: 'SCORES', cells: months }, ...months.map((month): FigureRequest => ({ key: month, kind: 'SCORES', cells: [month] }))];
      const decisions = new Map(
        decideSuppression(family, Object.fromEntries(counts.map((month) => [month.month, month.attendees])), thresholds).map((decision) => [decision.key, decision]),
      );
      const attended = (key: string, attendances: number): AttendancesFigure => {
        const decision = decisions.get(key)!;
        if (!decision.shown) return { shown: false, message: suppressionMessage(decision) };
        if (key === 'total' && organisation.periodAttendees < organisation.minGroupSize) {
          return { shown: false, message: suppressionMessage({ key, shown: false, reason: 'TOO_FEW_RESPONSES', threshold: organisation.minGroupSize }) };
        }
        return { shown: true, attendances };
      };
      const sum = (pick: (month: UtilisationMonthCounts) => number) => counts.reduce((total, month) => total + pick(month), 0);
      return {
        tenantId: organisation.tenantId,
        name: organisation.name,
        months: counts.map((month) => ({
          month: month.month,
          bought: month.bought,
          scheduled: month.scheduled,
          delivered: month.delivered,
          attended: attended(month.month, month.attendances),
        })),
        total: {
          bought: sum((month) => month.bought),
          scheduled: sum((month) => month.scheduled),
          delivered: sum((month) => month.delivered),
          attended: attended(
            'total',
            sum((month) => month.attendances),
          ),
        },
      };
    });
}
