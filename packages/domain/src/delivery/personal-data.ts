/**
 * A plain, explainable check for personal data in note text. Notes must be de-identified; this
 * warns before saving when text looks like it names or identifies someone. It is a prompt for
 * the facilitator to look again, not a guarantee: it errs towards warning, and the facilitator
 * may save anyway once they have checked.
 *
 * What it looks for:
 * - a name: a title and a capitalised word ("Mrs Patel", "Dr. Okafor"), or two capitalised words
 *   in a row that do not start a sentence ("… spoke with Sarah Jones") unless one of them is a
 *   common capitalised word (a day, a month, a service such as "Social Services");
 * - an email address;
 * - a UK phone number: 10 or 11 digits starting 0, or +44 and 10 digits, however spaced;
 * - a date of birth: a date or year after "DOB", "D.O.B.", "date of birth" or "born", or any full
 *   date whose year makes it a plausible birth date (16 to 100 years ago).
 */

export const PersonalDataKind = {
  NAME: 'NAME',
  EMAIL: 'EMAIL',
  PHONE: 'PHONE',
  DATE_OF_BIRTH: 'DATE_OF_BIRTH',
} as const;
export type PersonalDataKind = (typeof PersonalDataKind)[keyof typeof PersonalDataKind];

export interface PersonalDataWarning {
  kind: PersonalDataKind;
  /** The text that looks personal, as written. */
  match: string;
  /** Where it is: [start, end) in the checked text. */
  start: number;
  end: number;
  message: string;
}

const MESSAGES: Record<PersonalDataKind, string> = {
  NAME: 'This looks like a person’s name. Notes are de-identified: describe the person by role instead (for example “a service user”).',
  EMAIL: 'This looks like an email address. Take it out: notes must not identify anyone.',
  PHONE: 'This looks like a phone number. Take it out: notes must not identify anyone.',
  DATE_OF_BIRTH: 'This looks like a date of birth. Give an age range instead, if it matters.',
};

const TITLE = /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Lady|Lord)\.?\s+[A-Z][\p{L}'’-]+/gu;
const CAPITALISED_PAIR = /(?<![\p{L}'’-])[A-Z][\p{Ll}'’-]+(?:\s+[A-Z][\p{Ll}'’-]+)+/gu;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE_CANDIDATE = /(?<![\d+])(?:\+\s?\d|\(?0)[\d\s()-]{8,16}\d(?!\d)/g;
const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
const NUMERIC_DATE = /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b/g;
const WORDED_DATE = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\.?,?\\s+(\\d{4})\\b`, 'gi');
const BIRTH_CUE = /\b(?:DOB|D\.O\.B\.?|date of birth|born(?:\s+(?:on|in))?)\s*[:-]?\s*/gi;
const CUED_VALUE = new RegExp(
  `^(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\.?,?\\s+\\d{4}|(?:${MONTHS})\\s+\\d{4}|(?:19|20)\\d{2})`,
  'i',
);

/**
 * Capitalised words that are not names on their own: days, months, and words that name services
 * and places of work. A pair containing one is not taken for a name ("Social Services", "Monday
 * Morning"). Kept short on purpose: every word here is a name the check can no longer see.
 */
const COMMON_CAPITALISED = new Set([
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'team',
  'teams',
  'service',
  'services',
  'social',
  'health',
  'mental',
  'care',
  'trust',
  'council',
  'hospital',
  'ward',
  'unit',
  'centre',
  'court',
  'police',
  'ambulance',
  'fire',
  'rescue',
  'emergency',
  'department',
  'nhs',
  'gp',
  'a&e',
  'the',
  'and',
  'group',
  'reflective',
  'practice',
  'therapeutic',
  'support',
  'supervision',
  'child',
  'children',
  'protection',
  'adult',
  'adults',
  'christmas',
  'easter',
  'bank',
  'holiday',
  'i',
]);

function isSentenceStart(text: string, index: number): boolean {
  const before = text.slice(0, index).replace(/[\s"'“‘(]+$/u, '');
  return before === '' || /[.!?:;\n•*-]$/.test(before) || /\n\s*$/.test(text.slice(0, index));
}

function phoneDigitsLookUk(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  if (candidate.trim().startsWith('+')) return digits.startsWith('44') && digits.length === 12;
  return digits.startsWith('0') && (digits.length === 10 || digits.length === 11);
}

function plausibleBirthYear(year: number, now: Date): boolean {
  const current = now.getUTCFullYear();
  return year >= current - 100 && year <= current - 16;
}

function fullYear(twoOrFour: string): number | null {
  return twoOrFour.length === 4 ? Number(twoOrFour) : null;
}

export function detectPersonalData(text: string, now: Date = new Date()): PersonalDataWarning[] {
  const found: PersonalDataWarning[] = [];
  const add = (kind: PersonalDataKind, start: number, match: string) => found.push({ kind, match, start, end: start + match.length, message: MESSAGES[kind] });

  for (const match of text.matchAll(EMAIL)) add('EMAIL', match.index, match[0]);

  for (const match of text.matchAll(PHONE_CANDIDATE)) {
    const candidate = match[0].replace(/[\s(-]+$/, '');
    if (phoneDigitsLookUk(candidate)) add('PHONE', match.index, candidate);
  }

  for (const match of text.matchAll(BIRTH_CUE)) {
    const after = match.index + match[0].length;
    const value = CUED_VALUE.exec(text.slice(after));
    if (value) add('DATE_OF_BIRTH', match.index, text.slice(match.index, after + value[0].length));
  }
  for (const match of text.matchAll(NUMERIC_DATE)) {
    const year = fullYear(match[3]!);
    if (year !== null && plausibleBirthYear(year, now)) add('DATE_OF_BIRTH', match.index, match[0]);
  }
  for (const match of text.matchAll(WORDED_DATE)) {
    if (plausibleBirthYear(Number(match[2]), now)) add('DATE_OF_BIRTH', match.index, match[0]);
  }

  for (const match of text.matchAll(TITLE)) add('NAME', match.index, match[0]);
  for (const match of text.matchAll(CAPITALISED_PAIR)) {
    // Split the run into words and look for two neighbours that could be a name.
    const words = [...match[0].matchAll(/[A-Z][\p{Ll}'’-]+/gu)].map((word) => ({ word: word[0], start: match.index + word.index }));
    for (let i = 0; i + 1 < words.length; i += 1) {
      const [first, second] = [words[i]!, words[i + 1]!];
      if (COMMON_CAPITALISED.has(first.word.toLowerCase()) || COMMON_CAPITALISED.has(second.word.toLowerCase())) continue;
      if (isSentenceStart(text, first.start)) continue;
      add('NAME', first.start, text.slice(first.start, second.start + second.word.length));
      i += 1;
    }
  }

  return dropOverlaps(found);
}

/** One warning per stretch of text: the earliest, longest one wins (a title and name is one name; an email's parts are not names). */
function dropOverlaps(warnings: PersonalDataWarning[]): PersonalDataWarning[] {
  const sorted = [...warnings].sort((x, y) => x.start - y.start || y.end - y.start - (x.end - x.start));
  const kept: PersonalDataWarning[] = [];
  for (const warning of sorted) {
    const last = kept.at(-1);
    if (last && warning.start < last.end) continue;
    kept.push(warning);
  }
  return kept;
}
