import { z } from 'zod';
import { ScoreDirection, type OutcomeInstrument } from './instrument.js';
import { SHIPPED_OUTCOME_INSTRUMENTS, PROQOL_LICENCE_ENTRY } from './instrument-library.js';

/**
 * What platform admins send to add (or supersede) an organisation's own instrument, and what an
 * organisation's admins send to choose a programme's measures. The shape is checked here; whether
 * the instrument hangs together (items on defined scales, scores over real items) is
 * `outcomeInstrumentProblems`, run after this.
 */

const keySchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, { error: 'Give a key of 2 to 63 lower-case letters, digits and hyphens, starting with a letter or digit.' });
const text = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: `Give ${what}.` })
    .max(max, { error: `Keep ${what} to ${max} characters.` });

/** The keys the platform's own instruments and licence entries use: an organisation's own may not take one. */
export const RESERVED_OUTCOME_INSTRUMENT_KEYS: ReadonlySet<string> = new Set([...SHIPPED_OUTCOME_INSTRUMENTS.map((instrument) => instrument.key), PROQOL_LICENCE_ENTRY.key]);

export const tenantInstrumentSchema = z.object({
  key: keySchema.refine((key) => !RESERVED_OUTCOME_INSTRUMENT_KEYS.has(key), { error: 'That key belongs to one of the platform’s own instruments: choose another.' }),
  title: text('a title', 160),
  instructions: text('instructions for respondents', 500),
  licence: z.object({
    holder: text('the licence holder', 200),
    terms: text('the licence terms', 1000),
    attribution: z.string().trim().max(500, { error: 'Keep the attribution to 500 characters.' }).nullable(),
    wordingMayChange: z.boolean(),
  }),
  scales: z
    .array(
      z.object({
        key: keySchema,
        options: z
          .array(z.object({ value: z.number().int({ error: 'Give each option a whole-number value.' }), label: text('each option a label', 120) }))
          .max(11, { error: 'A scale has at most 11 options.' }),
      }),
    )
    .min(1, { error: 'Give at least one response scale.' })
    .max(5, { error: 'An instrument has at most 5 response scales.' }),
  items: z
    .array(z.object({ key: keySchema, text: text('each item its wording', 500), scale: z.string().trim(), reversed: z.boolean() }))
    .max(60, { error: 'An instrument has at most 60 items.' }),
  subscales: z
    .array(
      z.object({
        key: keySchema,
        title: text('each score a title', 160),
        items: z.array(z.string().trim()),
        method: z.enum(['MEAN', 'SUM']),
        minimumAnswered: z.number().int({ error: 'Give the fewest answered items as a whole number.' }),
        direction: z.enum([ScoreDirection.HIGHER_IS_BETTER, ScoreDirection.HIGHER_IS_WORSE]),
        reliability: z.number().nullable(),
      }),
    )
    .max(10, { error: 'An instrument has at most 10 scores.' }),
});
export type TenantInstrumentInput = z.input<typeof tenantInstrumentSchema>;

/**
 * The instrument a platform admin's input describes, at `version`. Licences of an organisation's
 * own instruments never ask the organisation to confirm them: the provider added it for them.
 */
export function tenantOutcomeInstrument(input: z.output<typeof tenantInstrumentSchema>, version: number): OutcomeInstrument {
  return {
    key: input.key,
    version,
    title: input.title,
    instructions: input.instructions,
    licence: { ...input.licence, attribution: input.licence.attribution || null, tenantMustConfirm: false, url: null },
    scales: input.scales,
    items: input.items.map(({ reversed, ...item }) => (reversed ? { ...item, reversed } : item)),
    subscales: input.subscales.map(({ reliability, ...subscale }) => (reliability === null ? subscale : { ...subscale, reliability })),
  };
}

/** How many instruments one programme may ask: each one lengthens what every participant answers. */
export const MAX_PROGRAMME_INSTRUMENTS = 3;

export const programmeOutcomePlanSchema = z.object({
  instrumentKeys: z
    .array(z.string().trim().min(1))
    .min(1, { error: 'Choose at least one instrument.' })
    .max(MAX_PROGRAMME_INSTRUMENTS, { error: `Choose at most ${MAX_PROGRAMME_INSTRUMENTS} instruments: each adds to what everyone answers.` })
    .refine((keys) => new Set(keys).size === keys.length, { error: 'Choose each instrument once.' }),
  midpoint: z.boolean(),
  followUpMonths: z
    .number({ error: 'Give the follow-up as a whole number of months, or none.' })
    .int({ error: 'Give the follow-up as a whole number of months, or none.' })
    .min(1, { error: 'A follow-up comes at least a month after the last session.' })
    .max(12, { error: 'A follow-up comes at most 12 months after the last session.' })
    .nullable(),
});
