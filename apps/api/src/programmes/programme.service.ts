import { Injectable } from '@nestjs/common';
import {
  assertCurrentVersion,
  AuditAction,
  cancelReasonSchema,
  capacityChangeRefusal,
  DomainError,
  ErrorCode,
  isFacilitator,
  isPlatformAdmin,
  overrideReasonSchema,
  parseInput,
  programmeActorOf,
  programmeListFilterSchema,
  programmeSchedule,
  programmeVersionSchema,
  proposeProgrammeSchema,
  requestProgrammeSchema,
  toStoredSeriesStart,
  transitionProgramme,
  TenantRole,
  uuidSchema,
  ProgrammeAction,
  ProgrammeStatus,
  type Principal,
} from '@lena/domain';
import { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import { requestContext } from '../common/request-context';
import { WorkerNudgeService } from '../notifications/worker-nudge.service';
import { TeamService } from '../tenancy/team.service';
import type { ProgrammeListFilter, ProposeProgrammeInput, ProgrammeProposalInput, RequestProgrammeInput } from './dtos/programme.inputs';
import type { Programme, ProgrammeConflict, ProgrammeListPage } from './dtos/programme.type';
import { NeedsAssessmentRepository } from './needs-assessment.repository';
import { ProgrammeConflictService } from './programme-conflict.service';
import { ProgrammeRepository, type LockedProgramme } from './programme.repository';

const AUDITED: Record<ProgrammeAction, AuditAction> = {
  PROPOSE: AuditAction.PROGRAMME_PROPOSED,
  REQUEST_CHANGES: AuditAction.PROGRAMME_CHANGES_REQUESTED,
  ACCEPT: AuditAction.PROGRAMME_ACCEPTED,
  ACTIVATE: AuditAction.PROGRAMME_ACTIVATED,
  COMPLETE: AuditAction.PROGRAMME_COMPLETED,
  CANCEL: AuditAction.PROGRAMME_CANCELLED,
};

const proposalExtrasSchema = z.object({ version: programmeVersionSchema, overrideReason: overrideReasonSchema.nullish() });
const cancellationSchema = z.object({ version: programmeVersionSchema, reason: cancelReasonSchema });

const conflictsMessage = (count: number) =>
  `${count === 1 ? 'One session clashes' : `${count} sessions clash`} with the facilitators’ availability. Change the schedule or the facilitators, or give a reason to propose it anyway.`;

/**
 * Programmes from request to completion. Organisation admins work in their own organisation;
 * platform admins enter the programme's organisation explicitly (`actAs`) for each change. Every
 * change locks the programme row, checks the version it was made against and the lifecycle's rule,
 * and is audited in the same transaction.
 */
@Injectable()
export class ProgrammeService {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly assessments: NeedsAssessmentRepository,
    private readonly teams: TeamService,
    private readonly conflicts: ProgrammeConflictService,
    private readonly audit: AuditService,
    private readonly nudges: WorkerNudgeService,
  ) {}

  // Reads ----------------------------------------------------------------------------------------

  listInTenant(tenantId: string): Promise<Programme[]> {
    return this.programmes.listInTenant(tenantId);
  }

  /** A participant's or org admin's enrolled programmes; a facilitator's assigned ones in every organisation. */
  listMine(principal: Principal): Promise<Programme[]> {
    if (principal.tenantId) return this.programmes.listEnrolled(principal.tenantId, principal.userId);
    return isFacilitator(principal) ? this.programmes.listAssigned(principal.userId) : Promise.resolve([]);
  }

  pipeline(): Promise<Programme[]> {
    return this.programmes.pipeline();
  }

  /** A page of programmes in every organisation for the platform admins, newest first; `after` is the last page's cursor. */
  async platformList(filter: ProgrammeListFilter | null | undefined, first: number, after: string | null | undefined): Promise<ProgrammeListPage> {
    const values = parseInput(programmeListFilterSchema, { ...filter, first, after });
    // One more than asked for tells whether there is another page.
    const listings = await this.programmes.platformList(values, values.first + 1);
    const items = listings.slice(0, values.first);
    return { items, nextCursor: listings.length > values.first ? (items.at(-1)?.programme.id ?? null) : null };
  }

  /**
   * One programme, for whoever may see it: an org admin in their organisation, a participant in a
   * programme they are enrolled in, a facilitator in one they are assigned to, a platform admin in
   * any. Anyone else gets NOT_FOUND, exactly as for an id that exists nowhere.
   */
  async get(principal: Principal, id: string): Promise<Programme> {
    if (!uuidSchema.safeParse(id).success) throw DomainError.notFound('That programme');
    if (principal.tenantId) {
      const programme =
        principal.tenantRole === TenantRole.ORG_ADMIN
          ? await this.programmes.findInTenant(principal.tenantId, id)
          : await this.programmes.findEnrolled(principal.tenantId, principal.userId, id);
      if (programme) return programme;
    }
    if (isPlatformAdmin(principal) && !principal.tenantId) {
      const tenantId = await this.programmes.platformTenantOf(id);
      if (tenantId) return this.read(await this.enter(tenantId), id);
    }
    if (isFacilitator(principal)) {
      const assigned = await this.programmes.findAssigned(principal.userId, id);
      if (assigned) return assigned;
    }
    throw DomainError.notFound('That programme');
  }

  // Request ----------------------------------------------------------------------------------------

  async request(principal: Principal, tenantId: string, input: RequestProgrammeInput): Promise<Programme> {
    const values = parseInput(requestProgrammeSchema, { ...input });
    const team = await this.teams.get(tenantId, values.teamId);
    if (team.archivedAt) {
      const message = 'This team is archived. Restore it before requesting a programme for it.';
      throw new DomainError(ErrorCode.CONFLICT, message, [{ field: 'teamId', message }]);
    }
    if (values.needsAssessmentId) {
      const assessment = await this.assessments.find(tenantId, values.needsAssessmentId);
      if (!assessment || assessment.teamId !== team.id) {
        const message = 'That needs assessment is not one of this team’s.';
        throw DomainError.badInput(message, [{ field: 'needsAssessmentId', message }]);
      }
    }
    const { rrule } = programmeSchedule(values);
    const id = await this.programmes.insertRequest(tenantId, {
      teamId: team.id,
      needsAssessmentId: values.needsAssessmentId ?? null,
      requestedBy: principal.userId,
      details: values,
      rrule,
      start: toStoredSeriesStart(values),
    });
    await this.audit.record({
      action: AuditAction.PROGRAMME_REQUESTED,
      tenantId,
      targetType: 'programme',
      targetId: id,
      detail: { title: values.title, serviceType: values.serviceType, teamId: team.id, needsAssessmentId: values.needsAssessmentId ?? null, by: TenantRole.ORG_ADMIN },
    });
    return this.read(tenantId, id);
  }

  // Proposal ---------------------------------------------------------------------------------------

  /** The conflicts a proposal would meet, for live feedback while a platform admin schedules; writes nothing. */
  async findConflicts(input: ProgrammeProposalInput): Promise<ProgrammeConflict[]> {
    const proposal = parseInput(proposeProgrammeSchema, { ...input, coFacilitatorIds: input.coFacilitatorIds ?? [] });
    const tenantId = await this.enterProgrammeTenant(proposal.programmeId);
    const programme = await this.read(tenantId, proposal.programmeId);
    const facilitators = await this.conflicts.chosenFacilitators(proposal);
    const { sessions } = programmeSchedule(proposal);
    return this.conflicts.find({ tenantId, tenantName: programme.tenantName, programmeId: programme.id, facilitators, sessions, timeZone: proposal.timeZone });
  }

  /**
   * Sets the facilitators and the schedule. A schedule that clashes with a facilitator's
   * availability is refused (CONFLICT, the conflicts in the error's `conflicts` extension) unless a
   * reason to override is given, which is audited with the conflicts it overrode.
   */
  async propose(principal: Principal, input: ProposeProgrammeInput): Promise<Programme> {
    const { version, overrideReason, ...rest } = input;
    const proposal = parseInput(proposeProgrammeSchema, { ...rest, coFacilitatorIds: rest.coFacilitatorIds ?? [] });
    const extras = parseInput(proposalExtrasSchema, { version, overrideReason });
    const tenantId = await this.enterProgrammeTenant(proposal.programmeId);
    const locked = await this.lock(tenantId, proposal.programmeId);
    const to = this.assertTransition(principal, locked, ProgrammeAction.PROPOSE, extras.version);

    const refusal = capacityChangeRefusal({ enrolledCount: locked.enrolledCount, maxGroupSize: proposal.maxGroupSize });
    if (refusal) throw DomainError.badInput(refusal, [{ field: 'maxGroupSize', message: refusal }]);
    const facilitators = await this.conflicts.chosenFacilitators(proposal);
    const { rrule, sessions } = programmeSchedule(proposal);
    const tenantName = (await this.read(tenantId, locked.id)).tenantName;
    const conflicts = await this.conflicts.find({ tenantId, tenantName, programmeId: locked.id, facilitators, sessions, timeZone: proposal.timeZone });
    if (conflicts.length && !extras.overrideReason) throw DomainError.conflictWithDetails(conflictsMessage(conflicts.length), { conflicts });

    await this.programmes.applyProposal(tenantId, locked.id, { details: proposal, rrule, start: toStoredSeriesStart(proposal), facilitators });
    await this.audit.record({
      action: AuditAction.PROGRAMME_PROPOSED,
      tenantId,
      targetType: 'programme',
      targetId: locked.id,
      detail: {
        title: proposal.title,
        from: locked.status,
        to,
        version: locked.version + 1,
        by: programmeActorOf(principal, tenantId),
        rrule,
        facilitators: facilitators.map(({ userId, role }) => ({ userId, role })),
      },
    });
    if (conflicts.length) {
      await this.audit.record({
        action: AuditAction.PROGRAMME_CONFLICTS_OVERRIDDEN,
        tenantId,
        targetType: 'programme',
        targetId: locked.id,
        detail: {
          title: proposal.title,
          reason: extras.overrideReason,
          // Times and kinds only: another organisation's names stay out of the log too.
          conflicts: conflicts.map((conflict) => ({
            sequence: conflict.sequence,
            facilitatorId: conflict.facilitatorId,
            kind: conflict.kind,
            sessionStartsAt: conflict.sessionStartsAt,
            clashStartsAt: conflict.clash?.startsAt ?? null,
            clashEndsAt: conflict.clash?.endsAt ?? null,
          })),
        },
      });
    }
    return this.read(tenantId, locked.id);
  }

  // Other transitions ----------------------------------------------------------------------------------

  /** Accepting fixes the schedule: the worker writes the sessions (and invites everyone) once this commits. */
  async accept(principal: Principal, tenantId: string, programmeId: string, version: number): Promise<Programme> {
    const accepted = await this.transition(principal, tenantId, programmeId, version, ProgrammeAction.ACCEPT);
    this.nudges.expandProgrammeAfterCommit(tenantId, programmeId);
    return accepted;
  }

  requestChanges(principal: Principal, tenantId: string, programmeId: string, version: number): Promise<Programme> {
    return this.transition(principal, tenantId, programmeId, version, ProgrammeAction.REQUEST_CHANGES);
  }

  async activate(principal: Principal, programmeId: string, version: number): Promise<Programme> {
    return this.transition(principal, await this.enterProgrammeTenant(programmeId), programmeId, version, ProgrammeAction.ACTIVATE);
  }

  async complete(principal: Principal, programmeId: string, version: number): Promise<Programme> {
    return this.transition(principal, await this.enterProgrammeTenant(programmeId), programmeId, version, ProgrammeAction.COMPLETE);
  }

  /** Either party may cancel: an org admin in their organisation, a platform admin in the programme's. */
  async cancel(principal: Principal, input: { programmeId: string; version: number; reason: string }): Promise<Programme> {
    const { reason } = parseInput(cancellationSchema, { version: input.version, reason: input.reason });
    const tenantId = await this.tenantForChange(principal, input.programmeId);
    return this.transition(principal, tenantId, input.programmeId, input.version, ProgrammeAction.CANCEL, reason);
  }

  /** The organisation a change to a programme is made in: an org admin's own; a platform admin enters the programme's. */
  async tenantForChange(principal: Principal, programmeId: string): Promise<string> {
    return principal.tenantId && principal.tenantRole === TenantRole.ORG_ADMIN ? principal.tenantId : this.enterProgrammeTenant(programmeId);
  }

  private async transition(principal: Principal, tenantId: string, programmeId: string, version: number, action: ProgrammeAction, reason?: string): Promise<Programme> {
    const checkedVersion = parseInput(programmeVersionSchema, version);
    const locked = await this.lock(tenantId, programmeId);
    const to = this.assertTransition(principal, locked, action, checkedVersion);
    await this.programmes.setStatus(tenantId, locked.id, to, reason ?? null);
    await this.audit.record({
      action: AUDITED[action],
      tenantId,
      targetType: 'programme',
      targetId: locked.id,
      // `by`: which side acted (a person may be both), for the programme's history.
      detail: { title: locked.title, from: locked.status, to, version: locked.version + 1, by: programmeActorOf(principal, tenantId), ...(reason ? { reason } : {}) },
    });
    return this.read(tenantId, locked.id);
  }

  /**
   * The status `action` leads to. Who may act is checked first (FORBIDDEN), then the version the
   * change was made against (a stale one is CONFLICT), then whether the programme's state allows it.
   */
  private assertTransition(principal: Principal, locked: LockedProgramme, action: ProgrammeAction, version: number): ProgrammeStatus {
    const actor = programmeActorOf(principal, locked.tenantId);
    if (!actor) throw DomainError.forbidden();
    const result = transitionProgramme(locked.status, action, actor);
    if (!result.ok && result.code === ErrorCode.FORBIDDEN) throw DomainError.forbidden(result.message);
    assertCurrentVersion(locked.version, version);
    if (!result.ok) throw DomainError.conflict(result.message);
    return result.status;
  }

  // Helpers --------------------------------------------------------------------------------------------

  /** The programme's row, locked for this transaction; NOT_FOUND when this organisation has no such programme. */
  async lock(tenantId: string, programmeId: string): Promise<LockedProgramme> {
    const locked = uuidSchema.safeParse(programmeId).success ? await this.programmes.lock(tenantId, programmeId) : null;
    if (!locked) throw DomainError.notFound('That programme');
    return locked;
  }

  async read(tenantId: string, programmeId: string): Promise<Programme> {
    const programme = await this.programmes.findInTenant(tenantId, programmeId);
    if (!programme) throw DomainError.notFound('That programme');
    return programme;
  }

  /** A platform admin enters the organisation of the programme they work on; an unknown id is NOT_FOUND. */
  private async enterProgrammeTenant(programmeId: string): Promise<string> {
    const tenantId = uuidSchema.safeParse(programmeId).success ? await this.programmes.platformTenantOf(programmeId) : null;
    if (!tenantId) throw DomainError.notFound('That programme');
    return this.enter(tenantId);
  }

  private async enter(tenantId: string): Promise<string> {
    await requestContext().uow.actAs({ tenantId });
    return tenantId;
  }
}
