import { measurementPlanSchema, measurementWindows } from './measurement-schedule.js';

const weekly = (count: number) =>
  Array.from({ length: count }, (_, index) => {
    const start = new Date(Date.UTC(2027, 0, 5 + index * 7, 10));
    return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 90 * 60_000).toISOString() };
  });

describe('measurementWindows', () => {
  it('asks the baseline in the week before the first session and the final as the last one ends', () => {
    expect(measurementWindows(weekly(6), { midpoint: false, followUpMonths: null })).toEqual([
      { point: 'BASELINE', opensAt: '2026-12-29T10:00:00Z', closesAt: '2027-01-05T10:00:00Z' },
      { point: 'FINAL', opensAt: '2027-02-09T11:30:00Z', closesAt: '2027-02-23T11:30:00Z' },
    ]);
  });

  it('puts the midpoint after the middle session and the follow-up whole months after the last', () => {
    const windows = measurementWindows(weekly(6), { midpoint: true, followUpMonths: 3 })!;
    expect(windows.map((window) => window.point)).toEqual(['BASELINE', 'MIDPOINT', 'FINAL', 'FOLLOW_UP']);
    // Six sessions: the third (19 January) is the middle one.
    expect(windows[1]).toEqual({ point: 'MIDPOINT', opensAt: '2027-01-19T11:30:00Z', closesAt: '2027-02-02T11:30:00Z' });
    expect(windows[3]).toEqual({ point: 'FOLLOW_UP', opensAt: '2027-05-09T11:30:00Z', closesAt: '2027-05-23T11:30:00Z' });
  });

  it('takes the middle of an odd number of sessions, and skips a midpoint with fewer than three', () => {
    expect(measurementWindows(weekly(5), { midpoint: true, followUpMonths: null })![1]!.opensAt).toBe('2027-01-19T11:30:00Z');
    expect(measurementWindows(weekly(2), { midpoint: true, followUpMonths: null })!.map((window) => window.point)).toEqual(['BASELINE', 'FINAL']);
  });

  it('has nothing to schedule without sessions', () => {
    expect(measurementWindows([], { midpoint: true, followUpMonths: 3 })).toBeNull();
  });

  it('refuses a follow-up that is not a whole number of months between 1 and 12', () => {
    for (const followUpMonths of [0, 13, 1.5]) expect(measurementPlanSchema.safeParse({ midpoint: false, followUpMonths }).success).toBe(false);
    expect(measurementPlanSchema.safeParse({ midpoint: false, followUpMonths: 3 }).success).toBe(true);
  });
});
