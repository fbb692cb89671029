/**
 * Outcome instruments: versioned, immutable questionnaires with their scoring rules and licence.
 * An instrument version never changes once a response exists; a change makes a new version. The
 * definitions here are data, so scoring, pairing and reports stay one set of pure functions.
 */

/** One answer choice: what the person sees and the raw value it scores. */
export interface ResponseOption {
  value: number;
  label: string;
}

/** A named set of answer choices shared by several items (e.g. "Always … Never"). */
export interface ResponseScale {
  key: string;
  options: readonly ResponseOption[];
}

export interface OutcomeItem {
  key: string;
  text: string;
  /** The key of the item's response scale. */
  scale: string;
  /** Scored the other way round: the scale's lowest value counts as its highest. */
  reversed?: boolean;
}

/** Whether a higher score means people are doing better (wellbeing) or worse (burnout). */
export const ScoreDirection = {
  HIGHER_IS_BETTER: 'HIGHER_IS_BETTER',
  HIGHER_IS_WORSE: 'HIGHER_IS_WORSE',
} as const;
export type ScoreDirection = (typeof ScoreDirection)[keyof typeof ScoreDirection];

export interface Subscale {
  key: string;
  title: string;
  /** Keys of the items it combines, in the instrument's order. */
  items: readonly string[];
  /** MEAN of the answered items, or SUM (prorated from the mean when items were skipped). */
  method: 'MEAN' | 'SUM';
  /** The valid-completion rule: fewer answered items than this, and the subscale has no score. */
  minimumAnswered: number;
  direction: ScoreDirection;
  /**
   * The reliability (Cronbach's alpha or test–retest) the reliable-change index needs, from the
   * instrument's published validation. Absent for a new instrument: no reliable-change figures then.
   */
  reliability?: number;
}

/** Who may use an instrument and on what terms: shown beside every use of it. */
export interface InstrumentLicence {
  holder: string;
  /** The licence in a sentence, for platform admins choosing instruments. */
  terms: string;
  /** The line to show wherever the instrument or its results appear; null when none is asked for. */
  attribution: string | null;
  /** Whether the wording may be adapted. When false, items are shown exactly as published. */
  wordingMayChange: boolean;
  /** Whether each organisation must confirm the licence terms before its programmes may use it. */
  tenantMustConfirm: boolean;
  url: string | null;
}

export interface OutcomeInstrument {
  key: string;
  version: number;
  title: string;
  /** One line telling respondents what to think about when answering. */
  instructions: string;
  licence: InstrumentLicence;
  scales: readonly ResponseScale[];
  items: readonly OutcomeItem[];
  subscales: readonly Subscale[];
}

/** The raw answers to one instrument: item key → the chosen option's value (absent when skipped). */
export type OutcomeAnswers = Readonly<Record<string, number | undefined>>;

/**
 * Problems with an instrument definition, in plain English; empty when it is sound. Platform admins
 * add tenant-specific instruments, so a definition is checked before it is stored, never trusted.
 */
export function outcomeInstrumentProblems(instrument: OutcomeInstrument): string[] {
  const problems: string[] = [];
  const scales = new Map(instrument.scales.map((scale) => [scale.key, scale]));
  const itemKeys = new Set<string>();
  if (instrument.items.length === 0) problems.push('An instrument needs at least one item.');
  for (const scale of instrument.scales) {
    if (scale.options.length < 2) problems.push(`Response scale “${scale.key}” needs at least two options.`);
    if (new Set(scale.options.map((option) => option.value)).size !== scale.options.length) problems.push(`Response scale “${scale.key}” gives two options the same value.`);
  }
  for (const item of instrument.items) {
    if (itemKeys.has(item.key)) problems.push(`Item “${item.key}” appears twice.`);
    itemKeys.add(item.key);
    if (!scales.has(item.scale)) problems.push(`Item “${item.key}” uses a response scale, “${item.scale}”, that the instrument does not define.`);
  }
  if (instrument.subscales.length === 0) problems.push('An instrument needs at least one score (subscale).');
  for (const subscale of instrument.subscales) {
    for (const key of subscale.items) {
      if (!itemKeys.has(key)) problems.push(`Score “${subscale.key}” combines an item, “${key}”, that the instrument does not have.`);
    }
    if (subscale.minimumAnswered < 1 || subscale.minimumAnswered > subscale.items.length) {
      problems.push(`Score “${subscale.key}” needs between 1 and ${subscale.items.length} answered items to count.`);
    }
    if (subscale.reliability !== undefined && !(subscale.reliability > 0 && subscale.reliability < 1)) {
      problems.push(`Score “${subscale.key}” gives a reliability outside 0 to 1.`);
    }
  }
  return problems;
}
