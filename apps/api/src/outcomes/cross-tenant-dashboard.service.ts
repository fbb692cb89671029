import { Injectable } from '@nestjs/common';
import {
  buildOutcomeDashboard,
  computeOutcomeRollup,
  decideUtilisation,
  defaultPlatformPeriod,
  DomainError,
  facilitatorLoad,
  feedbackBenchmark,
  isFacilitator,
  monthsOfPeriod,
  parseInput,
  platformDashboardPeriodSchema,
  uuidSchema,
  type AttendancesFigure as AttendancesDecision,
  type BenchmarkFigure as BenchmarkDecision,
  type DashboardProgramme,
  type OrganisationUtilisationInput,
  type Principal,
  type SubscaleLabel,
} from '@lena/domain';
import { FeedbackResultsService } from '../feedback/feedback-results.service';
import type {
  AttendancesFigure,
  BenchmarkFigure,
  FacilitatorDashboard,
  FacilitatorDashboardOrganisation,
  FeedbackBenchmark,
  PlatformDashboard,
  PlatformDashboardPeriodInput,
} from './dtos/cross-tenant-dashboard.type';
import { CrossTenantDashboardRepository, type FacilitatorRollupRow } from './cross-tenant-dashboard.repository';
import { toProgramme } from './outcome-dashboard.service';

/**
 * The dashboards that span organisations: a facilitator's (their programmes wherever they are)
 * and the platform admins' (utilisation, facilitator load, feedback benchmarks). Every figure
 * about people is decided by the domain's one suppression rule with the organisation's own
 * minimum group size; the reads go through narrow functions that answer only their reader.
 */
@Injectable()
export class CrossTenantDashboardService {
  constructor(
    private readonly dashboards: CrossTenantDashboardRepository,
    private readonly feedback: FeedbackResultsService,
  ) {}

  /**
   * A facilitator's programmes in every organisation, each decided within its organisation's whole
   * published family exactly as that organisation's dashboard and the programme's page decide it
   * (so they never disagree, and nothing here can be set against them to isolate a small group).
   * Only programmes they are assigned to come back.
   */
  async facilitator(principal: Principal): Promise<FacilitatorDashboard> {
    if (!isFacilitator(principal)) throw DomainError.forbidden();
    const rows = await this.dashboards.facilitatorRollups();
    const byTenant = new Map<string, FacilitatorRollupRow[]>();
    for (const row of rows) byTenant.set(row.tenantId, [...(byTenant.get(row.tenantId) ?? []), row]);
    const [platformLabels, ownLabels] = await Promise.all([
      this.dashboards.platformSubscaleLabels([...new Set(rows.flatMap((row) => row.rollup?.subscales.map((subscale) => subscale.instrumentKey) ?? []))]),
      this.dashboards.facilitatorOwnSubscaleLabels(),
    ]);
    // As the organisation's dashboard names them: its own instrument of a key first, else the platform's.
    const labelsOf = (tenantId: string): SubscaleLabel[] => {
      const own = ownLabels.filter((label) => label.tenantId === tenantId);
      const ownKeys = new Set(own.map((label) => label.instrumentKey));
      return [...own, ...platformLabels.filter((label) => !ownKeys.has(label.instrumentKey))];
    };
    const assigned = rows.filter((row) => row.assigned).map((row) => row.programmeId);
    const feedback = await this.feedback.assignedProgrammesScores(principal.userId, assigned);
    const organisations = [...byTenant.values()].map((tenantRows): FacilitatorDashboardOrganisation => {
      const [{ tenantId, tenantName, minGroupSize }] = tenantRows as [FacilitatorRollupRow, ...FacilitatorRollupRow[]];
      const family = tenantRows.map((row): DashboardProgramme => ({
        programmeId: row.programmeId,
        // Programmes not theirs come without names: they count in the family only.
        title: row.title ?? '',
        teamId: row.teamId ?? '',
        teamName: row.teamName ?? '',
        serviceType: row.serviceType ?? 'GRP',
        rollup: row.rollup ?? nothingCounted(row.sessionCount ?? 0),
      }));
      const figures = buildOutcomeDashboard(family, {}, minGroupSize, labelsOf(tenantId));
      const computedAt = new Map(tenantRows.map((row) => [row.programmeId, row.computedAt]));
      const theirs = new Set(tenantRows.filter((row) => row.assigned).map((row) => row.programmeId));
      return {
        tenantId,
        name: tenantName,
        minGroupSize,
        programmes: figures.programmes
          .filter((programme) => theirs.has(programme.programmeId))
          .map((programme) => ({
            ...toProgramme(programme, minGroupSize, feedback.get(programme.programmeId) ?? null),
            computedAt: computedAt.get(programme.programmeId)?.toISOString() ?? null,
          })),
      };
    });
    return { organisations: organisations.sort((a, b) => a.name.localeCompare(b.name) || a.tenantId.localeCompare(b.tenantId)) };
  }

