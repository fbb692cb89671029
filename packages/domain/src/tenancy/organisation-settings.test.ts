import { organisationSettingsSchema } from './organisation-settings.js';

const VALID = { feedbackWindowDays: 7, feedbackReminderAfterHours: 48, grpCommentsEnabled: false, commentThreshold: 10, noteRetentionMonths: 12 };

function problems(input: unknown): Array<{ field: string; message: string }> {
  const result = organisationSettingsSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
}

describe('organisationSettingsSchema', () => {
  it('accepts the defaults and the bounds', () => {
    expect(problems(VALID)).toEqual([]);
    expect(problems({ ...VALID, feedbackWindowDays: 30, feedbackReminderAfterHours: 336, commentThreshold: 100, noteRetentionMonths: 84 })).toEqual([]);
    expect(problems({ ...VALID, feedbackWindowDays: 1, feedbackReminderAfterHours: 1, grpCommentsEnabled: true, noteRetentionMonths: 1 })).toEqual([]);
  });

  it.each([
    ['a window of no days', { feedbackWindowDays: 0 }, 'feedbackWindowDays', 'The feedback window must be at least 1 day.'],
    ['a window of 31 days', { feedbackWindowDays: 31 }, 'feedbackWindowDays', 'The feedback window can be at most 30 days.'],
    ['half a day', { feedbackWindowDays: 1.5 }, 'feedbackWindowDays', 'Enter the feedback window as a whole number.'],
    ['a reminder after no time', { feedbackReminderAfterHours: 0 }, 'feedbackReminderAfterHours', 'The reminder delay must be at least 1 hour.'],
    [
      'a reminder after the window closes',
      { feedbackWindowDays: 2, feedbackReminderAfterHours: 48 },
      'feedbackReminderAfterHours',
      'The reminder must go before the feedback window closes: less than 48 hours.',
    ],
    ['comments past 9 responses', { commentThreshold: 9 }, 'commentThreshold', 'Comments need at least 10 responses before they are shown.'],
    ['comments past 101 responses', { commentThreshold: 101 }, 'commentThreshold', 'The comment threshold can be at most 100 responses.'],
    ['notes kept for no months', { noteRetentionMonths: 0 }, 'noteRetentionMonths', 'Keep notes for at least 1 month.'],
    ['notes kept for 85 months', { noteRetentionMonths: 85 }, 'noteRetentionMonths', 'Notes can be kept for at most 84 months.'],
    ['comments as text', { grpCommentsEnabled: 'yes' }, 'grpCommentsEnabled', 'Choose whether comments on reflective practice are shown.'],
  ])('refuses %s, naming the field', (_case, change, field, message) => {
    expect(problems({ ...VALID, ...change })).toEqual([{ field, message }]);
  });
});
