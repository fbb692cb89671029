import { ScoreDirection } from './instrument.js';
import { buildOutcomeDashboard, type DashboardProgramme } from './outcome-dashboard.js';
import { computeOutcomeRollup, type RollupMeasurement } from './outcome-rollup.js';
import { describeReportPeriod, outcomeReportCsvRows, outcomeReportDocument, outcomeReportExpired, outcomeReportRequestSchema, toCsv } from './outcome-report.js';

const TEAM = '00000000-0000-4000-8000-00000000000a';
const LABELS = [{ instrumentKey: 'cbi', subscaleKey: 'work', title: 'Work-related burnout' }];

function programme(id: string, title: string, pairs: number): DashboardProgramme {
  const measurements: RollupMeasurement[] = Array.from({ length: pairs }, (_, index) => [
    { instrumentKey: 'cbi', point: 'BASELINE' as const, pseudonym: `${id}-${index}`, scores: { work: 60 + index } },
    { instrumentKey: 'cbi', point: 'FINAL' as const, pseudonym: `${id}-${index}`, scores: { work: 52 + index - (index % 3) } },
  ]).flat();
  return {
    programmeId: id,
    title,
    teamId: TEAM,
    teamName: 'Night team',
    serviceType: 'GRP',
    rollup: computeOutcomeRollup({
      sessionsBought: 6,
      sessions: [
        { status: 'DELIVERED', month: '2026-09' },
        { status: 'CANCELLED', month: '2026-10' },
        { status: 'SCHEDULED', month: '2026-11' },
      ],
      attendance: { marked: pairs * 2, present: pairs * 2 - 1, attendees: pairs },
      measurements,
      subscales: [{ instrumentKey: 'cbi', subscaleKey: 'work', direction: ScoreDirection.HIGHER_IS_WORSE, reliability: 0.87 }],
    }),
  };
}

const BIG = programme('00000000-0000-4000-8000-000000000001', 'Big, "busy" ward', 9);
const SMALL = programme('00000000-0000-4000-8000-000000000002', 'Small ward', 4);
const figures = buildOutcomeDashboard([BIG, SMALL], {}, 5, LABELS);
const feedback = {
  [BIG.programmeId]: { shown: true as const, responses: 7, items: [{ itemId: 'useful', prompt: 'The session was useful', answered: 7, mean: 4.285714, distribution: [] }] },
  [SMALL.programmeId]: { shown: false as const, reason: 'TOO_FEW_RESPONSES' as const, message: 'Fewer than 5 responses' },
};

describe('outcomeReportDocument', () => {
  it('writes a programme report’s sessions, attendance, feedback means and change with its effect sizes, interval and n, as the dashboard decided them', () => {
    // Alone, so no complementary suppression is involved (with the small programme beside it, its total would give the four away).
    const figures = buildOutcomeDashboard([BIG], {}, 5, LABELS);
    const document = outcomeReportDocument({ organisationName: 'Northshire', scope: 'PROGRAMME', programmeId: BIG.programmeId, generatedOn: '7 December 2026', figures, feedback });
    expect(document.title).toBe('Outcome report: Big, "busy" ward');
    const lines = Object.fromEntries(document.sections[0]!.lines.map((line) => [line.figure, line.value]));
    const change = figures.programmes.find((entry) => entry.programmeId === BIG.programmeId)!.changes[0]!.figure;
    if (!change.shown) throw new Error('expected the change shown');
    expect(lines).toMatchObject({
      'Sessions bought': '6',
      'Sessions delivered': '1',
      'Sessions cancelled': '1',
      'Sessions still to come': '1',
      'Feedback responses': '7',
      'Feedback: The session was useful (mean, 1–5)': '4.29',
      'Work-related burnout: people (n)': '9',
      'Work-related burnout: average change (points)': change.meanDifference.toFixed(1),
      'Work-related burnout: effect size (Hedges’ g)': change.hedgesG!.toFixed(2),
      'Work-related burnout: effect size (Cohen’s d_z)': change.cohensDz!.toFixed(2),
      'Work-related burnout: 95% confidence interval of the change': `${change.meanDifferenceCi95.lower.toFixed(1)} to ${change.meanDifferenceCi95.upper.toFixed(1)}`,
    });
    expect(lines['Attendance']).toMatch(/^\d+% of places attended \(9 people\)$/);
    expect(lines['Work-related burnout: reliably better / no change / worse']).toMatch(/^\d+% \/ \d+% \/ \d+%$/);
    expect(document.sections[0]!.paragraphs).toContain(change.summary);
  });

  it('writes "Fewer than 5 responses" for every figure about the four-person programme, and no number about them', () => {
    const document = outcomeReportDocument({ organisationName: 'Coastal', scope: 'PROGRAMME', programmeId: SMALL.programmeId, generatedOn: '7 December 2026', figures, feedback });
    const lines = Object.fromEntries(document.sections[0]!.lines.map((line) => [line.figure, line.value]));
    expect(lines['Attendance']).toBe('Fewer than 5 responses');
    expect(lines['Feedback']).toBe('Fewer than 5 responses');
    expect(lines['Work-related burnout: change']).toBe('Fewer than 5 responses');
    expect(Object.keys(lines).some((figure) => figure.includes('people (n)'))).toBe(false);
    expect(toCsv(outcomeReportCsvRows(document))).not.toMatch(/\(4 people\)|,4\r\n/);
  });

  it('gives an organisation report a headline section then one section per programme', () => {
    const document = outcomeReportDocument({
      organisationName: 'Northshire',
      scope: 'ORGANISATION',
      from: '2026-01',
      to: '2026-12',
      generatedOn: '7 December 2026',
      figures,
      feedback,
    });
    expect(document.subtitle).toBe('Northshire, January 2026 to December 2026. Made on 7 December 2026.');
    expect(document.sections.map((section) => section.heading)).toEqual(['Across the organisation', 'Big, "busy" ward', 'Small ward']);
    expect(document.sections[0]!.lines[0]).toEqual({ figure: 'Programmes', value: '2' });
  });
});

