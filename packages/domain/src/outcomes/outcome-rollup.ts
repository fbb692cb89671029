import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { z } from 'zod';
import { serviceTypeSchema } from '../programmes/service-type.js';
import { uuidSchema } from '../tenancy/tenancy-schemas.js';
import { ScoreDirection } from './instrument.js';
import type { Interval, PairedChange, ScorePair } from './paired-change.js';
import { reliableChange } from './paired-change.js';
import { MeasurementPoint } from './measurement-schedule.js';
import type { OutcomeScores } from './measurement-requests.js';
import { publicationDue } from '../feedback/publication.js';

/**
 * A programme's rollup: the figures the dashboards read instead of raw rows. The worker computes
 * it from the programme's raw rows (sessions, attendance counts, outcome measurements) with
 * `computeOutcomeRollup`, a pure function, so a rollup always equals a recompute from scratch.
 *
 * Paired changes are kept as sufficient statistics (`PairedMoments`): n and the sums a paired
 * change is computed from. Moments add up, so a figure over several programmes (a team, the whole
 * organisation, a month) is exact without reading a single measurement again.
 */

export interface RollupSession {
  status: 'SCHEDULED' | 'DELIVERED' | 'CANCELLED';
  /** The calendar month it starts in, in the programme's time zone: `YYYY-MM`. */
  month: string;
}

export interface RollupMeasurement {
  instrumentKey: string;
  point: MeasurementPoint;
  pseudonym: string;
  /** As a measurement stores them: each subscale's score by key (null where too few items were answered). */
  scores: OutcomeScores;
}

/** What the rollup needs to know of a subscale: its direction and (for reliable change) reliability. */
export interface RollupSubscaleInfo {
  instrumentKey: string;
  subscaleKey: string;
  direction: ScoreDirection;
  reliability?: number;
}

export interface RollupInput {
  sessionsBought: number;
  sessions: readonly RollupSession[];
  /** Registers marked for delivered sessions, those marked present or late, and distinct people marked. */
  attendance: { marked: number; present: number; attendees: number };
  measurements: readonly RollupMeasurement[];
  subscales: readonly RollupSubscaleInfo[];
}

export interface PairedMoments {
  n: number;
  sumBefore: number;
  sumAfter: number;
  sumDifference: number;
  sumSquaredDifference: number;
}

export interface ReliableCounts {
  improved: number;
  deteriorated: number;
  unchanged: number;
}

export interface SubscaleRollup {
  instrumentKey: string;
  subscaleKey: string;
  direction: ScoreDirection;
  moments: PairedMoments;
  /** Null when the instrument gives no reliability for this subscale (or too few pairs to judge). */
  reliable: ReliableCounts | null;
}

export interface MonthRollup {
  month: string;
  planned: number;
  delivered: number;
  cancelled: number;
}

export interface OutcomeRollupFigures {
  sessionsBought: number;
  /** Sessions still to come (scheduled, neither delivered nor cancelled). */
  sessionsPlanned: number;
  sessionsDelivered: number;
  sessionsCancelled: number;
  attendanceMarked: number;
  attendancePresent: number;
  attendees: number;
  /** The month of the last session not cancelled: where the programme's change falls in a period. */
  finalMonth: string | null;
  months: MonthRollup[];
  subscales: SubscaleRollup[];
  measurements: number;
}

const EMPTY_MOMENTS: PairedMoments = { n: 0, sumBefore: 0, sumAfter: 0, sumDifference: 0, sumSquaredDifference: 0 };

/** A programme's rollup from its raw rows. Deterministic: the same rows give the same figures, in any order. */
export function computeOutcomeRollup(input: RollupInput): OutcomeRollupFigures {
  const months = new Map<string, MonthRollup>();
  let planned = 0;
  let delivered = 0;
  let cancelled = 0;
  let finalMonth: string | null = null;
  for (const session of input.sessions) {
    const month = months.get(session.month) ?? { month: session.month, planned: 0, delivered: 0, cancelled: 0 };
    months.set(session.month, month);
    if (session.status === 'CANCELLED') {
      cancelled += 1;
      month.cancelled += 1;
      continue;
    }
    if (session.status === 'DELIVERED') {
      delivered += 1;
      month.delivered += 1;
    } else {
      planned += 1;
      month.planned += 1;
    }
    if (finalMonth === null || session.month > finalMonth) finalMonth = session.month;
  }

  const subscales = [...input.subscales]
    .sort((a, b) => a.instrumentKey.localeCompare(b.instrumentKey) || a.subscaleKey.localeCompare(b.subscaleKey))
    .map((info) => subscaleRollup(info, input.measurements));

  return {
    sessionsBought: input.sessionsBought,
    sessionsPlanned: planned,
    sessionsDelivered: delivered,
    sessionsCancelled: cancelled,
    attendanceMarked: input.attendance.marked,
    attendancePresent: input.attendance.present,
    attendees: input.attendance.attendees,
    finalMonth,
    months: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
    subscales,
    measurements: input.measurements.length,
  };
}

