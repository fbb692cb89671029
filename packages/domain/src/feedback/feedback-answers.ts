import { z } from 'zod';
import { hasControlCharacter } from '../identity/identity-schemas.js';
import type { Instrument, InstrumentItem } from './instrument.js';

/** One person's answers, by item id: a scale's value (1–5) or a free-text answer. */
export type FeedbackAnswers = Record<string, number | string>;

/** Control characters other than line breaks and tabs have no place in a typed answer, and could smuggle formatting into an export. */
function hasStrayControlCharacter(text: string): boolean {
  return hasControlCharacter(text.replace(/[\r\n\t]/g, ' '));
}

function itemSchema(item: InstrumentItem): z.ZodType {
  if (item.kind === 'SCALE') {
    const message = `Choose an answer for “${item.prompt}”`;
    const values = item.options.map((option) => option.value);
    return z.int({ error: message }).refine((value) => values.includes(value as 1), { error: message });
  }
  return z
    .string({ error: 'Type your answer as text.' })
    .trim()
    .max(item.maxLength, { error: `Keep your answer to ${item.maxLength} characters or fewer.` })
    .refine((text) => !hasStrayControlCharacter(text), { error: 'Your answer contains characters that cannot be stored. Please retype it.' })
    .optional()
    .transform((text) => (text ? text : undefined));
}

/** Answer schemas by instrument: an instrument never changes once used, and building a schema costs far more than using one. */
const answersSchemas = new WeakMap<Instrument, ReturnType<typeof buildAnswersSchema>>();

/**
 * The schema of one response to `instrument`: every scale item answered with one of its values,
 * free text optional and bounded. Strict: an answer to a question the form does not ask is refused
 * rather than stored. Through `parseInput`, each problem names its item id as the field. Built once
 * per instrument object (a submission is the feedback page's hot path).
 */
export function feedbackAnswersSchema(instrument: Instrument) {
  let schema = answersSchemas.get(instrument);
  if (!schema) {
    schema = buildAnswersSchema(instrument);
    answersSchemas.set(instrument, schema);
  }
  return schema;
}

function buildAnswersSchema(instrument: Instrument) {
  const shape: Record<string, z.ZodType> = {};
  for (const item of instrument.items) shape[item.id] = itemSchema(item);
  return z
    .strictObject(shape, {
      error: (issue) => (issue.code === 'unrecognized_keys' ? 'These answers include a question this form does not ask.' : 'Send the answers as one set of answers to the form.'),
    })
    .transform((answers) => Object.fromEntries(Object.entries(answers).filter(([, value]) => value !== undefined)) as FeedbackAnswers);
}
