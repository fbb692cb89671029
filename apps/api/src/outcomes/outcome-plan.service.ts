import { Injectable } from '@nestjs/common';
import {
  AuditAction,
  DomainError,
  isPlatformAdmin,
  measurementWindows,
  parseInput,
  programmeOutcomePlanSchema,
  ProgrammeStatus,
  TenantRole,
  uuidSchema,
  type Principal,
} from '@lena/domain';
import { AuditService } from '../audit/audit.service';
import { requestContext } from '../common/request-context';
import type { ProgrammeOutcomePlan } from './dtos/outcome-instrument.type';
import type { SetProgrammeOutcomePlanInput } from './dtos/outcome.inputs';
import { OutcomeInstrumentService } from './outcome-instrument.service';
import { OutcomePlanRepository, type PlanProgramme } from './outcome-plan.repository';

/** A plan cannot change once its programme has ended: its measures have been asked. */
const SETTLED: ReadonlySet<ProgrammeStatus> = new Set([ProgrammeStatus.COMPLETED, ProgrammeStatus.CANCELLED]);

/**
 * What a programme measures and when. The windows are computed on every read from the programme's
 * sessions as they stand (`measurementWindows`), so a moved or cancelled session moves them and no
 * stored schedule can go stale.
 */
@Injectable()
export class OutcomePlanService {
  constructor(
    private readonly plans: OutcomePlanRepository,
    private readonly instruments: OutcomeInstrumentService,
    private readonly audit: AuditService,
  ) {}

  /** The plan of a programme its reader may already see (the programme query decided that); null without one. */
  async read(tenantId: string, programmeId: string): Promise<ProgrammeOutcomePlan | null> {
    const [plan, sessions] = await Promise.all([this.plans.plan(tenantId, programmeId), this.plans.sessions(tenantId, programmeId)]);
    if (!plan) return null;
    return {
      instruments: plan.instruments.map((instrument) => ({
        key: instrument.key,
        version: instrument.version,
        title: instrument.title ?? instrument.key,
        attribution: instrument.attribution,
      })),
      midpoint: plan.midpoint,
      followUpMonths: plan.followUpMonths,
      windows: measurementWindows(sessions, plan)?.map((window) => ({ point: window.point, opensAt: new Date(window.opensAt), closesAt: new Date(window.closesAt) })) ?? null,
      updatedAt: plan.updatedAt,
    };
  }

  /**
   * Sets a programme's instruments and points, for its organisation's admins or a platform admin,
   * until the programme completes. Each instrument is asked at its newest version; one whose
   * licence the organisation has not confirmed is refused, saying so.
   */
  async set(principal: Principal, input: SetProgrammeOutcomePlanInput): Promise<ProgrammeOutcomePlan> {
    const values = parseInput(programmeOutcomePlanSchema, { instrumentKeys: input.instrumentKeys, midpoint: input.midpoint, followUpMonths: input.followUpMonths ?? null });
    const programme = await this.programmeFor(principal, input.programmeId);
    if (SETTLED.has(programme.status)) throw DomainError.conflict('This programme has ended, so what it measures can no longer change.');
    // Pairing a baseline with a final means the same questions at both: once the baseline has gone out, the plan stays.
    if (await this.plans.baselineAsked(programme.tenantId, programme.id))
      throw DomainError.conflict('The baseline questionnaire has already been sent for this programme, so what it measures can no longer change.');
    const available = await this.instruments.usableVersions(programme.tenantId);
    const chosen = values.instrumentKeys.map((key) => {
      const instrument = available.get(key);
      if (!instrument)
        throw DomainError.badInput(`There is no instrument “${key}” for this organisation.`, [
          { field: 'instrumentKeys', message: `There is no instrument “${key}” for this organisation.` },
        ]);
      if (!instrument.usable) {
        const message = `${instrument.title} may be used only once your organisation has confirmed its licence terms. An organisation admin can confirm them under Outcome measures.`;
        throw DomainError.badInput(message, [{ field: 'instrumentKeys', message }]);
      }
      return { key, version: instrument.version };
    });
    await this.plans.save(programme.tenantId, programme.id, values, chosen, principal.userId);
    await this.audit.record({
      action: AuditAction.PROGRAMME_OUTCOME_PLAN_SET,
      tenantId: programme.tenantId,
      targetType: 'programme',
      targetId: programme.id,
      detail: { instruments: chosen, midpoint: values.midpoint, followUpMonths: values.followUpMonths },
    });
    const plan = await this.read(programme.tenantId, programme.id);
    if (!plan) throw new Error('The outcome plan just saved was not found.');
    return plan;
  }

  /** The programme, for its organisation's admins (their own organisation) or a platform admin (entering its organisation); NOT_FOUND otherwise. */
  private async programmeFor(principal: Principal, programmeId: string): Promise<PlanProgramme> {
    let programme: PlanProgramme | null = null;
    if (uuidSchema.safeParse(programmeId).success) {
      if (principal.tenantId && principal.tenantRole === TenantRole.ORG_ADMIN) {
        programme = await this.plans.programme(principal.tenantId, programmeId);
      } else if (!principal.tenantId && isPlatformAdmin(principal)) {
        const tenantId = await this.plans.platformTenantOf(programmeId);
        if (tenantId) {
          await requestContext().uow.actAs({ tenantId });
          programme = await this.plans.programme(tenantId, programmeId);
        }
      }
    }
    if (!programme) throw DomainError.notFound('That programme');
    return programme;
  }
}
