import {
  decideUtilisation,
  defaultPlatformPeriod,
  facilitatorLoad,
  feedbackBenchmark,
  median,
  monthsOfPeriod,
  platformDashboardPeriodSchema,
  type OrganisationItemMeans,
  type UtilisationMonthCounts,
} from './platform-dashboard.js';

describe('median', () => {
  it.each([
    [[], null],
    [[4], 4],
    [[3, 1, 2], 2],
    [[4.5, 1, 3, 2], 2.5],
    [[5, 5, 1, 1, 3], 3],
  ])('of %j is %j', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('does not reorder what it is given', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('monthsOfPeriod and the period', () => {
  it('lists every month, across a year’s end', () => {
    expect(monthsOfPeriod('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsOfPeriod('2027-02', '2026-11')).toEqual([]);
  });

  it('defaults to the twelve months up to the current one in London (a UTC instant past midnight on the 1st is already the new month in summer)', () => {
    expect(defaultPlatformPeriod(new Date('2026-07-31T23:30:00Z'))).toEqual({ from: '2025-09', to: '2026-08' });
    expect(defaultPlatformPeriod(new Date('2026-12-07T12:00:00Z'))).toEqual({ from: '2026-01', to: '2026-12' });
  });

  it('refuses a backwards period, a malformed month and more than 24 months', () => {
    expect(platformDashboardPeriodSchema.safeParse({ from: '2026-01', to: '2026-12' }).success).toBe(true);
    expect(platformDashboardPeriodSchema.safeParse({ from: '2026-12', to: '2026-01' }).error?.issues[0]).toMatchObject({ path: ['to'] });
    expect(platformDashboardPeriodSchema.safeParse({ from: '2026-13', to: '2027-01' }).success).toBe(false);
    expect(platformDashboardPeriodSchema.safeParse({ from: '2024-01', to: '2026-01' }).error?.issues[0]).toMatchObject({
      path: ['from'],
      message: 'Choose a period of at most 24 months.',
    });
  });
});

describe('feedbackBenchmark', () => {
  const ITEMS = [
    { itemId: 'held_well', prompt: 'The facilitator held the group well.' },
    { itemId: 'safe_to_share', prompt: 'I felt safe to share.' },
  ];
  const published = (tenantId: string, heldWell: number, safe: number | null = 4): OrganisationItemMeans => ({
    tenantId,
    items: [
      { itemId: 'held_well', mean: heldWell },
      { itemId: 'safe_to_share', mean: safe },
    ],
    withheldMessage: null,
  });
  const withheld = (tenantId: string): OrganisationItemMeans => ({ tenantId, items: null, withheldMessage: 'Fewer than 5 responses' });

  it('sets an organisation’s mean against the median of every organisation’s published mean', () => {
    const [heldWell] = feedbackBenchmark([published('a', 4.2), published('b', 3.1), published('c', 4.6), published('d', 3.9)], 'b', ITEMS);
    expect(heldWell).toEqual({
      itemId: 'held_well',
      prompt: 'The facilitator held the group well.',
      organisation: { shown: true, value: 3.1 },
      platformMedian: { shown: true, value: 4.05 },
      organisations: 4,
    });
  });

  it('gives an organisation below its threshold “fewer than 5” and leaves it out of the median, which then cannot move with its figure', () => {
    const others = [published('a', 3), published('b', 4), published('c', 5)];
    const [before] = feedbackBenchmark([...others, withheld('low')], 'low', ITEMS);
    expect(before!.organisation).toEqual({ shown: false, message: 'Fewer than 5 responses' });
    expect(before!.platformMedian).toEqual({ shown: true, value: 4 });
    expect(before!.organisations).toBe(3);
    // Whatever the withheld organisation's answers, the median every organisation reads is the same.
    for (const otherView of ['a', 'b', 'c']) {
      expect(feedbackBenchmark([...others, withheld('low')], otherView, ITEMS)[0]!.platformMedian).toEqual({ shown: true, value: 4 });
    }
  });

  it('withholds the median below three published organisations (two and the median would give the other’s mean)', () => {
    const [two] = feedbackBenchmark([published('a', 3), published('b', 5), withheld('c')], 'a', ITEMS);
    expect(two!.platformMedian).toEqual({ shown: false, message: 'Fewer than 3 organisations have published feedback' });
    expect(two!.organisations).toBe(0);
    expect(two!.organisation).toEqual({ shown: true, value: 3 });
  });

  it('counts only the organisations with a mean for the item', () => {
    const [, safe] = feedbackBenchmark([published('a', 3, null), published('b', 4, 2), published('c', 5, 3), published('d', 5, 5)], 'a', ITEMS);
    expect(safe).toMatchObject({ organisation: { shown: false }, platformMedian: { shown: true, value: 3 }, organisations: 3 });
  });

  it('never returns another organisation’s own figure beside the one asked for', () => {
    const result = feedbackBenchmark([published('a', 3.33), published('b', 4.44), published('c', 2.22), published('d', 1.11)], 'a', ITEMS);
    const numbers = JSON.stringify(result);
    for (const theirs of ['4.44', '2.22', '1.11']) expect(numbers).not.toContain(theirs);
  });
});

describe('facilitatorLoad', () => {
  const PERIOD = { from: '2026-09', to: '2026-11' };

  it('fills every month of the period, sums, finds the busiest month and lists the busiest facilitator first', () => {
    const load = facilitatorLoad(
      [
        { userId: 'u1', displayName: 'Ann', month: '2026-09', sessions: 2 },
        { userId: 'u1', displayName: 'Ann', month: '2026-11', sessions: 2 },
        { userId: 'u2', displayName: 'Bea', month: '2026-10', sessions: 6 },
        { userId: 'u1', displayName: 'Ann', month: '2026-11', sessions: 1 },
        { userId: 'u3', displayName: 'Cal', month: '2027-01', sessions: 9 },
      ],
      PERIOD,
    );
    expect(load).toEqual([
      {
        userId: 'u2',
        displayName: 'Bea',
        months: [
          { month: '2026-09', sessions: 0 },
          { month: '2026-10', sessions: 6 },
          { month: '2026-11', sessions: 0 },
        ],
        total: 6,
        busiestMonth: '2026-10',
      },
      {
        userId: 'u1',
        displayName: 'Ann',
        months: [
          { month: '2026-09', sessions: 2 },
          { month: '2026-10', sessions: 0 },
          { month: '2026-11', sessions: 3 },
        ],
        total: 5,
        busiestMonth: '2026-11',
      },
    ]);
  });

  it('orders a tie by name and takes the earliest of equally busy months', () => {
    const load = facilitatorLoad(
      [
        { userId: 'u2', displayName: 'Zed', month: '2026-09', sessions: 2 },
        { userId: 'u1', displayName: 'Amy', month: '2026-10', sessions: 1 },
        { userId: 'u1', displayName: 'Amy', month: '2026-11', sessions: 1 },
      ],
      PERIOD,
    );
    expect(load.map((entry) => [entry.displayName, entry.busiestMonth])).toEqual([
      ['Amy', '2026-10'],
      ['Zed', '2026-09'],
    ]);
  });
});

describe('decideUtilisation', () => {
  const PERIOD = { from: '2026-09', to: '2026-11' };
  const month = (month: string, attendances: number, attendees: number, delivered = 2): UtilisationMonthCounts => ({
    month,
    bought: month === '2026-09' ? 12 : 0,
    scheduled: delivered + 1,
    delivered,
    attendances,
    attendees,
  });

  it('shows session counts as they are and attendances where enough people attended', () => {
    const [organisation] = decideUtilisation(
      [{ tenantId: 't', name: 'North', minGroupSize: 5, months: [month('2026-09', 14, 7), month('2026-10', 12, 6), month('2026-11', 16, 8)], periodAttendees: 9 }],
      PERIOD,
    );
    expect(organisation!.months.map((entry) => entry.attended)).toEqual([
      { shown: true, attendances: 14 },
      { shown: true, attendances: 12 },
      { shown: true, attendances: 16 },
    ]);
    expect(organisation!.total).toEqual({ bought: 12, scheduled: 9, delivered: 6, attended: { shown: true, attendances: 42 } });
  });

  it('withholds a small month and, so it cannot be worked out by subtraction, another figure of its family; session counts stay', () => {
    const [organisation] = decideUtilisation(
      [{ tenantId: 't', name: 'North', minGroupSize: 5, months: [month('2026-09', 14, 7), month('2026-10', 3, 3), month('2026-11', 16, 8)], periodAttendees: 9 }],
      PERIOD,
    );
    const small = organisation!.months[1]!;
    expect(small).toMatchObject({ delivered: 2, attended: { shown: false, message: 'Fewer than 5 responses' } });
    const shown = [organisation!.total.attended, ...organisation!.months.map((entry) => entry.attended)].filter((figure) => figure.shown);
    // Total and both large months shown would give the small month as 42 − 14 − 16.
    expect(shown.length).toBeLessThanOrEqual(2);
  });

  it('uses each organisation’s own minimum group size, fills months with nothing, and withholds a total of too few distinct people', () => {
    const organisations = decideUtilisation(
      [
        { tenantId: 'strict', name: 'Strict', minGroupSize: 8, months: [month('2026-09', 14, 7)], periodAttendees: 7 },
        { tenantId: 'loyal', name: 'Loyal', minGroupSize: 5, months: [month('2026-09', 4, 4), month('2026-10', 4, 4)], periodAttendees: 4 },
      ],
      PERIOD,
    );
    expect(organisations.map((organisation) => organisation.name)).toEqual(['Loyal', 'Strict']);
    const [loyal, strict] = organisations;
    expect(strict!.months[0]!.attended).toEqual({ shown: false, message: 'Fewer than 8 responses' });
    expect(strict!.months[2]).toEqual({ month: '2026-11', bought: 0, scheduled: 0, delivered: 0, attended: { shown: false, message: 'Fewer than 8 responses' } });
    // The same four people two months running: 8 attendances, but four people.
    expect(loyal!.total.attended).toEqual({ shown: false, message: 'Fewer than 5 responses' });
  });
});
