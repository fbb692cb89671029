import { z } from 'zod';

/** How long note text is kept after the session, by default and at most (a tenant setting in months). */
export const NoteRetention = {
  defaultMonths: 12,
  minMonths: 1,
  maxMonths: 84,
} as const;

export const noteRetentionMonthsSchema = z
  .int({ error: 'Enter a whole number of months.' })
  .min(NoteRetention.minMonths, { error: `Keep notes for at least ${NoteRetention.minMonths} month.` })
  .max(NoteRetention.maxMonths, { error: `Notes can be kept for at most ${NoteRetention.maxMonths} months.` });
