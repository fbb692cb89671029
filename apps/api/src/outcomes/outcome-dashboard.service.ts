import { Injectable } from '@nestjs/common';
import {
  buildOutcomeDashboard,
  computeOutcomeRollup,
  DomainError,
  isFacilitator,
  outcomeDashboardFilterSchema,
  parseInput,
  TenantRole,
  uuidSchema,
  type AttendanceFigure,
  type ChangeFigure,
  type DashboardProgramme,
  type OutcomeDashboardFigures,
  type Principal,
  type ProgrammeOutcomeFigures,
} from '@lena/domain';
import { requestContext } from '../common/request-context';
import { FeedbackResultsService } from '../feedback/feedback-results.service';
import type { FeedbackScores } from '../feedback/dtos/feedback-results.type';
import type { OutcomeAttendance, OutcomeChange, OutcomeDashboard, OutcomeDashboardFilterInput, ProgrammeOutcomes } from './dtos/outcome-dashboard.type';
import { OutcomeDashboardRepository, type DashboardRow } from './outcome-dashboard.repository';

/**
 * Outcome dashboards from rollups: the organisation admin's (filtered, per programme and across
 * the organisation) and one programme's (its page, for the organisation's admins and the
 * programme's assigned facilitators). Both decide every figure about people with the whole
 * organisation's published family (the domain's `buildOutcomeDashboard`), so a programme's page
 * and the dashboard never disagree about what is withheld. Feedback figures come from the
 * feedback context's own service, as it decides them.
 */
@Injectable()
export class OutcomeDashboardService {
  constructor(
    private readonly dashboards: OutcomeDashboardRepository,
    private readonly feedback: FeedbackResultsService,
  ) {}

  async dashboard(tenantId: string, input: OutcomeDashboardFilterInput | null | undefined): Promise<OutcomeDashboard> {
    const filter = parseInput(outcomeDashboardFilterSchema, input ?? {});
    // Another organisation's team or programme is not found, exactly as an id that exists nowhere.
    if (filter.teamId && !(await this.dashboards.teamExists(tenantId, filter.teamId))) throw DomainError.notFound('That team');
    if (filter.programmeId && !(await this.dashboards.programmeExists(tenantId, filter.programmeId))) throw DomainError.notFound('That programme');
    const { figures, computedAt } = await this.figures(tenantId, filter);
    // One batched read for every programme listed, not one per programme.
    const feedback = await this.feedback.organisationProgrammesScores(
      tenantId,
      figures.programmes.map((programme) => programme.programmeId),
    );
    return {
      minGroupSize: figures.minGroupSize,
      total: {
        programmes: figures.total.programmes,
        sessions: figures.total.sessions,
        attendance: toAttendance(figures.total.attendance),
        changes: figures.total.changes.map(toChange),
      },
      programmes: figures.programmes.map((programme) => toProgramme(programme, figures.minGroupSize, feedback.get(programme.programmeId) ?? null)),
      sessionsByMonth: figures.sessionsByMonth,
      changeTrends: figures.changeTrends.map((trend) => ({ ...trend, points: trend.points.map((point) => ({ month: point.month, change: toChange(point.change) })) })),
      teams: figures.options.teams,
      programmeOptions: figures.options.programmes.map((programme) => ({ id: programme.id, name: programme.title })),
      computedAt,
    };
  }

  /**
   * One programme's figures for its page: its organisation's admins, and the facilitators assigned
   * to it (who enter its organisation, as they do to deliver a session, once that is proved). Any
   * other reader, and any programme they may not see, is NOT_FOUND, as a random id is. Before the
   * worker first computes its rollup, nothing is counted (`computedAt` null).
   */
  async programme(principal: Principal, programmeId: string): Promise<ProgrammeOutcomes> {
    const id = parseInput(uuidSchema, programmeId);
    let tenantId: string | null = null;
    if (principal.tenantId) {
      if (principal.tenantRole === TenantRole.ORG_ADMIN && (await this.dashboards.programmeExists(principal.tenantId, id))) tenantId = principal.tenantId;
    } else if (isFacilitator(principal)) {
      tenantId = await this.dashboards.assignedProgrammeTenant(principal.userId, id);
    }
    if (!tenantId) throw DomainError.notFound('That programme');
    const feedback = await this.feedbackOf(principal, id);
    if (!principal.tenantId) await requestContext().uow.actAs({ tenantId });
    const { figures, rows } = await this.figures(tenantId, {}, id);
    const programme = figures.programmes.find((entry) => entry.programmeId === id)!;
    return { ...toProgramme(programme, figures.minGroupSize, feedback), computedAt: rows.find((row) => row.programmeId === id)?.computedAt?.toISOString() ?? null };
  }

