import { DomainError, type FieldProblem } from '../errors/domain-error.js';
import type { OutcomeInstrument, OutcomeAnswers, Subscale } from './instrument.js';

export interface SubscaleScore {
  key: string;
  /** Null when too few items were answered to count (the instrument's valid-completion rule). */
  score: number | null;
  answered: number;
}

/**
 * Checks that every answer is to one of the instrument's items and is one of that item's options.
 * Throws BAD_USER_INPUT naming each wrong answer; skipped items are allowed (scoring decides).
 */
export function checkOutcomeAnswers(instrument: OutcomeInstrument, answers: OutcomeAnswers): void {
  const scales = new Map(instrument.scales.map((scale) => [scale.key, new Set(scale.options.map((option) => option.value))]));
  const items = new Map(instrument.items.map((item) => [item.key, item]));
  const problems: FieldProblem[] = [];
  for (const [key, value] of Object.entries(answers)) {
    if (value === undefined) continue;
    const item = items.get(key);
    if (!item) {
      problems.push({ field: key, message: `“${instrument.title}” has no question “${key}”.` });
    } else if (!scales.get(item.scale)?.has(value)) {
      problems.push({ field: key, message: `Choose one of the answers offered for “${item.text}”.` });
    }
  }
  if (problems.length > 0) throw DomainError.badInput(problems.map((problem) => problem.message).join(' '), problems);
}

/**
 * Scores a set of answers by the instrument's published rules: reversed items flipped within their
 * scale, each subscale the mean (or the sum, prorated from the mean over the items answered) of its
 * items, and no score where fewer items were answered than the valid-completion rule asks.
 */
export function scoreOutcome(instrument: OutcomeInstrument, answers: OutcomeAnswers): SubscaleScore[] {
  checkOutcomeAnswers(instrument, answers);
  const scored = scoredValues(instrument, answers);
  return instrument.subscales.map((subscale) => scoreSubscale(subscale, scored));
}

function scoredValues(instrument: OutcomeInstrument, answers: OutcomeAnswers): Map<string, number> {
  const ranges = new Map(
    instrument.scales.map((scale) => {
      const values = scale.options.map((option) => option.value);
      return [scale.key, { min: Math.min(...values), max: Math.max(...values) }];
    }),
  );
  const scored = new Map<string, number>();
  for (const item of instrument.items) {
    const value = answers[item.key];
    if (value === undefined) continue;
    const range = ranges.get(item.scale)!;
    scored.set(item.key, item.reversed ? range.min + range.max - value : value);
  }
  return scored;
}

function scoreSubscale(subscale: Subscale, scored: Map<string, number>): SubscaleScore {
  const values = subscale.items.map((key) => scored.get(key)).filter((value): value is number => value !== undefined);
  if (values.length < subscale.minimumAnswered) return { key: subscale.key, score: null, answered: values.length };
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return { key: subscale.key, score: subscale.method === 'MEAN' ? mean : mean * subscale.items.length, answered: values.length };
}
