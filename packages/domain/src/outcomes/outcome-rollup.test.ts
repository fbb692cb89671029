import { ScoreDirection } from './instrument.js';
import {
  combineMoments,
  computeOutcomeRollup,
  describeOutcomeChange,
  effectSizeLabel,
  monthInPeriod,
  outcomeDashboardFilterSchema,
  pairedChangeFromMoments,
  pairedMoments,
  publishSubscales,
  type RollupMeasurement,
  type SubscaleRollup,
} from './outcome-rollup.js';
import { pairedChange } from './paired-change.js';

// The twelve CBI pairs of paired-change.test.ts (SciPy's figures there).
const BEFORE = [62.5, 54.2, 70.8, 45.8, 58.3, 66.7, 50.0, 75.0, 41.7, 58.3, 62.5, 54.2];
const AFTER = [50.0, 50.0, 58.3, 45.8, 41.7, 62.5, 45.8, 62.5, 37.5, 50.0, 58.3, 54.2];
const PAIRS = BEFORE.map((before, index) => ({ before, after: AFTER[index]! }));

function measurement(pseudonym: string, point: 'BASELINE' | 'FINAL' | 'MIDPOINT', score: number | null, key = 'personal'): RollupMeasurement {
  return { instrumentKey: 'cbi', point, pseudonym, scores: { [key]: score } };
}

describe('pairedChangeFromMoments', () => {
  it('gives what pairedChange gives from the pairs themselves', () => {
    const fromPairs = pairedChange(PAIRS)!;
    const fromMoments = pairedChangeFromMoments(pairedMoments(PAIRS))!;
    expect(fromMoments.n).toBe(12);
    expect(fromMoments.meanDifference).toBeCloseTo(-6.95, 10);
    expect(fromMoments.sdDifference).toBeCloseTo(fromPairs.sdDifference, 9);
    expect(fromMoments.meanDifferenceCi95.lower).toBeCloseTo(-10.386393778065727, 8);
    expect(fromMoments.meanDifferenceCi95.upper).toBeCloseTo(-3.513606221934274, 8);
    expect(fromMoments.hedgesG).toBeCloseTo(fromPairs.hedgesG!, 9);
    expect(fromMoments.hedgesGCi95!.lower).toBeCloseTo(fromPairs.hedgesGCi95!.lower, 9);
  });

  it('pools groups exactly: two halves combined equal the whole', () => {
    const combined = pairedChangeFromMoments(combineMoments([pairedMoments(PAIRS.slice(0, 5)), pairedMoments(PAIRS.slice(5))]))!;
    expect(combined.meanDifference).toBeCloseTo(-6.95, 10);
    expect(combined.cohensDz).toBeCloseTo(pairedChange(PAIRS)!.cohensDz!, 9);
  });

  it('has no effect size when every difference is the same, and nothing below two pairs', () => {
    const same = pairedChangeFromMoments(pairedMoments([0.1, 0.2, 0.3].map((before) => ({ before, after: before + 0.7 }))))!;
    expect(same.sdDifference).toBe(0);
    expect(same.cohensDz).toBeNull();
    expect(pairedChangeFromMoments(pairedMoments([{ before: 1, after: 2 }]))).toBeNull();
  });
});

describe('computeOutcomeRollup', () => {
  it('counts sessions by status and month, and places the change in the month of the last session held or to come', () => {
    const rollup = computeOutcomeRollup({
      sessionsBought: 6,
      sessions: [
        { status: 'DELIVERED', month: '2026-10' },
        { status: 'DELIVERED', month: '2026-10' },
        { status: 'CANCELLED', month: '2026-11' },
        { status: 'SCHEDULED', month: '2026-11' },
        { status: 'CANCELLED', month: '2026-12' },
      ],
      attendance: { marked: 10, present: 8, attendees: 5 },
      measurements: [],
      subscales: [],
    });
    expect(rollup).toMatchObject({ sessionsBought: 6, sessionsPlanned: 1, sessionsDelivered: 2, sessionsCancelled: 2, finalMonth: '2026-11', attendancePresent: 8 });
    expect(rollup.months).toEqual([
      { month: '2026-10', planned: 0, delivered: 2, cancelled: 0 },
      { month: '2026-11', planned: 1, delivered: 0, cancelled: 1 },
      { month: '2026-12', planned: 0, delivered: 0, cancelled: 1 },
    ]);
  });

  it('pairs baseline with final by pseudonym only, skipping unscored subscales, the midpoint and the unpaired', () => {
    const measurements = [
      ...PAIRS.flatMap((pair, index) => [measurement(`p${index}`, 'BASELINE', pair.before), measurement(`p${index}`, 'FINAL', pair.after)]),
      measurement('only-before', 'BASELINE', 90),
      measurement('unscored', 'BASELINE', 40),
      measurement('unscored', 'FINAL', null),
      measurement('p0', 'MIDPOINT', 5),
    ];
    const input = {
      sessionsBought: 1,
      sessions: [],
      attendance: { marked: 0, present: 0, attendees: 0 },
      measurements,
      subscales: [{ instrumentKey: 'cbi', subscaleKey: 'personal', direction: ScoreDirection.HIGHER_IS_WORSE, reliability: 0.87 }],
    };
    const rollup = computeOutcomeRollup(input);
    const [subscale] = rollup.subscales;
    expect(subscale!.moments.n).toBe(12);
    expect(pairedChangeFromMoments(subscale!.moments)!.meanDifference).toBeCloseTo(-6.95, 10);
    expect(subscale!.reliable).not.toBeNull();
    expect(subscale!.reliable!.improved + subscale!.reliable!.deteriorated + subscale!.reliable!.unchanged).toBe(12);
    expect(rollup.measurements).toBe(measurements.length);
    // Order of the rows does not matter, to the last bit.
    expect(computeOutcomeRollup({ ...input, measurements: [...measurements].reverse() })).toEqual(rollup);
  });

  it('gives no reliable-change counts when the subscale has no reliability', () => {
    const rollup = computeOutcomeRollup({
      sessionsBought: 1,
      sessions: [],
      attendance: { marked: 0, present: 0, attendees: 0 },
      measurements: PAIRS.flatMap((pair, index) => [measurement(`p${index}`, 'BASELINE', pair.before), measurement(`p${index}`, 'FINAL', pair.after)]),
      subscales: [{ instrumentKey: 'cbi', subscaleKey: 'personal', direction: ScoreDirection.HIGHER_IS_WORSE }],
    });
    expect(rollup.subscales[0]!.reliable).toBeNull();
  });
});

