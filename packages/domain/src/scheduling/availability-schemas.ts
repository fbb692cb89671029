import { DateTime, Info } from 'luxon';
import { z } from 'zod';
import { singleLine } from '../identity/identity-schemas.js';
import { timeZoneSchema } from '../tenancy/tenancy-schemas.js';

/** Enough for three spans a day, every day (a split shift with an evening). */
export const MAX_WORKING_HOURS_SPANS = 21;
/** Longer leave is entered as more than one span, so a slip of the year cannot block a facilitator for ever. */
export const MAX_TIME_OFF_DAYS = 366;

/** Monday is 1 and Sunday 7 (ISO 8601, as Luxon counts), named in British English. */
export function weekdayName(isoWeekday: number): string {
  return Info.weekdays('long', { locale: 'en-GB' })[isoWeekday - 1] ?? `Day ${isoWeekday}`;
}

const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A wall-clock time, `HH:MM` on the 24-hour clock. Compared as text: the format sorts as time does. */
export const localTimeSchema = z.string().trim().regex(LOCAL_TIME, { error: 'Write times as HH:MM on the 24-hour clock, for example 09:30.' });

// Zod runs an object's refinements even when a field has failed; these compare only valid values,
// so one slip gets one message.
const bothTimes = (span: { startsLocal: string; endsLocal: string }) => LOCAL_TIME.test(span.startsLocal) && LOCAL_TIME.test(span.endsLocal);
const bothInstants = (span: { startsAt: unknown; endsAt: unknown }) => span.startsAt instanceof Date && span.endsAt instanceof Date;

export const workingHoursSpanSchema = z
  .object({
    isoWeekday: z.int({ error: 'Choose a day of the week.' }).min(1, { error: 'Choose a day of the week.' }).max(7, { error: 'Choose a day of the week.' }),
    startsLocal: localTimeSchema,
    endsLocal: localTimeSchema,
  })
  .refine((span) => !bothTimes(span) || span.endsLocal > span.startsLocal, { error: 'Each span must end after it starts, on the same day.', path: ['endsLocal'] });

export type WorkingHoursSpan = z.output<typeof workingHoursSpanSchema>;

/**
 * A facilitator's usual week, in their own time zone. Spans on one day may touch (09:00–12:00 and
 * 12:00–17:00) but not overlap: an overlap is nearly always a typing slip, and saying so beats
 * silently merging.
 */
export const workingHoursSchema = z
  .object({
    timeZone: timeZoneSchema,
    spans: z.array(workingHoursSpanSchema).max(MAX_WORKING_HOURS_SPANS, { error: `Enter at most ${MAX_WORKING_HOURS_SPANS} spans of working hours.` }),
  })
  .superRefine(({ spans }, context) => {
    const ordered = spans.map((span, index) => ({ span, index })).sort((a, b) => a.span.isoWeekday - b.span.isoWeekday || a.span.startsLocal.localeCompare(b.span.startsLocal));
    for (let position = 1; position < ordered.length; position += 1) {
      const earlier = ordered[position - 1]!;
      const later = ordered[position]!;
      const comparable = bothTimes(earlier.span) && bothTimes(later.span);
      if (comparable && later.span.isoWeekday === earlier.span.isoWeekday && later.span.startsLocal < earlier.span.endsLocal) {
        context.addIssue({
          code: 'custom',
          path: ['spans', later.index, 'startsLocal'],
          message: `${weekdayName(later.span.isoWeekday)} ${later.span.startsLocal}–${later.span.endsLocal} overlaps ${earlier.span.startsLocal}–${earlier.span.endsLocal}.`,
        });
      }
    }
  })
  .transform(({ timeZone, spans }) => ({
    timeZone,
    spans: [...spans].sort((a, b) => a.isoWeekday - b.isoWeekday || a.startsLocal.localeCompare(b.startsLocal)),
  }));

export type WorkingHours = z.output<typeof workingHoursSchema>;

const instantSchema = z.iso.datetime({ offset: true, error: 'Enter a date and time.' }).transform((value) => new Date(value));

/** A span of leave or other time away, as instants (the form sends them in the viewer's zone). */
export const timeOffSchema = z
  .object({
    startsAt: instantSchema,
    endsAt: instantSchema,
    note: singleLine(z.string().trim().max(200, { error: 'Notes can be at most 200 characters.' }), 'Notes').default(''),
  })
  .refine((span) => !bothInstants(span) || span.endsAt > span.startsAt, { error: 'Time off must end after it starts.', path: ['endsAt'] })
  .refine((span) => !bothInstants(span) || DateTime.fromJSDate(span.endsAt).diff(DateTime.fromJSDate(span.startsAt), 'days').days <= MAX_TIME_OFF_DAYS, {
    error: `Enter time off of at most ${MAX_TIME_OFF_DAYS} days at a time.`,
    path: ['endsAt'],
  });

export type TimeOff = z.output<typeof timeOffSchema>;
