import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { ScoreDirection } from './instrument.js';

/** One person's score before (baseline) and after (final), paired by pseudonym, never by identity. */
export interface ScorePair {
  before: number;
  after: number;
}

export interface Interval {
  lower: number;
  upper: number;
}

/**
 * The change from baseline to final across a group's pairs. Differences are after − before, so a
 * fall in a burnout score is negative; `direction` (on reliable change) says whether that is good.
 */
export interface PairedChange {
  n: number;
  meanBefore: number;
  meanAfter: number;
  meanDifference: number;
  /** The standard deviation of the differences (n − 1 denominator). */
  sdDifference: number;
  /** The 95% confidence interval of the mean difference, from Student's t with n − 1 degrees of freedom. */
  meanDifferenceCi95: Interval;
  /**
   * Cohen's d_z (mean difference ÷ SD of the differences), Hedges' g (d_z with the small-sample
   * correction J = 1 − 3 ∕ (4·df − 1)) and g's 95% confidence interval from the large-sample standard
   * error √(1/n + d_z² ∕ 2n), scaled by J. Null when every difference is the same (SD 0): no
   * standardised effect exists then, however large the change. Null for two pairs too, where J is 0.
   */
  cohensDz: number | null;
  hedgesG: number | null;
  hedgesGCi95: Interval | null;
}

const Z_975 = 1.959963984540054;

/** The mean change with its interval and effect sizes; null below two pairs (no spread to measure). */
export function pairedChange(pairs: readonly ScorePair[]): PairedChange | null {
  const n = pairs.length;
  if (n < 2) return null;
  const differences = pairs.map((pair) => pair.after - pair.before);
  const meanDifference = mean(differences);
  const sdDifference = Math.sqrt(differences.reduce((sum, d) => sum + (d - meanDifference) ** 2, 0) / (n - 1));
  const df = n - 1;
  const margin = tQuantile(0.975, df) * (sdDifference / Math.sqrt(n));
  const change: PairedChange = {
    n,
    meanBefore: mean(pairs.map((pair) => pair.before)),
    meanAfter: mean(pairs.map((pair) => pair.after)),
    meanDifference,
    sdDifference,
    meanDifferenceCi95: { lower: meanDifference - margin, upper: meanDifference + margin },
    cohensDz: null,
    hedgesG: null,
    hedgesGCi95: null,
  };
  if (sdDifference === 0 || n < 3) return change;
  const dz = meanDifference / sdDifference;
  const correction = 1 - 3 / (4 * df - 1);
  const g = dz * correction;
  const gMargin = Z_975 * correction * Math.sqrt(1 / n + dz ** 2 / (2 * n));
  return { ...change, cohensDz: dz, hedgesG: g, hedgesGCi95: { lower: g - gMargin, upper: g + gMargin } };
}

export const ReliableChange = {
  IMPROVED: 'IMPROVED',
  DETERIORATED: 'DETERIORATED',
  NO_RELIABLE_CHANGE: 'NO_RELIABLE_CHANGE',
} as const;
export type ReliableChange = (typeof ReliableChange)[keyof typeof ReliableChange];

export interface ReliableChangeSummary {
  n: number;
  improved: number;
  deteriorated: number;
  unchanged: number;
  /** The smallest change that counts as reliable: 1.96 × S_diff, in score points. */
  reliableChangeThreshold: number;
}

/**
 * Jacobson and Truax's (1991) reliable-change index for each pair: RC = (after − before) ∕ S_diff,
 * where S_diff = √2 · SE and SE = SD_baseline · √(1 − reliability). |RC| > 1.96 is a change unlikely
 * (p < .05) to be measurement error; its sign and the score's direction say whether it is an
 * improvement. SD_baseline is the group's baseline SD unless the instrument publishes a norm.
 */
export function reliableChange(pairs: readonly ScorePair[], options: { reliability: number; direction: ScoreDirection; baselineSd?: number }): ReliableChangeSummary | null {
  if (pairs.length < 2 || !(options.reliability > 0 && options.reliability < 1)) return null;
  const baselineSd = options.baselineSd ?? sampleSd(pairs.map((pair) => pair.before));
  const sDiff = Math.SQRT2 * baselineSd * Math.sqrt(1 - options.reliability);
  if (sDiff === 0) return null;
  let improved = 0;
  let deteriorated = 0;
  for (const pair of pairs) {
    const index = (pair.after - pair.before) / sDiff;
    if (Math.abs(index) <= Z_975) continue;
    const better = options.direction === ScoreDirection.HIGHER_IS_BETTER ? index > 0 : index < 0;
    if (better) improved += 1;
    else deteriorated += 1;
  }
  return { n: pairs.length, improved, deteriorated, unchanged: pairs.length - improved - deteriorated, reliableChangeThreshold: Z_975 * sDiff };
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function sampleSd(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, value) => sum + (value - m) ** 2, 0) / (values.length - 1));
}