/** Baseline and final scores of one subscale, paired by pseudonym (both scored), in pseudonym order. */
export function subscalePairs(measurements: readonly RollupMeasurement[], instrumentKey: string, subscaleKey: string): ScorePair[] {
  const scoreAt = (point: MeasurementPoint): Map<string, number> => {
    const scores = new Map<string, number>();
    for (const measurement of measurements) {
      if (measurement.instrumentKey !== instrumentKey || measurement.point !== point) continue;
      const score = measurement.scores[subscaleKey];
      if (typeof score === 'number' && Number.isFinite(score)) scores.set(measurement.pseudonym, score);
    }
    return scores;
  };
  const before = scoreAt(MeasurementPoint.BASELINE);
  const after = scoreAt(MeasurementPoint.FINAL);
  return [...before.keys()]
    .filter((pseudonym) => after.has(pseudonym))
    .sort()
    .map((pseudonym) => ({ before: before.get(pseudonym)!, after: after.get(pseudonym)! }));
}

function subscaleRollup(info: RollupSubscaleInfo, measurements: readonly RollupMeasurement[]): SubscaleRollup {
  const pairs = subscalePairs(measurements, info.instrumentKey, info.subscaleKey);
  const reliable = info.reliability === undefined ? null : reliableChange(pairs, { reliability: info.reliability, direction: info.direction });
  return {
    instrumentKey: info.instrumentKey,
    subscaleKey: info.subscaleKey,
    direction: info.direction,
    moments: pairedMoments(pairs),
    reliable: reliable && { improved: reliable.improved, deteriorated: reliable.deteriorated, unchanged: reliable.unchanged },
  };
}

export function pairedMoments(pairs: readonly ScorePair[]): PairedMoments {
  return pairs.reduce(
    (sum, pair) => {
      const difference = pair.after - pair.before;
      return {
        n: sum.n + 1,
        sumBefore: sum.sumBefore + pair.before,
        sumAfter: sum.sumAfter + pair.after,
        sumDifference: sum.sumDifference + difference,
        sumSquaredDifference: sum.sumSquaredDifference + difference * difference,
      };
    },
    { ...EMPTY_MOMENTS },
  );
}

/**
 * What a programme's rollup publishes to the dashboards: per subscale, the figures as they stood
 * when they were last published. Live figures would let a reader difference two reads a few
 * minutes apart (n = 5, then n = 6: the sixth person's change), so outcome figures follow the
 * feedback results' rule (`publicationDue`): a subscale is published when its pairs first reach
 * the minimum group size and again only once that many more pairs have been added. In between,
 * the previous publication stands; a subscale never published shows no pairs (n = 0), which every
 * dashboard withholds. `live` are the figures just computed from the raw rows (in their order),
 * `previous` what was published before.
 */
export function publishSubscales(live: readonly SubscaleRollup[], previous: readonly SubscaleRollup[], minGroupSize: number): SubscaleRollup[] {
  return live.map((subscale) => {
    const before = previous.find((entry) => entry.instrumentKey === subscale.instrumentKey && entry.subscaleKey === subscale.subscaleKey);
    const lastPublished = before && before.moments.n > 0 ? before.moments.n : null;
    if (publicationDue(subscale.moments.n, lastPublished, minGroupSize)) return subscale;
    if (before && lastPublished !== null) return { ...before, direction: subscale.direction };
    return { ...subscale, moments: { ...EMPTY_MOMENTS }, reliable: null };
  });
}

/** The moments of several groups together (their pairs pooled). */
export function combineMoments(parts: readonly PairedMoments[]): PairedMoments {
  return parts.reduce(
    (sum, part) => ({
      n: sum.n + part.n,
      sumBefore: sum.sumBefore + part.sumBefore,
      sumAfter: sum.sumAfter + part.sumAfter,
      sumDifference: sum.sumDifference + part.sumDifference,
      sumSquaredDifference: sum.sumSquaredDifference + part.sumSquaredDifference,
    }),
    { ...EMPTY_MOMENTS },
  );
}

/** Reliable-change counts of several groups together; null if any group has none. */
export function combineReliable(parts: ReadonlyArray<ReliableCounts | null>): ReliableCounts | null {
  if (parts.length === 0 || parts.some((part) => part === null)) return null;
  return parts.reduce<ReliableCounts>(
    (sum, part) => ({ improved: sum.improved + part!.improved, deteriorated: sum.deteriorated + part!.deteriorated, unchanged: sum.unchanged + part!.unchanged }),
    { improved: 0, deteriorated: 0, unchanged: 0 },
  );
}

const Z_975 = 1.959963984540054;

/**
 * The paired change (as `pairedChange` gives it from the pairs) from moments alone. The variance
 * of the differences comes from the sums; rounding can leave a few ulps where every difference
 * is the same, so a variance within 1e-9 of the squares' scale counts as none.
 */
