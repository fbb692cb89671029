import { DomainError, type FieldProblem } from '../errors/domain-error.js';
import { instrumentUsable } from './instrument-library.js';
import { ScoreDirection, type InstrumentLicence, type OutcomeAnswers, type OutcomeInstrument } from './instrument.js';
import type { MeasurementPoint, MeasurementWindow } from './measurement-schedule.js';
import { scoreOutcome } from './scoring.js';

/** A measurement point to open now: when its links go out, remind and stop working (UTC ISO instants). */
export interface MeasurementToOpen {
  point: MeasurementPoint;
  opensAt: string;
  remindAt: string;
  closesAt: string;
}

/**
 * The points whose window is open at `now` and that have not been opened yet. One reminder goes
 * halfway through the window, so people have as long again to answer after it. A window that has
 * already closed is never opened late: answers after it would not measure that point.
 */
export function measurementsToOpen(windows: readonly MeasurementWindow[] | null, now: Date, alreadyOpened: ReadonlySet<MeasurementPoint>): MeasurementToOpen[] {
  return (windows ?? []).flatMap((window) => {
    const opens = Date.parse(window.opensAt);
    const closes = Date.parse(window.closesAt);
    if (alreadyOpened.has(window.point) || now.getTime() < opens || now.getTime() >= closes) return [];
    const remindAt = new Date(opens + Math.floor((closes - opens) / 2)).toISOString();
    return [{ point: window.point, opensAt: window.opensAt, remindAt, closesAt: window.closesAt }];
  });
}

/**
 * The instruments of a plan that may be put in front of people: each needs a definition (a
 * licence-only entry has no wording to show) and a licence the organisation may use
 * (`instrumentUsable`). An instrument whose licence needs confirming is never sent unconfirmed.
 */
export function askableInstruments<T extends { key: string; licence: InstrumentLicence; definition: OutcomeInstrument | null }>(
  instruments: readonly T[],
  confirmedByTenant: ReadonlySet<string>,
): Array<T & { definition: OutcomeInstrument }> {
  return instruments.filter(
    (instrument): instrument is T & { definition: OutcomeInstrument } => instrument.definition !== null && instrumentUsable(instrument.licence, instrument.key, confirmedByTenant),
  );
}

/** The shape of an outcome link's secret (32 random bytes, base64url): anything else is unknown before a statement runs. */
export const OUTCOME_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export type OutcomeLinkState = 'OPEN' | 'SPENT' | 'EXPIRED' | 'UNKNOWN';

export function outcomeLinkState(link: { spent: boolean; closesAt: Date } | null, now: Date): OutcomeLinkState {
  if (!link) return 'UNKNOWN';
  if (link.spent) return 'SPENT';
  return now.getTime() < link.closesAt.getTime() ? 'OPEN' : 'EXPIRED';
}

/** What a measurement stores: each subscale's score (null where too few items were answered). */
export type OutcomeScores = Record<string, number | null>;

export interface ScoredMeasurement {
  instrumentKey: string;
  instrumentVersion: number;
  scores: OutcomeScores;
}

/**
 * Checks and scores a submission to every instrument a link asks: `{ [instrumentKey]: { [item]: value } }`.
 * Each instrument's answers are checked (`checkOutcomeAnswers`, through `scoreOutcome`) and must give
 * at least one score; every problem is reported at once as BAD_USER_INPUT with fields named
 * `<instrument>.<item>` (or the instrument's key for a missing score).
 */
export function scoreOutcomeSubmission(instruments: readonly OutcomeInstrument[], submission: unknown): ScoredMeasurement[] {
  const problems: FieldProblem[] = [];
  const given = typeof submission === 'object' && submission !== null && !Array.isArray(submission) ? (submission as Record<string, unknown>) : {};
  for (const key of Object.keys(given)) {
    if (!instruments.some((instrument) => instrument.key === key)) problems.push({ field: key, message: 'This link does not ask that questionnaire.' });
  }
  const scored: ScoredMeasurement[] = [];
  for (const instrument of instruments) {
    const answers = answersOf(instrument, given[instrument.key], problems);
    if (!answers) continue;
    try {
      const scores = scoreOutcome(instrument, answers);
      if (scores.every((score) => score.score === null)) {
        problems.push({ field: instrument.key, message: `Answer enough of the questions in “${instrument.title}” for it to be scored.` });
        continue;
      }
      scored.push({ instrumentKey: instrument.key, instrumentVersion: instrument.version, scores: Object.fromEntries(scores.map((score) => [score.key, score.score])) });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      for (const problem of error.fieldProblems) problems.push({ field: `${instrument.key}.${problem.field}`, message: problem.message });
    }
  }
  if (problems.length > 0) throw DomainError.badInput(problems.map((problem) => problem.message).join(' '), problems);
  return scored;
}

