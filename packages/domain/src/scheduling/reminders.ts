import { z } from 'zod';

/** What an organisation gets unless it chooses otherwise: a reminder a day before each session and an hour before. */
export const DEFAULT_REMINDER_OFFSETS_MINUTES: readonly number[] = [24 * 60, 60];
/** More than this many reminders per session stops being a reminder and becomes noise. */
export const MAX_REMINDER_OFFSETS = 3;
/** Five minutes' notice is the least that is any use; two weeks the most that is still a reminder. */
export const MIN_REMINDER_OFFSET_MINUTES = 5;
export const MAX_REMINDER_OFFSET_MINUTES = 14 * 24 * 60;

const offsetSchema = z
  .int({ error: 'Give each reminder as a whole number of minutes before the session.' })
  .min(MIN_REMINDER_OFFSET_MINUTES, { error: `A reminder must come at least ${MIN_REMINDER_OFFSET_MINUTES} minutes before the session.` })
  .max(MAX_REMINDER_OFFSET_MINUTES, { error: 'A reminder can come at most two weeks before the session.' });

/**
 * An organisation's reminder setting: how many minutes before each session its participants and
 * facilitators are reminded. None at all is allowed (an organisation that sends its own). Kept
 * largest first, so the list reads in the order the reminders arrive.
 */
export const reminderOffsetsSchema = z
  .array(offsetSchema, { error: 'Give the reminders as a list of minutes before the session, like [1440, 60].' })
  .refine((offsets) => offsets.length <= MAX_REMINDER_OFFSETS, { error: `Choose at most ${MAX_REMINDER_OFFSETS} reminders per session.` })
  .refine((offsets) => new Set(offsets).size === offsets.length, { error: 'Give each reminder time once.' })
  .transform((offsets) => [...offsets].sort((a, b) => b - a));

/** How a reminder names its notice in an email: "in 24 hours", "in 1 hour", "in 30 minutes". */
export function describeReminderNotice(offsetMinutes: number): string {
  if (offsetMinutes % (24 * 60) === 0 && offsetMinutes >= 48 * 60) return `in ${offsetMinutes / (24 * 60)} days`;
  if (offsetMinutes % 60 === 0) return offsetMinutes === 60 ? 'in 1 hour' : `in ${offsetMinutes / 60} hours`;
  return `in ${offsetMinutes} minutes`;
}
