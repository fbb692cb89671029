import { DateTime } from 'luxon';
import { z } from 'zod';

/** When in a programme an outcome instrument is asked. */
export const MeasurementPoint = {
  BASELINE: 'BASELINE',
  MIDPOINT: 'MIDPOINT',
  FINAL: 'FINAL',
  FOLLOW_UP: 'FOLLOW_UP',
} as const;
export type MeasurementPoint = (typeof MeasurementPoint)[keyof typeof MeasurementPoint];

/** The optional points a programme chooses; baseline and final are always asked. */
export const measurementPlanSchema = z.object({
  midpoint: z.boolean(),
  followUpMonths: z
    .number({ error: 'Give the follow-up as a whole number of months, or none.' })
    .int({ error: 'Give the follow-up as a whole number of months, or none.' })
    .min(1, { error: 'A follow-up comes at least a month after the last session.' })
    .max(12, { error: 'A follow-up comes at most 12 months after the last session.' })
    .nullable(),
});
export type MeasurementPlan = z.infer<typeof measurementPlanSchema>;

export interface SessionTimes {
  startsAt: string;
  endsAt: string;
}

export interface MeasurementWindow {
  point: MeasurementPoint;
  /** UTC ISO instants: when the links go out, and when answers stop counting for this point. */
  opensAt: string;
  closesAt: string;
}

/** How long before the first session the baseline is asked: long enough to answer, close enough to be a baseline. */
export const BASELINE_LEAD_DAYS = 7;
/** How long people have to answer the midpoint, final and follow-up measures. */
export const MEASUREMENT_WINDOW_DAYS = 14;

/**
 * When each measure is asked, from the programme's sessions (cancelled ones left out by the
 * caller, in start order). The baseline closes as the first session starts, so nothing the group
 * did colours it; the midpoint opens when the middle session ends; the final when the last ends;
 * the follow-up the chosen number of months later. Null without sessions: nothing to measure yet.
 */
export function measurementWindows(sessions: readonly SessionTimes[], plan: MeasurementPlan): MeasurementWindow[] | null {
  const first = sessions[0];
  const last = sessions.at(-1);
  if (!first || !last) return null;
  const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
  const iso = (instant: DateTime) => instant.toUTC().toISO({ suppressMilliseconds: true })!;
  const windowFrom = (point: MeasurementPoint, opens: DateTime): MeasurementWindow => ({
    point,
    opensAt: iso(opens),
    closesAt: iso(opens.plus({ days: MEASUREMENT_WINDOW_DAYS })),
  });

  const firstStart = utc(first.startsAt);
  const windows: MeasurementWindow[] = [{ point: MeasurementPoint.BASELINE, opensAt: iso(firstStart.minus({ days: BASELINE_LEAD_DAYS })), closesAt: iso(firstStart) }];
  // A midpoint needs sessions on both sides of it: with fewer than three it would be the baseline or the final again.
  if (plan.midpoint && sessions.length >= 3) {
    const middle = sessions[Math.ceil(sessions.length / 2) - 1]!;
    windows.push(windowFrom(MeasurementPoint.MIDPOINT, utc(middle.endsAt)));
  }
  const lastEnd = utc(last.endsAt);
  windows.push(windowFrom(MeasurementPoint.FINAL, lastEnd));
  if (plan.followUpMonths !== null) windows.push(windowFrom(MeasurementPoint.FOLLOW_UP, lastEnd.plus({ months: plan.followUpMonths })));
  return windows;
}
