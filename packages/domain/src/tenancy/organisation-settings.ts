import { z } from 'zod';
import { noteRetentionMonthsSchema } from '../delivery/note-retention.js';
import { DEFAULT_MIN_COMMENT_GROUP_SIZE } from '../feedback/suppression.js';

/**
 * What an organisation's admins choose for themselves: how long feedback stays open and when
 * those who have not answered are reminded, whether reflective-practice comments are shown and
 * past how many responses, and how long session notes are kept. The bounds match the `tenant`
 * table's CHECK constraints. The minimum group size is not theirs to lower (platform admins set
 * it, never below 5); nor is the comment threshold allowed below 10 (DESIGN.md).
 */
export const OrganisationSettingsBounds = {
  windowDays: { min: 1, max: 30 },
  reminderAfterHours: { min: 1, max: 336 },
  commentThreshold: { min: DEFAULT_MIN_COMMENT_GROUP_SIZE, max: 100 },
} as const;

const wholeNumber = (what: string, min: number, max: number, unit: string) =>
  z
    .int({ error: `Enter ${what} as a whole number.` })
    .min(min, { error: `${capitalise(what)} must be at least ${min} ${unit}${min === 1 ? '' : 's'}.` })
    .max(max, { error: `${capitalise(what)} can be at most ${max} ${unit}s.` });

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const organisationSettingsSchema = z
  .object({
    feedbackWindowDays: wholeNumber('the feedback window', OrganisationSettingsBounds.windowDays.min, OrganisationSettingsBounds.windowDays.max, 'day'),
    feedbackReminderAfterHours: wholeNumber('the reminder delay', OrganisationSettingsBounds.reminderAfterHours.min, OrganisationSettingsBounds.reminderAfterHours.max, 'hour'),
    grpCommentsEnabled: z.boolean({ error: 'Choose whether comments on reflective practice are shown.' }),
    commentThreshold: z
      .int({ error: 'Enter the comment threshold as a whole number.' })
      .min(OrganisationSettingsBounds.commentThreshold.min, {
        error: `Comments need at least ${OrganisationSettingsBounds.commentThreshold.min} responses before they are shown.`,
      })
      .max(OrganisationSettingsBounds.commentThreshold.max, { error: `The comment threshold can be at most ${OrganisationSettingsBounds.commentThreshold.max} responses.` }),
    noteRetentionMonths: noteRetentionMonthsSchema,
  })
  .superRefine((settings, context) => {
    // A reminder after the window has closed would point at a link that no longer works.
    const window = settings.feedbackWindowDays;
    const windowValid = Number.isInteger(window) && window >= OrganisationSettingsBounds.windowDays.min && window <= OrganisationSettingsBounds.windowDays.max;
    if (windowValid && settings.feedbackReminderAfterHours >= window * 24) {
      context.addIssue({
        code: 'custom',
        path: ['feedbackReminderAfterHours'],
        message: `The reminder must go before the feedback window closes: less than ${settings.feedbackWindowDays * 24} hours.`,
      });
    }
  });

export type OrganisationSettings = z.output<typeof organisationSettingsSchema>;