describe('toCsv', () => {
  it.each([
    [['plain', '4.29'], 'plain,4.29\r\n'],
    [['a, b', 'say "hi"'], '"a, b","say ""hi"""\r\n'],
    [['two\nlines'], '"two\nlines"\r\n'],
    [['=HYPERLINK("x")'], `"'=HYPERLINK(""x"")"\r\n`],
    [['-3.5', '+1', '@sum'], "-3.5,'+1,'@sum\r\n"],
    [[' padded'], '" padded"\r\n'],
  ])('%j → %j', (row, expected) => {
    expect(toCsv([row])).toBe(expected);
  });

  it('writes the header and one row per figure', () => {
    const document = outcomeReportDocument({ organisationName: 'N', scope: 'PROGRAMME', programmeId: BIG.programmeId, generatedOn: 'today', figures, feedback });
    const rows = outcomeReportCsvRows(document);
    expect(rows[0]).toEqual(['Section', 'Figure', 'Value']);
    expect(rows).toHaveLength(document.sections[0]!.lines.length + 1);
  });
});

describe('report requests', () => {
  it('needs a programme for a programme report and none for an organisation report, and a period in order', () => {
    const id = BIG.programmeId;
    expect(outcomeReportRequestSchema.safeParse({ scope: 'PROGRAMME', programmeId: id, from: '2026-01', to: '2026-12' }).success).toBe(true);
    expect(outcomeReportRequestSchema.safeParse({ scope: 'PROGRAMME' }).success).toBe(false);
    expect(outcomeReportRequestSchema.safeParse({ scope: 'ORGANISATION', programmeId: id }).success).toBe(false);
    expect(outcomeReportRequestSchema.safeParse({ scope: 'ORGANISATION', from: '2026-12', to: '2026-01' }).success).toBe(false);
    expect(outcomeReportRequestSchema.safeParse({ scope: 'ORGANISATION', from: '2026-13' }).success).toBe(false);
  });

  it('describes periods and expiry', () => {
    expect(describeReportPeriod('2026-03', null)).toBe('from March 2026');
    expect(describeReportPeriod(null, null)).toBe('all time');
    expect(describeReportPeriod('2026-03', '2026-03')).toBe('March 2026');
    expect(outcomeReportExpired(new Date('2026-12-07T10:00:00Z'), new Date('2026-12-07T10:00:00Z'))).toBe(true);
    expect(outcomeReportExpired(new Date('2026-12-07T10:00:01Z'), new Date('2026-12-07T10:00:00Z'))).toBe(false);
  });
});
