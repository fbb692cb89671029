import { DomainError } from '../errors/domain-error.js';
import { parseInput } from '../errors/parse-input.js';
import { feedbackAnswersSchema } from './feedback-answers.js';
import { DEFAULT_SESSION_FEEDBACK, scaleItems, textItems } from './instrument.js';

const schema = feedbackAnswersSchema(DEFAULT_SESSION_FEEDBACK);
const complete = { safe_to_share: 5, useful_for_practice: 4, held_well: 4, protected_time: 3, feel_about_work: 4 };

function problems(input: unknown): Array<{ field: string; message: string }> {
  try {
    parseInput(schema, input);
  } catch (error) {
    if (error instanceof DomainError) return error.fieldProblems;
    throw error;
  }
  throw new Error('Expected the answers to be refused.');
}

describe('the default post-session form', () => {
  it('is version 1 of session-feedback, in our own words under CC BY 4.0', () => {
    expect(DEFAULT_SESSION_FEEDBACK).toMatchObject({ key: 'session-feedback', version: 1, licence: 'CC-BY-4.0' });
    expect(scaleItems(DEFAULT_SESSION_FEEDBACK).map((item) => item.id)).toEqual(['safe_to_share', 'useful_for_practice', 'held_well', 'protected_time', 'feel_about_work']);
    expect(textItems(DEFAULT_SESSION_FEEDBACK).map((item) => item.id)).toEqual(['take_away']);
  });

  it('answers every scale on five points', () => {
    for (const item of scaleItems(DEFAULT_SESSION_FEEDBACK)) expect(item.options.map((option) => option.value)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('feedbackAnswersSchema', () => {
  it('keeps a complete set of answers, trimming the free text and dropping an empty one', () => {
    expect(parseInput(schema, { ...complete, take_away: '  Pausing before I reply.  ' })).toEqual({ ...complete, take_away: 'Pausing before I reply.' });
    expect(parseInput(schema, { ...complete, take_away: '   ' })).toEqual(complete);
    expect(parseInput(schema, complete)).toEqual(complete);
  });

  it.each([
    {
      name: 'a missing scale answer',
      input: { ...complete, held_well: undefined },
      expected: [{ field: 'held_well', message: 'Choose an answer for “The facilitator held the group well.”' }],
    },
    {
      name: 'a value off the scale',
      input: { ...complete, safe_to_share: 6 },
      expected: [{ field: 'safe_to_share', message: 'Choose an answer for “I felt safe to share in this session.”' }],
    },
    {
      name: 'a fraction',
      input: { ...complete, protected_time: 2.5 },
      expected: [{ field: 'protected_time', message: 'Choose an answer for “The session gave me protected time and space I could use.”' }],
    },
    {
      name: 'a text where a scale belongs',
      input: { ...complete, feel_about_work: 'better' },
      expected: [{ field: 'feel_about_work', message: 'Choose an answer for “Since the session, how I feel about my work is…”' }],
    },
    { name: 'a long free text', input: { ...complete, take_away: 'x'.repeat(1001) }, expected: [{ field: 'take_away', message: 'Keep your answer to 1000 characters or fewer.' }] },
    {
      name: 'control characters',
      input: { ...complete, take_away: 'ok\u0007' },
      expected: [{ field: 'take_away', message: 'Your answer contains characters that cannot be stored. Please retype it.' }],
    },
    {
      name: 'an answer to a question the form does not ask',
      input: { ...complete, name: 'Sam' },
      expected: [{ field: 'input', message: 'These answers include a question this form does not ask.' }],
    },
  ])('refuses $name, naming the field', ({ input, expected }) => {
    expect(problems(input)).toEqual(expected);
  });

  it('names every unanswered item at once', () => {
    expect(problems({}).map((problem) => problem.field)).toEqual(['safe_to_share', 'useful_for_practice', 'held_well', 'protected_time', 'feel_about_work']);
  });

  it('refuses something that is not a set of answers', () => {
    expect(problems('5,5,5')).toEqual([{ field: 'input', message: 'Send the answers as one set of answers to the form.' }]);
  });
});

describe('feedbackAnswersSchema, built once per instrument', () => {
  it('gives the same schema for the same instrument and a schema of its own to another', () => {
    const other = { ...DEFAULT_SESSION_FEEDBACK, items: DEFAULT_SESSION_FEEDBACK.items.slice(0, 1) };
    expect(feedbackAnswersSchema(DEFAULT_SESSION_FEEDBACK)).toBe(schema);
    expect(feedbackAnswersSchema(other)).not.toBe(schema);
    expect(feedbackAnswersSchema(other).safeParse({ [DEFAULT_SESSION_FEEDBACK.items[0]!.id]: 4 }).success).toBe(true);
  });
});
