import { DomainError } from '../errors/domain-error.js';
import { parseInput } from '../errors/parse-input.js';
import { DEFAULT_REMINDER_OFFSETS_MINUTES, describeReminderNotice, reminderOffsetsSchema } from './reminders.js';

function refusal(input: unknown): string {
  try {
    parseInput(reminderOffsetsSchema, input);
  } catch (error) {
    if (error instanceof DomainError) return error.message;
    throw error;
  }
  throw new Error('Expected the offsets to be refused.');
}

describe('reminder offsets', () => {
  it('default to a day and an hour before each session', () => {
    expect(DEFAULT_REMINDER_OFFSETS_MINUTES).toEqual([1440, 60]);
    expect(parseInput(reminderOffsetsSchema, DEFAULT_REMINDER_OFFSETS_MINUTES)).toEqual([1440, 60]);
  });

  it('are kept largest first, and may be none at all', () => {
    expect(parseInput(reminderOffsetsSchema, [60, 2880, 15])).toEqual([2880, 60, 15]);
    expect(parseInput(reminderOffsetsSchema, [])).toEqual([]);
  });

  it.each([
    { input: [60, 60], message: 'Give each reminder time once.' },
    { input: [1440, 60, 30, 15], message: 'Choose at most 3 reminders per session.' },
    { input: [2], message: 'A reminder must come at least 5 minutes before the session.' },
    { input: [20_161], message: 'A reminder can come at most two weeks before the session.' },
    { input: [1.5], message: 'Give each reminder as a whole number of minutes before the session.' },
    { input: '1440', message: 'Give the reminders as a list of minutes before the session, like [1440, 60].' },
  ])('refuses $input: $message', ({ input, message }) => {
    expect(refusal(input)).toBe(message);
  });

  it.each([
    [1440, 'in 24 hours'],
    [2880, 'in 2 days'],
    [60, 'in 1 hour'],
    [90, 'in 90 minutes'],
  ])('describe %i minutes as "%s"', (minutes, text) => {
    expect(describeReminderNotice(minutes)).toBe(text);
  });
});
