/**
 * A feedback form as a versioned instrument: its items, the scale they are answered on and the
 * licence its wording is published under. Once a response has been stored against a version, the
 * version never changes (the database refuses it): a new wording is a new version, so every figure
 * is always computed over answers to the same questions.
 *
 * No zod here on purpose: the feedback page imports this module to draw the form, and must stay
 * small (the answers' schema lives in `feedback-answers.ts`).
 */

/** One choice on a five-point scale: the stored value and the words shown beside it. */
export interface ScaleOption {
  value: 1 | 2 | 3 | 4 | 5;
  label: string;
}

export interface ScaleItem {
  kind: 'SCALE';
  /** Stable within a version; answers are stored under it. */
  id: string;
  prompt: string;
  options: readonly ScaleOption[];
}

export interface TextItem {
  kind: 'TEXT';
  id: string;
  prompt: string;
  hint?: string;
  maxLength: number;
}

export type InstrumentItem = ScaleItem | TextItem;

export interface Instrument {
  /** Which form this is, across its versions. */
  key: string;
  version: number;
  title: string;
  /** SPDX identifier (or LicenseRef-…) of the wording's licence. */
  licence: string;
  /** Who to credit, as the licence asks. */
  attribution: string;
  items: readonly InstrumentItem[];
}

export const AGREEMENT_SCALE: readonly ScaleOption[] = [
  { value: 1, label: 'Strongly disagree' },
  { value: 2, label: 'Disagree' },
  { value: 3, label: 'Neither agree nor disagree' },
  { value: 4, label: 'Agree' },
  { value: 5, label: 'Strongly agree' },
];

export const EFFECT_SCALE: readonly ScaleOption[] = [
  { value: 1, label: 'Much worse' },
  { value: 2, label: 'A little worse' },
  { value: 3, label: 'No different' },
  { value: 4, label: 'A little better' },
  { value: 5, label: 'Much better' },
];

/** The longest free-text answer kept: room for a few sentences, not a case history. */
export const FREE_TEXT_MAX_LENGTH = 1000;

/**
 * The default post-session form, in the provider's own words (no published questionnaire's
 * wording), so it is ours to license: CC BY 4.0 with credit to Lena.
 */
export const DEFAULT_SESSION_FEEDBACK: Instrument = {
  key: 'session-feedback',
  version: 1,
  title: 'How was this session for you?',
  licence: 'CC-BY-4.0',
  attribution: 'Lena post-session feedback form, version 1',
  items: [
    { kind: 'SCALE', id: 'safe_to_share', prompt: 'I felt safe to share in this session.', options: AGREEMENT_SCALE },
    { kind: 'SCALE', id: 'useful_for_practice', prompt: 'The session was useful for my practice.', options: AGREEMENT_SCALE },
    { kind: 'SCALE', id: 'held_well', prompt: 'The facilitator held the group well.', options: AGREEMENT_SCALE },
    { kind: 'SCALE', id: 'protected_time', prompt: 'The session gave me protected time and space I could use.', options: AGREEMENT_SCALE },
    { kind: 'SCALE', id: 'feel_about_work', prompt: 'Since the session, how I feel about my work is…', options: EFFECT_SCALE },
    {
      kind: 'TEXT',
      id: 'take_away',
      prompt: 'What will you take away from this session?',
      hint: 'Optional. Please leave out names and anything that could identify you or anyone else.',
      maxLength: FREE_TEXT_MAX_LENGTH,
    },
  ],
};

export function scaleItems(instrument: Instrument): ScaleItem[] {
  return instrument.items.filter((item): item is ScaleItem => item.kind === 'SCALE');
}

export function textItems(instrument: Instrument): TextItem[] {
  return instrument.items.filter((item): item is TextItem => item.kind === 'TEXT');
}