function answersOf(instrument: OutcomeInstrument, raw: unknown, problems: FieldProblem[]): OutcomeAnswers | null {
  if (raw === undefined || raw === null) {
    problems.push({ field: instrument.key, message: `Answer the questions in “${instrument.title}”.` });
    return null;
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ field: instrument.key, message: `The answers to “${instrument.title}” could not be read.` });
    return null;
  }
  const answers: Record<string, number> = {};
  for (const [item, value] of Object.entries(raw as Record<string, unknown>)) {
    if (value === null || value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.push({ field: `${instrument.key}.${item}`, message: 'Choose one of the answers offered.' });
      continue;
    }
    answers[item] = value;
  }
  return answers;
}

/** The order of the points in time: a person's history reads in this order. */
export const MEASUREMENT_POINT_ORDER: readonly MeasurementPoint[] = ['BASELINE', 'MIDPOINT', 'FINAL', 'FOLLOW_UP'];

const POINT_NAMES: Record<MeasurementPoint, string> = { BASELINE: 'the start', MIDPOINT: 'the midpoint', FINAL: 'the end', FOLLOW_UP: 'the follow-up' };

/** A score as a person reads it: whole numbers on a 0–100 scale, one decimal place on a short one. */
export function formatOutcomeScore(score: number): string {
  const rounded = Math.abs(score) >= 10 ? Math.round(score) : Math.round(score * 10) / 10;
  return String(rounded);
}

/** Jacobson and Truax's smallest reliable change (1.96 × S_diff) for a score's SD and reliability. */
export function reliableChangeThreshold(sd: number, reliability: number): number | null {
  if (!(sd > 0) || !(reliability > 0 && reliability < 1)) return null;
  return 1.959963984540054 * Math.SQRT2 * sd * Math.sqrt(1 - reliability);
}

export interface OwnScoreHistory {
  title: string;
  direction: ScoreDirection;
  /** In point order; a point not answered (or not scored) is absent. */
  scores: ReadonlyArray<{ point: MeasurementPoint; score: number }>;
  /** The measure's smallest reliable change for this group (`reliableChangeThreshold`), when it can be given. */
  reliableChange: number | null;
}

/**
 * A plain-English reading of one person's own scores on one scale: what the numbers are, which
 * way is better, and whether the change from their first to their latest answer is larger than
 * the measure's own noise (the reliable-change threshold), when that can be told.
 */
export function ownScoreReading(history: OwnScoreHistory): string {
  const better = history.direction === ScoreDirection.HIGHER_IS_WORSE ? 'lower is better' : 'higher is better';
  const first = history.scores[0];
  const last = history.scores.at(-1);
  if (!first || !last) return `${history.title}: no answers yet.`;
  if (first === last) return `${history.title} ${formatOutcomeScore(first.score)} at ${POINT_NAMES[first.point]}: ${better}. Your next answers will show any change.`;
  const figures = `${history.title} ${history.scores.map((entry) => formatOutcomeScore(entry.score)).join(' → ')}: ${better}`;
  const difference = last.score - first.score;
  if (difference === 0) return `${figures}; your score is the same as at ${POINT_NAMES[first.point]}.`;
  const movement = difference < 0 ? 'fall' : 'rise';
  const improved = difference < 0 === (history.direction === ScoreDirection.HIGHER_IS_WORSE);
  const direction = improved ? `a ${movement} is an improvement` : `a ${movement} means things have been harder`;
  if (history.reliableChange === null)
    return `${figures}; ${direction}. There are not yet enough answers in your group to say whether a change this size is more than the measure’s own noise.`;
  return Math.abs(difference) > history.reliableChange
    ? `${figures}; ${direction}, and a ${movement} of this size is more than the measure’s own noise.`
    : `${figures}; ${direction}, but a ${movement} of this size is within the measure’s own noise, so it may not be a real change.`;
}

/** The lowest and highest score a subscale can give, from its items' response scales (a sum scales with its item count). */
export function subscaleRange(instrument: OutcomeInstrument, subscaleKey: string): { minimum: number; maximum: number } {
  const subscale = instrument.subscales.find((candidate) => candidate.key === subscaleKey);
  const scales = new Map(instrument.scales.map((scale) => [scale.key, scale.options.map((option) => option.value)]));
  const items = instrument.items.filter((item) => subscale?.items.includes(item.key));
  const values = items.flatMap((item) => scales.get(item.scale) ?? []);
  if (!subscale || values.length === 0) return { minimum: 0, maximum: 0 };
  const factor = subscale.method === 'SUM' ? subscale.items.length : 1;
  return { minimum: Math.min(...values) * factor, maximum: Math.max(...values) * factor };
}
