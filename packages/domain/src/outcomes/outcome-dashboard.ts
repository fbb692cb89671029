import { decideFilteredSuppression, suppressionMessage, type FigureDecision, type FigureRequest, type SuppressionReason } from '../feedback/suppression.js';
import type { ServiceType } from '../programmes/service-type.js';
import type { Interval } from './paired-change.js';
import type { ScoreDirection } from './instrument.js';
import {
  combineMoments,
  combineReliable,
  describeOutcomeChange,
  monthInPeriod,
  pairedChangeFromMoments,
  type MonthRollup,
  type OutcomeDashboardFilter,
  type OutcomeRollupFigures,
  type SubscaleRollup,
} from './outcome-rollup.js';

/**
 * The organisation admin's outcome dashboard, from rollups alone (never raw rows), with every
 * figure about people decided by the one suppression rule.
 *
 * The published family, the same whatever the filters: the organisation's total and each
 * programme, per kind of figure (attendance; each instrument's subscale change). A programme is
 * a cell; its count is the people behind the figure (distinct attendees; paired respondents).
 * What the filters add (a filtered total, a month of a trend) is shown only when the published
 * figures already give it (`decideFilteredSuppression`), so no combination of filters, and no
 * difference between two figures shown, isolates a group smaller than the minimum.
 *
 * Session counts (bought, planned, delivered, cancelled) describe the organisation's purchase,
 * not any person's answers or attendance, so they are shown as they are.
 */

export interface DashboardProgramme {
  programmeId: string;
  title: string;
  teamId: string;
  teamName: string;
  serviceType: ServiceType;
  rollup: OutcomeRollupFigures;
}

export interface SubscaleLabel {
  instrumentKey: string;
  subscaleKey: string;
  /** The subscale's name as people read it ("Work-related burnout"). */
  title: string;
}

export type WithheldOutcomeFigure = { shown: false; reason: SuppressionReason; message: string };

export interface ChangeFigure {
  instrumentKey: string;
  subscaleKey: string;
  title: string;
  direction: ScoreDirection;
  figure:
    | WithheldOutcomeFigure
    | {
        shown: true;
        n: number;
        meanBefore: number;
        meanAfter: number;
        meanDifference: number;
        meanDifferenceCi95: Interval;
        cohensDz: number | null;
        hedgesG: number | null;
        hedgesGCi95: Interval | null;
        /** Shares of the pairs (0–1) showing reliable improvement, no reliable change, deterioration; null without a reliability. */
        reliable: { improved: number; unchanged: number; deteriorated: number } | null;
        summary: string;
      };
}

export type AttendanceFigure = WithheldOutcomeFigure | { shown: true; people: number; marked: number; present: number; rate: number | null };

export interface SessionCounts {
  bought: number;
  planned: number;
  delivered: number;
  cancelled: number;
}

export interface ProgrammeOutcomeFigures {
  programmeId: string;
  title: string;
  teamId: string;
  teamName: string;
  serviceType: ServiceType;
  sessions: SessionCounts;
  attendance: AttendanceFigure;
  changes: ChangeFigure[];
}

export interface OutcomeDashboardFigures {
  minGroupSize: number;
  programmes: ProgrammeOutcomeFigures[];
  total: { programmes: number; sessions: SessionCounts; attendance: AttendanceFigure; changes: ChangeFigure[] };
  sessionsByMonth: MonthRollup[];
  changeTrends: Array<{ instrumentKey: string; subscaleKey: string; title: string; points: Array<{ month: string; change: ChangeFigure }> }>;
  options: { teams: Array<{ id: string; name: string }>; programmes: Array<{ id: string; title: string }> };
}

const ORGANISATION = 'organisation';