  /**
   * The figures from every rollup of the organisation. `ensure`: a programme to include even before
   * its first rollup (with nothing counted yet, which withholds every figure about people).
   */
  private async figures(
    tenantId: string,
    filter: Parameters<typeof buildOutcomeDashboard>[1],
    ensure?: string,
  ): Promise<{ figures: OutcomeDashboardFigures; computedAt: string | null; rows: Array<DashboardRow | (DashboardProgramme & { computedAt: null })> }> {
    const [minGroupSize, rolledUp] = await Promise.all([this.dashboards.minGroupSize(tenantId), this.dashboards.rollups(tenantId)]);
    const rows: Array<DashboardRow | (DashboardProgramme & { computedAt: null })> = [...rolledUp];
    if (ensure && !rows.some((row) => row.programmeId === ensure)) {
      const { sessionsBought, ...info } = await this.dashboards.programmeInfo(tenantId, ensure);
      const nothing = computeOutcomeRollup({ sessionsBought, sessions: [], attendance: { marked: 0, present: 0, attendees: 0 }, measurements: [], subscales: [] });
      rows.push({ ...info, rollup: nothing, computedAt: null });
    }
    const labels = await this.dashboards.subscaleLabels(tenantId, [...new Set(rows.flatMap((row) => row.rollup.subscales.map((subscale) => subscale.instrumentKey)))]);
    const oldest = rolledUp.reduce<Date | null>((min, row) => (min === null || row.computedAt < min ? row.computedAt : min), null);
    return { figures: buildOutcomeDashboard(rows, filter, minGroupSize, labels), computedAt: oldest?.toISOString() ?? null, rows };
  }

  private async feedbackOf(principal: Principal, programmeId: string): Promise<FeedbackScores | null> {
    const results = await this.feedback.programmeResults(principal, programmeId);
    return results.instrument ? results.programme.scores : null;
  }
}

export function toProgramme(programme: ProgrammeOutcomeFigures, minGroupSize: number, feedback: FeedbackScores | null): ProgrammeOutcomes {
  return {
    programmeId: programme.programmeId,
    title: programme.title,
    teamId: programme.teamId,
    teamName: programme.teamName,
    serviceType: programme.serviceType,
    minGroupSize,
    sessions: programme.sessions,
    attendance: toAttendance(programme.attendance),
    changes: programme.changes.map(toChange),
    feedback,
    computedAt: null,
  };
}

export function toAttendance(figure: AttendanceFigure): OutcomeAttendance {
  return figure.shown
    ? { shown: true, withheldReason: null, message: null, people: figure.people, marked: figure.marked, present: figure.present, rate: figure.rate }
    : { shown: false, withheldReason: figure.reason, message: figure.message, people: null, marked: null, present: null, rate: null };
}

export function toChange(change: ChangeFigure): OutcomeChange {
  const base = { instrumentKey: change.instrumentKey, subscaleKey: change.subscaleKey, title: change.title, direction: change.direction };
  const { figure } = change;
  if (!figure.shown) {
    return {
      ...base,
      shown: false,
      withheldReason: figure.reason,
      message: figure.message,
      n: null,
      meanBefore: null,
      meanAfter: null,
      meanDifference: null,
      meanDifferenceCi95: null,
      cohensDz: null,
      hedgesG: null,
      hedgesGCi95: null,
      reliable: null,
      summary: null,
    };
  }
  const { shown: _shown, ...numbers } = figure;
  return { ...base, shown: true, withheldReason: null, message: null, ...numbers };
}