describe('publishSubscales', () => {
  const info = { instrumentKey: 'cbi', subscaleKey: 'personal', direction: ScoreDirection.HIGHER_IS_WORSE, reliability: 0.87 };
  /** The live subscale figures over the first `count` of the twelve pairs. */
  const liveAt = (count: number): SubscaleRollup[] =>
    computeOutcomeRollup({
      sessionsBought: 1,
      sessions: [],
      attendance: { marked: 0, present: 0, attendees: 0 },
      measurements: PAIRS.slice(0, count).flatMap((pair, index) => [measurement(`p${index}`, 'BASELINE', pair.before), measurement(`p${index}`, 'FINAL', pair.after)]),
      subscales: [info],
    }).subscales;

  it('publishes at five pairs, holds that publication through nine, and publishes again at ten: shown figures never differ by fewer than five people', () => {
    let published: SubscaleRollup[] = [];
    const shownN: number[] = [];
    for (let count = 1; count <= 12; count += 1) {
      published = publishSubscales(liveAt(count), published, 5);
      shownN.push(published[0]!.moments.n);
    }
    expect(shownN).toEqual([0, 0, 0, 0, 5, 5, 5, 5, 5, 10, 10, 10]);
    // What stands is exactly the figures over the pairs as they were when published, reliable-change counts with them.
    expect(publishSubscales(liveAt(9), publishSubscales(liveAt(5), [], 5), 5)).toEqual(liveAt(5));
    expect(publishSubscales(liveAt(10), liveAt(5), 5)).toEqual(liveAt(10));
  });

  it('shows no pairs (and no reliable-change counts) for a subscale never published, and counts from the last publication after a fall', () => {
    expect(publishSubscales(liveAt(4), [], 5)[0]).toMatchObject({ subscaleKey: 'personal', moments: { n: 0, sumDifference: 0 }, reliable: null });
    // An erasure takes the count from 10 to 9: the publication at 10 stands until 15.
    expect(publishSubscales(liveAt(9), liveAt(10), 5)).toEqual(liveAt(10));
    expect(publishSubscales(liveAt(12), liveAt(10), 5)).toEqual(liveAt(10));
  });
});

describe('describeOutcomeChange', () => {
  it('reads a fall with its interval, effect and n', () => {
    const change = pairedChangeFromMoments(pairedMoments(PAIRS))!;
    expect(describeOutcomeChange('Personal burnout', change, ScoreDirection.HIGHER_IS_WORSE)).toBe(
      `Personal burnout fell by 7 points on average (95% CI 4 to 10), a ${effectSizeLabel(change.hedgesG!)} effect, an improvement, n = 12`,
    );
  });

  it('names both ends when the interval spans no change, and gives no verdict', () => {
    const pairs = [
      { before: 50, after: 60 },
      { before: 50, after: 40 },
      { before: 50, after: 55 },
      { before: 50, after: 48 },
      { before: 50, after: 52 },
    ];
    const text = describeOutcomeChange('Resilience', pairedChangeFromMoments(pairedMoments(pairs))!, ScoreDirection.HIGHER_IS_BETTER);
    expect(text).toMatch(/^Resilience rose by 1 point on average \(95% CI from a fall of \d+ points to a rise of \d+ points\), a negligible effect, n = 5$/);
  });

  it('labels effect sizes by Cohen’s conventions', () => {
    expect([0.1, -0.3, 0.6, -1.2].map(effectSizeLabel)).toEqual(['negligible', 'small', 'moderate', 'large']);
  });
});

describe('outcomeDashboardFilterSchema and monthInPeriod', () => {
  it('accepts months in order and refuses a period that ends before it starts', () => {
    expect(outcomeDashboardFilterSchema.safeParse({ from: '2026-01', to: '2026-03' }).success).toBe(true);
    const backwards = outcomeDashboardFilterSchema.safeParse({ from: '2026-04', to: '2026-03' });
    expect(backwards.success).toBe(false);
    expect(backwards.error?.issues[0]?.message).toBe('The period must start on or before the month it ends.');
    expect(outcomeDashboardFilterSchema.safeParse({ from: '2026-13' }).success).toBe(false);
    expect(outcomeDashboardFilterSchema.safeParse({ teamId: 'nope' }).success).toBe(false);
  });

  it('places a month in an open or closed period', () => {
    expect(monthInPeriod('2026-02', { from: '2026-01', to: '2026-03' })).toBe(true);
    expect(monthInPeriod('2026-04', { from: '2026-01', to: '2026-03' })).toBe(false);
    expect(monthInPeriod('2026-04', { from: '2026-01' })).toBe(true);
    expect(monthInPeriod(null, { from: '2026-01' })).toBe(false);
    expect(monthInPeriod(null, {})).toBe(true);
  });
});
