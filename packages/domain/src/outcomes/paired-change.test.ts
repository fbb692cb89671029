import { ScoreDirection } from './instrument.js';
import { pairedChange, reliableChange } from './paired-change.js';

// Twelve people's personal-burnout scores (CBI, 0–100) at baseline and at the final measure. The
// expected figures come from SciPy 1.17 (`scipy.stats.ttest_rel(after, before)` and its
// `confidence_interval(0.95)`), an independent, tested implementation of the same statistics.
const BEFORE = [62.5, 54.2, 70.8, 45.8, 58.3, 66.7, 50.0, 75.0, 41.7, 58.3, 62.5, 54.2];
const AFTER = [50.0, 50.0, 58.3, 45.8, 41.7, 62.5, 45.8, 62.5, 37.5, 50.0, 58.3, 54.2];
const PAIRS = BEFORE.map((before, index) => ({ before, after: AFTER[index]! }));

describe('pairedChange', () => {
  it('gives the mean difference, its SD and the t-based 95% interval SciPy gives', () => {
    const change = pairedChange(PAIRS)!;
    expect(change.n).toBe(12);
    expect(change.meanDifference).toBeCloseTo(-6.95, 10);
    expect(change.sdDifference).toBeCloseTo(5.408495001552481, 10);
    expect(change.meanDifferenceCi95.lower).toBeCloseTo(-10.386393778065727, 8);
    expect(change.meanDifferenceCi95.upper).toBeCloseTo(-3.513606221934274, 8);
    expect(change.meanBefore).toBeCloseTo(700 / 12, 10);
    expect(change.meanAfter).toBeCloseTo(616.6 / 12, 10);
  });

  it('gives Cohen’s d_z, Hedges’ g with the small-sample correction, and g’s interval', () => {
    const change = pairedChange(PAIRS)!;
    // d_z = t ∕ √n: SciPy's t is −4.451424327524875.
    expect(change.cohensDz).toBeCloseTo(-4.451424327524875 / Math.sqrt(12), 10);
    const correction = 1 - 3 / (4 * 11 - 1);
    expect(change.hedgesG).toBeCloseTo(change.cohensDz! * correction, 12);
    const margin = 1.959963984540054 * correction * Math.sqrt(1 / 12 + change.cohensDz! ** 2 / 24);
    expect(change.hedgesGCi95!.lower).toBeCloseTo(change.hedgesG! - margin, 12);
    expect(change.hedgesGCi95!.upper).toBeCloseTo(change.hedgesG! + margin, 12);
    expect(change.hedgesGCi95!.upper).toBeLessThan(0);
  });

  it('uses Student’s t, not the normal distribution, for a small group', () => {
    // Five pairs, SciPy: mean 1.0, SD 0.7071, 95% CI 0.12201 to 1.87799 (t(4) = 2.776, not 1.96).
    const change = pairedChange([
      { before: 3, after: 4 },
      { before: 4, after: 5 },
      { before: 2, after: 4 },
      { before: 5, after: 5 },
      { before: 3, after: 4 },
    ])!;
    expect(change.meanDifferenceCi95.lower).toBeCloseTo(0.1220109669149172, 8);
    expect(change.meanDifferenceCi95.upper).toBeCloseTo(1.8779890330850828, 8);
  });

  it('has no figures for fewer than two pairs, and no standardised effect for two pairs or when every change is the same', () => {
    expect(pairedChange([])).toBeNull();
    expect(pairedChange([{ before: 1, after: 2 }])).toBeNull();
    const same = pairedChange([
      { before: 1, after: 2 },
      { before: 3, after: 4 },
    ])!;
    expect(same.meanDifference).toBe(1);
    expect(same.cohensDz).toBeNull();
    expect(same.hedgesG).toBeNull();
    const two = pairedChange([
      { before: 1, after: 2 },
      { before: 2, after: 4 },
    ])!;
    expect(two.meanDifference).toBe(1.5);
    expect(two.hedgesG).toBeNull();
  });
});

describe('reliableChange (Jacobson and Truax)', () => {
  // SD 10 and reliability 0.8: SE = 10·√0.2 = 4.472, S_diff = √2·SE = 6.325, so a change must exceed
  // 1.96 × 6.325 = 12.40 points to be reliable.
  const options = { reliability: 0.8, baselineSd: 10 };

  it('counts a fall beyond the threshold as an improvement on a burnout score, and a rise as a deterioration', () => {
    const summary = reliableChange(
      [
        { before: 60, after: 47 },
        { before: 60, after: 48 },
        { before: 40, after: 53 },
        { before: 50, after: 50 },
      ],
      { ...options, direction: ScoreDirection.HIGHER_IS_WORSE },
    )!;
    expect(summary.reliableChangeThreshold).toBeCloseTo(1.959963984540054 * Math.SQRT2 * 10 * Math.sqrt(0.2), 10);
    expect(summary).toMatchObject({ n: 4, improved: 1, deteriorated: 1, unchanged: 2 });
  });

  it('reads the same changes the other way round on a wellbeing score', () => {
    const summary = reliableChange(
      [
        { before: 60, after: 47 },
        { before: 40, after: 53 },
        { before: 40, after: 54 },
      ],
      { ...options, direction: ScoreDirection.HIGHER_IS_BETTER },
    )!;
    expect(summary).toMatchObject({ improved: 2, deteriorated: 1, unchanged: 0 });
  });

  it('takes the group’s baseline SD when the instrument publishes no norm', () => {
    const summary = reliableChange(PAIRS, { reliability: 0.87, direction: ScoreDirection.HIGHER_IS_WORSE })!;
    // SciPy: the baseline SD (ddof 1) is 9.887028539117976.
    expect(summary.reliableChangeThreshold).toBeCloseTo(1.959963984540054 * Math.SQRT2 * 9.887028539117976 * Math.sqrt(0.13), 8);
    // Threshold ≈ 9.88 points: the one 16.6-point and three 12.5-point falls count; 8.3 does not.
    expect(summary).toMatchObject({ improved: 4, deteriorated: 0, unchanged: 8 });
  });

  it('gives nothing without a usable reliability', () => {
    expect(reliableChange(PAIRS, { reliability: 1, direction: ScoreDirection.HIGHER_IS_WORSE })).toBeNull();
    expect(reliableChange(PAIRS, { reliability: 0, direction: ScoreDirection.HIGHER_IS_WORSE })).toBeNull();
  });
});
