import { ScoreDirection } from './instrument.js';
import { buildOutcomeDashboard, type DashboardProgramme } from './outcome-dashboard.js';
import { computeOutcomeRollup, type RollupMeasurement } from './outcome-rollup.js';

const TEAM_X = '00000000-0000-4000-8000-00000000000a';
const TEAM_Y = '00000000-0000-4000-8000-00000000000b';

/** A programme whose `pairs` people each fell by 8 ± a little on work-related burnout. */
function programme(id: string, title: string, teamId: string, pairs: number, finalMonth: string): DashboardProgramme {
  const measurements: RollupMeasurement[] = Array.from({ length: pairs }, (_, index) => [
    { instrumentKey: 'cbi', point: 'BASELINE' as const, pseudonym: `${id}-${index}`, scores: { work: 60 + index } },
    { instrumentKey: 'cbi', point: 'FINAL' as const, pseudonym: `${id}-${index}`, scores: { work: 52 + index - (index % 3) } },
  ]).flat();
  return {
    programmeId: id,
    title,
    teamId,
    teamName: teamId === TEAM_X ? 'Team X' : 'Team Y',
    serviceType: 'GRP',
    rollup: computeOutcomeRollup({
      sessionsBought: 6,
      sessions: [
        { status: 'DELIVERED', month: '2026-09' },
        { status: 'DELIVERED', month: finalMonth },
      ],
      attendance: { marked: pairs * 2, present: pairs * 2 - 1, attendees: pairs },
      measurements,
      subscales: [{ instrumentKey: 'cbi', subscaleKey: 'work', direction: ScoreDirection.HIGHER_IS_WORSE, reliability: 0.87 }],
    }),
  };
}

const LABELS = [{ instrumentKey: 'cbi', subscaleKey: 'work', title: 'Work-related burnout' }];
const A = programme('00000000-0000-4000-8000-000000000001', 'A', TEAM_X, 6, '2026-10');
const B = programme('00000000-0000-4000-8000-000000000002', 'B', TEAM_X, 4, '2026-11');
const C = programme('00000000-0000-4000-8000-000000000003', 'C', TEAM_Y, 9, '2026-11');

describe('buildOutcomeDashboard', () => {
  it('withholds the change, n and effect sizes of a programme with four paired respondents', () => {
    const dashboard = buildOutcomeDashboard([A, B, C], {}, 5, LABELS);
    const b = dashboard.programmes.find((entry) => entry.title === 'B')!;
    expect(b.changes[0]!.figure).toEqual({ shown: false, reason: 'TOO_FEW_RESPONSES', message: 'Fewer than 5 responses' });
    expect(b.attendance).toMatchObject({ shown: false, message: 'Fewer than 5 responses' });
    expect(JSON.stringify(b)).not.toMatch(/"n":4/);
  });

  it('describes a shown change in words, with its interval, effect and n', () => {
    const dashboard = buildOutcomeDashboard([C], {}, 5, LABELS);
    const figure = dashboard.total.changes[0]!.figure;
    expect(figure.shown).toBe(true);
    if (!figure.shown) return;
    expect(figure.n).toBe(9);
    expect(figure.summary).toMatch(/^Work-related burnout fell by 9 points on average \(95% CI \d+ to \d+\), a large effect, an improvement, n = 9$/);
    expect(figure.reliable).not.toBeNull();
  });

  it('defeats the differencing attack: no two filters’ figures differ by the four', () => {
    const byTeam = buildOutcomeDashboard([A, B, C], { teamId: TEAM_X }, 5, LABELS);
    const byProgramme = buildOutcomeDashboard([A, B, C], { programmeId: A.programmeId }, 5, LABELS);
    const november = buildOutcomeDashboard([A, B, C], { from: '2026-11', to: '2026-11' }, 5, LABELS);
    const whole = buildOutcomeDashboard([A, B, C], {}, 5, LABELS);
    // Every figure shown anywhere, with the programmes it covers.
    const shown: Array<{ cells: string[]; n: number }> = [];
    const collect = (cells: string[], figure: { shown: boolean; n?: number }) => {
      if (figure.shown) shown.push({ cells, n: figure.n! });
    };
    collect(['A', 'B'], byTeam.total.changes[0]!.figure);
    collect(['A'], byProgramme.total.changes[0]!.figure);
    collect(['B', 'C'], november.total.changes[0]!.figure);
    collect(['A', 'B', 'C'], whole.total.changes[0]!.figure);
    for (const dashboard of [byTeam, byProgramme, november, whole]) {
      for (const entry of dashboard.programmes) collect([entry.title], entry.changes[0]!.figure);
    }
    for (const point of november.changeTrends[0]!.points) collect(point.month === '2026-11' ? ['B', 'C'] : ['A'], point.change.figure);
    // Any shown figure inside another that differs from it by 1 to 4 people would isolate them.
    for (const outer of shown) {
      for (const inner of shown) {
        if (!inner.cells.every((cell) => outer.cells.includes(cell))) continue;
        const difference = outer.n - inner.n;
        expect(difference === 0 || difference >= 5).toBe(true);
      }
    }
    // Nor can the disjoint ones shown add up to a total shown less four.
    const byCells = new Map(shown.map((figure) => [figure.cells.join(), figure.n]));
    if (byCells.has('A') && byCells.has('C')) expect(byCells.has('A,B,C')).toBe(false);
    // The organisation's total is still shown.
    expect(whole.total.changes[0]!.figure).toMatchObject({ shown: true, n: 19 });
    // Team X (A and B, 10 people) beside A alone (6) would give B: one of them is withheld.
    expect([byTeam.total.changes[0]!.figure.shown, byProgramme.total.changes[0]!.figure.shown]).not.toEqual([true, true]);
  });

  it('counts sessions by month within the period, and offers every team and programme as filters', () => {
    const dashboard = buildOutcomeDashboard([A, B, C], { from: '2026-11' }, 5, LABELS);
    expect(dashboard.sessionsByMonth).toEqual([{ month: '2026-11', planned: 0, delivered: 2, cancelled: 0 }]);
    expect(dashboard.programmes.map((entry) => entry.title)).toEqual(['B', 'C']);
    expect(dashboard.options.teams.map((team) => team.name)).toEqual(['Team X', 'Team Y']);
    expect(dashboard.options.programmes).toHaveLength(3);
  });
});