  async platform(input: PlatformDashboardPeriodInput | null | undefined): Promise<PlatformDashboard> {
    const period = parseInput(platformDashboardPeriodSchema, input ?? defaultPlatformPeriod(new Date()));
    const [utilisationRows, loadRows] = await Promise.all([
      this.dashboards.platformUtilisation(period.from, period.to),
      this.dashboards.platformFacilitatorLoad(period.from, period.to),
    ]);
    const organisations = new Map<string, OrganisationUtilisationInput>();
    for (const { tenantId, tenantName, minGroupSize, periodAttendees, ...month } of utilisationRows) {
      const organisation = organisations.get(tenantId) ?? { tenantId, name: tenantName, minGroupSize, periodAttendees, months: [] };
      organisations.set(tenantId, { ...organisation, months: [...organisation.months, month] });
    }
    return {
      from: period.from,
      to: period.to,
      months: monthsOfPeriod(period.from, period.to),
      utilisation: decideUtilisation([...organisations.values()], period).map((organisation) => ({
        tenantId: organisation.tenantId,
        name: organisation.name,
        months: organisation.months.map((month) => ({ ...month, attended: toAttendances(month.attended) })),
        total: { month: null, ...organisation.total, attended: toAttendances(organisation.total.attended) },
      })),
      facilitatorLoad: facilitatorLoad(loadRows, period),
    };
  }

  /** One organisation's feedback means against the platform median; another id, as a random one, is NOT_FOUND. */
  async benchmark(tenantId: string): Promise<FeedbackBenchmark> {
    const id = parseInput(uuidSchema, tenantId);
    const name = await this.dashboards.tenantName(id);
    if (name === null) throw DomainError.notFound('That organisation');
    const { instrument, organisations } = await this.feedback.platformItemMeans();
    return {
      tenantId: id,
      name,
      instrumentTitle: instrument?.title ?? null,
      items: instrument
        ? feedbackBenchmark(organisations, id, instrument.items).map((item) => ({
            ...item,
            organisation: toBenchmarkFigure(item.organisation),
            platformMedian: toBenchmarkFigure(item.platformMedian),
          }))
        : [],
    };
  }
}

/** A programme assigned but not yet rolled up: nothing counted, which withholds every figure about people. */
function nothingCounted(sessionsBought: number): DashboardProgramme['rollup'] {
  return computeOutcomeRollup({ sessionsBought, sessions: [], attendance: { marked: 0, present: 0, attendees: 0 }, measurements: [], subscales: [] });
}

function toAttendances(figure: AttendancesDecision): AttendancesFigure {
  return figure.shown ? { shown: true, message: null, attendances: figure.attendances } : { shown: false, message: figure.message, attendances: null };
}

function toBenchmarkFigure(figure: BenchmarkDecision): BenchmarkFigure {
  return figure.shown ? { shown: true, message: null, value: figure.value } : { shown: false, message: figure.message, value: null };
}