export function buildOutcomeDashboard(
  all: readonly DashboardProgramme[],
  filter: OutcomeDashboardFilter,
  minGroupSize: number,
  labels: readonly SubscaleLabel[],
): OutcomeDashboardFigures {
  const thresholds = { minGroupSize, minCommentGroupSize: minGroupSize, commentsEnabled: false };
  const programmes = [...all].sort((a, b) => a.title.localeCompare(b.title) || a.programmeId.localeCompare(b.programmeId));
  const published: FigureRequest[] = [
    { key: ORGANISATION, kind: 'SCORES', cells: programmes.map((programme) => programme.programmeId) },
    ...programmes.map((programme): FigureRequest => ({ key: programme.programmeId, kind: 'SCORES', cells: [programme.programmeId] })),
  ];
  const matches = (programme: DashboardProgramme) =>
    (!filter.teamId || programme.teamId === filter.teamId) &&
    (!filter.programmeId || programme.programmeId === filter.programmeId) &&
    (!filter.serviceType || programme.serviceType === filter.serviceType);
  const selected = programmes.filter(matches);
  const inPeriod = (month: string) => monthInPeriod(month, filter);
  const counted = selected.filter((programme) => monthInPeriod(programme.rollup.finalMonth, filter));
  const listed = selected.filter((programme) => counted.includes(programme) || programme.rollup.months.some((month) => inPeriod(month.month)));

  // Attendance: a programme's cell counts its distinct attendees.
  const attendanceCounts = Object.fromEntries(programmes.map((programme) => [programme.programmeId, programme.rollup.attendees]));
  const attendance = decideFilteredSuppression(
    published,
    [{ key: 'filtered', kind: 'SCORES', cells: counted.map((programme) => programme.programmeId) }],
    attendanceCounts,
    thresholds,
  );
  const attendanceOf = (decision: FigureDecision, group: readonly DashboardProgramme[]): AttendanceFigure => {
    if (!decision.shown) return withheld(decision);
    const marked = sum(group.map((programme) => programme.rollup.attendanceMarked));
    const present = sum(group.map((programme) => programme.rollup.attendancePresent));
    return { shown: true, people: decision.count, marked, present, rate: marked === 0 ? null : present / marked };
  };
  const publishedAttendance = new Map(attendance.published.map((decision) => [decision.key, decision]));

  // Changes: per instrument subscale, a programme's cell counts its paired respondents.
  const subscaleKeys = [...new Map(programmes.flatMap((programme) => programme.rollup.subscales).map((subscale) => [keyOf(subscale), subscale])).values()].sort(
    (a, b) => a.instrumentKey.localeCompare(b.instrumentKey) || a.subscaleKey.localeCompare(b.subscaleKey),
  );
  const titleOf = (subscale: SubscaleRollup) =>
    labels.find((label) => label.instrumentKey === subscale.instrumentKey && label.subscaleKey === subscale.subscaleKey)?.title ?? subscale.subscaleKey;
  const trendMonths = [...new Set(counted.map((programme) => programme.rollup.finalMonth).filter((month): month is string => month !== null))].sort();
  const changes = subscaleKeys.map((subscale) => {
    const partOf = (programme: DashboardProgramme) => programme.rollup.subscales.find((entry) => keyOf(entry) === keyOf(subscale));
    const counts = Object.fromEntries(programmes.map((programme) => [programme.programmeId, partOf(programme)?.moments.n ?? 0]));
    const filtered: FigureRequest[] = [
      { key: 'filtered', kind: 'SCORES', cells: counted.map((programme) => programme.programmeId) },
      ...trendMonths.map((month): FigureRequest => ({
        key: `month:${month}`,
        kind: 'SCORES',
        cells: counted.filter((programme) => programme.rollup.finalMonth === month).map((programme) => programme.programmeId),
      })),
    ];
    const decisions = decideFilteredSuppression(published, filtered, counts, thresholds);
    const changeOf = (decision: FigureDecision, group: readonly DashboardProgramme[]): ChangeFigure => {
      const base = { instrumentKey: subscale.instrumentKey, subscaleKey: subscale.subscaleKey, title: titleOf(subscale), direction: subscale.direction };
      const parts = group.map(partOf).filter((part): part is SubscaleRollup => part !== undefined && part.moments.n > 0);
      const change = decision.shown ? pairedChangeFromMoments(combineMoments(parts.map((part) => part.moments))) : null;
      // Shown by the rule but with no spread to measure (fewer than two pairs cannot pass it): withheld as too few.
      if (!decision.shown || !change)
        return { ...base, figure: withheld(decision.shown ? { key: decision.key, shown: false, reason: 'TOO_FEW_RESPONSES', threshold: minGroupSize } : decision) };
      const reliable = combineReliable(parts.map((part) => part.reliable));
      return {
        ...base,
        figure: {
          shown: true,
          n: change.n,
          meanBefore: change.meanBefore,
          meanAfter: change.meanAfter,
          meanDifference: change.meanDifference,
          meanDifferenceCi95: change.meanDifferenceCi95,
          cohensDz: change.cohensDz,
          hedgesG: change.hedgesG,
          hedgesGCi95: change.hedgesGCi95,
          reliable: reliable && { improved: reliable.improved / change.n, unchanged: reliable.unchanged / change.n, deteriorated: reliable.deteriorated / change.n },
          summary: describeOutcomeChange(base.title, change, subscale.direction),
        },
      };
    };
    const byKey = new Map([...decisions.published, ...decisions.filtered].map((decision) => [decision.key, decision]));
    return {
      subscale,
      ofProgramme: (programme: DashboardProgramme) => changeOf(byKey.get(programme.programmeId)!, [programme]),
      total: changeOf(byKey.get('filtered')!, counted),
      trend: trendMonths.map((month) => ({
        month,
        change: changeOf(
          byKey.get(`month:${month}`)!,
          counted.filter((programme) => programme.rollup.finalMonth === month),
        ),
      })),
    };
  });

  const sessionsOf = (group: readonly DashboardProgramme[]): SessionCounts => {
    const months = group.flatMap((programme) => programme.rollup.months.filter((month) => inPeriod(month.month)));
    return {
      bought: sum(group.map((programme) => programme.rollup.sessionsBought)),
      planned: sum(months.map((month) => month.planned)),
      delivered: sum(months.map((month) => month.delivered)),
      cancelled: sum(months.map((month) => month.cancelled)),
    };
  };
  const byMonth = new Map<string, MonthRollup>();
  for (const month of listed.flatMap((programme) => programme.rollup.months).filter((entry) => inPeriod(entry.month))) {
    const entry = byMonth.get(month.month) ?? { month: month.month, planned: 0, delivered: 0, cancelled: 0 };
    byMonth.set(month.month, {
      month: month.month,
      planned: entry.planned + month.planned,
      delivered: entry.delivered + month.delivered,
      cancelled: entry.cancelled + month.cancelled,
    });
  }

  return {
    minGroupSize,
    programmes: listed.map((programme) => ({
      programmeId: programme.programmeId,
      title: programme.title,
      teamId: programme.teamId,
      teamName: programme.teamName,
      serviceType: programme.serviceType,
      sessions: sessionsOf([programme]),
      attendance: attendanceOf(publishedAttendance.get(programme.programmeId)!, [programme]),
      changes: changes.map((change) => change.ofProgramme(programme)),
    })),
    total: {
      programmes: listed.length,
      sessions: sessionsOf(listed),
      attendance: attendanceOf(attendance.filtered[0]!, counted),
      changes: changes.map((change) => change.total),
    },
    sessionsByMonth: [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month)),
    changeTrends: changes.map((change) => ({
      instrumentKey: change.subscale.instrumentKey,
      subscaleKey: change.subscale.subscaleKey,
      title: titleOf(change.subscale),
      points: change.trend,
    })),
    options: {
      teams: [...new Map(programmes.map((programme) => [programme.teamId, { id: programme.teamId, name: programme.teamName }])).values()].sort((a, b) =>
        a.name.localeCompare(b.name),
      ),
      programmes: programmes.map((programme) => ({ id: programme.programmeId, title: programme.title })),
    },
  };
}

function withheld(decision: Extract<FigureDecision, { shown: false }>): WithheldOutcomeFigure {
  return { shown: false, reason: decision.reason, message: suppressionMessage(decision) };
}

function keyOf(subscale: Pick<SubscaleRollup, 'instrumentKey' | 'subscaleKey'>): string {
  return `${subscale.instrumentKey}/${subscale.subscaleKey}`;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