export function pairedChangeFromMoments(moments: PairedMoments): PairedChange | null {
  const { n } = moments;
  if (n < 2) return null;
  const meanDifference = moments.sumDifference / n;
  const rawVariance = (moments.sumSquaredDifference - n * meanDifference * meanDifference) / (n - 1);
  const scale = Math.max(1, moments.sumSquaredDifference / n);
  const variance = rawVariance <= 1e-9 * scale ? 0 : rawVariance;
  const sdDifference = Math.sqrt(variance);
  const df = n - 1;
  const margin = tQuantile(0.975, df) * (sdDifference / Math.sqrt(n));
  const change: PairedChange = {
    n,
    meanBefore: moments.sumBefore / n,
    meanAfter: moments.sumAfter / n,
    meanDifference,
    sdDifference,
    meanDifferenceCi95: { lower: meanDifference - margin, upper: meanDifference + margin },
    cohensDz: null,
    hedgesG: null,
    hedgesGCi95: null,
  };
  if (sdDifference === 0 || n < 3) return change;
  const dz = meanDifference / sdDifference;
  const correction = 1 - 3 / (4 * df - 1);
  const g = dz * correction;
  const gMargin = Z_975 * correction * Math.sqrt(1 / n + dz ** 2 / (2 * n));
  return { ...change, cohensDz: dz, hedgesG: g, hedgesGCi95: { lower: g - gMargin, upper: g + gMargin } };
}

/** Cohen's conventional labels for a standardised effect's size (0.2 small, 0.5 moderate, 0.8 large). */
export function effectSizeLabel(g: number): 'negligible' | 'small' | 'moderate' | 'large' {
  const size = Math.abs(g);
  if (size < 0.2) return 'negligible';
  if (size < 0.5) return 'small';
  if (size < 0.8) return 'moderate';
  return 'large';
}

function points(value: number): string {
  const rounded = Math.round(Math.abs(value));
  return `${rounded} ${rounded === 1 ? 'point' : 'points'}`;
}

/**
 * A change in words a non-statistician reads: "Work-related burnout fell by 8 points on average
 * (95% CI 3 to 13), a moderate effect, n = 14". Whether a fall is good is the reader's to judge
 * from the title; `direction` adds "an improvement" or "a deterioration" when the interval
 * excludes no change.
 */
export function describeOutcomeChange(title: string, change: PairedChange, direction: ScoreDirection): string {
  const { meanDifference: difference, meanDifferenceCi95: ci } = change;
  const rounded = Math.round(difference);
  const movement = rounded === 0 ? 'stayed about the same' : `${rounded < 0 ? 'fell' : 'rose'} by ${points(difference)} on average`;
  const interval = describeInterval(ci);
  const effect = change.hedgesG === null ? 'effect size not available' : `a ${effectSizeLabel(change.hedgesG)} effect`;
  const clear = ci.lower > 0 || ci.upper < 0;
  const better = direction === ScoreDirection.HIGHER_IS_BETTER ? difference > 0 : difference < 0;
  const verdict = clear ? (better ? ', an improvement' : ', a deterioration') : '';
  return `${title} ${movement} (${interval}), ${effect}${verdict}, n = ${change.n}`;
}

function describeInterval(ci: Interval): string {
  // For a fall, the interval of how much it fell; for a rise, how much it rose; across zero, both ends named.
  if (ci.upper < 0) return `95% CI ${Math.round(-ci.upper)} to ${Math.round(-ci.lower)}`;
  if (ci.lower > 0) return `95% CI ${Math.round(ci.lower)} to ${Math.round(ci.upper)}`;
  return `95% CI from a fall of ${points(ci.lower)} to a rise of ${points(ci.upper)}`;
}

export const outcomeMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'Give a month as YYYY-MM.' });

/**
 * The organisation admin's dashboard filters. Sessions count in the month they fall in; a
 * programme's change and attendance count in the month of its last session (`finalMonth`).
 */
export const outcomeDashboardFilterSchema = z
  .strictObject({
    teamId: uuidSchema.nullish(),
    programmeId: uuidSchema.nullish(),
    serviceType: serviceTypeSchema.nullish(),
    from: outcomeMonthSchema.nullish(),
    to: outcomeMonthSchema.nullish(),
  })
  .refine((filter) => !filter.from || !filter.to || filter.from <= filter.to, { error: 'The period must start on or before the month it ends.', path: ['to'] });
export type OutcomeDashboardFilter = z.output<typeof outcomeDashboardFilterSchema>;

/** Whether a month (`YYYY-MM`) lies in the filter's period (open at either end). */
export function monthInPeriod(month: string | null, filter: Pick<OutcomeDashboardFilter, 'from' | 'to'>): boolean {
  if (!filter.from && !filter.to) return true;
  if (month === null) return false;
  return (!filter.from || month >= filter.from) && (!filter.to || month <= filter.to);
}
