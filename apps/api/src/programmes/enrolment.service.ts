import { Injectable } from '@nestjs/common';
import {
  AuditAction,
  capacityChangeRefusal,
  DomainError,
  enrolmentRefusal,
  groupAgreementFor,
  groupSizeSchema,
  parseInput,
  programmeIsFinished,
  programmeVersionSchema,
  assertCurrentVersion,
  uuidSchema,
  type Principal,
} from '@lena/domain';
import { AuditService } from '../audit/audit.service';
import { WorkerNudgeService } from '../notifications/worker-nudge.service';
import { MemberService } from '../tenancy/member.service';
import type { ChangeGroupSizeInput, EnrolmentInput } from './dtos/programme.inputs';
import type { Enrolment, MyEnrolment, Programme } from './dtos/programme.type';
import { EnrolmentRepository, type OwnEnrolment } from './enrolment.repository';
import { ProgrammeService } from './programme.service';
import { ProgrammeRepository } from './programme.repository';

/** Whether the agreement they accepted is the one their programme's service asks for now. */
function toMyEnrolment(own: OwnEnrolment, programme: Programme): MyEnrolment {
  return { ...own, agreementCurrent: own.agreementVersion === groupAgreementFor(programme.serviceType).version };
}

/**
 * Who is in a programme's group. Every change locks the programme row first, so concurrent
 * enrolments count one after the other and the group never grows past its largest size.
 */
@Injectable()
export class EnrolmentService {
  constructor(
    private readonly enrolments: EnrolmentRepository,
    private readonly programmes: ProgrammeService,
    private readonly programmeRows: ProgrammeRepository,
    private readonly members: MemberService,
    private readonly audit: AuditService,
    private readonly nudges: WorkerNudgeService,
  ) {}

  async enrol(tenantId: string, input: EnrolmentInput): Promise<Programme> {
    const programme = await this.programmes.lock(tenantId, input.programmeId);
    const member = await this.members.get(tenantId, input.userId);
    if (!member.teamIds.includes(programme.teamId)) {
      const message = `${member.displayName} is not a member of this programme’s team. Add them to the team first.`;
      throw DomainError.badInput(message, [{ field: 'userId', message }]);
    }
    if (await this.enrolments.findOwn(tenantId, programme.id, member.userId)) throw DomainError.conflict(`${member.displayName} is already enrolled in this programme.`);
    const refusal = enrolmentRefusal(programme);
    if (refusal) throw DomainError.conflict(refusal);
    await this.enrolments.add(tenantId, programme.id, member.userId);
    await this.audit.record({
      action: AuditAction.MEMBER_ENROLLED,
      tenantId,
      targetType: 'user_account',
      targetId: member.userId,
      detail: { programmeId: programme.id, title: programme.title },
    });
    this.nudges.sweepOrganisationAfterCommit(tenantId, `enrolment-${programme.id}-${member.userId}`);
    return this.programmes.read(tenantId, programme.id);
  }

  async withdraw(tenantId: string, input: EnrolmentInput): Promise<Programme> {
    const programme = await this.programmes.lock(tenantId, input.programmeId);
    if (programmeIsFinished(programme.status)) throw DomainError.conflict('This programme is over, so its group can no longer change.');
    const removed = uuidSchema.safeParse(input.userId).success && (await this.enrolments.remove(tenantId, programme.id, input.userId));
    if (!removed) throw DomainError.notFound('That enrolment');
    await this.audit.record({
      action: AuditAction.MEMBER_WITHDRAWN,
      tenantId,
      targetType: 'user_account',
      targetId: input.userId,
      detail: { programmeId: programme.id, title: programme.title },
    });
    return this.programmes.read(tenantId, programme.id);
  }

  /** Never below the people already enrolled (BAD_USER_INPUT on the largest size). */
  async changeGroupSize(tenantId: string, input: ChangeGroupSizeInput): Promise<Programme> {
    const sizes = parseInput(groupSizeSchema, { minGroupSize: input.minGroupSize, maxGroupSize: input.maxGroupSize });
    const version = parseInput(programmeVersionSchema, input.version);
    const programme = await this.programmes.lock(tenantId, input.programmeId);
    assertCurrentVersion(programme.version, version);
    if (programmeIsFinished(programme.status)) throw DomainError.conflict('This programme is over, so its group can no longer change.');
    const refusal = capacityChangeRefusal({ enrolledCount: programme.enrolledCount, maxGroupSize: sizes.maxGroupSize });
    if (refusal) throw DomainError.badInput(refusal, [{ field: 'maxGroupSize', message: refusal }]);
    await this.programmeRows.setGroupSize(tenantId, programme.id, sizes);
    await this.audit.record({
      action: AuditAction.PROGRAMME_GROUP_SIZE_CHANGED,
      tenantId,
      targetType: 'programme',
      targetId: programme.id,
      detail: { title: programme.title, maxGroupSize: sizes.maxGroupSize, minGroupSize: sizes.minGroupSize, version: programme.version + 1 },
    });
    return this.programmes.read(tenantId, programme.id);
  }

  /**
   * The people enrolled in each programme, for the organisation's admins only, in one read: a
   * programme of another organisation answers FORBIDDEN in its place (a loader's per-key error).
   */
  async listByProgrammes(principal: Principal, programmes: readonly Programme[]): Promise<(Enrolment[] | DomainError)[]> {
    const own = programmes.filter((programme) => programme.tenantId === principal.tenantId);
    const byProgramme =
      principal.tenantId && own.length
        ? await this.enrolments.listByProgrammes(
            principal.tenantId,
            own.map((p) => p.id),
          )
        : new Map<string, Enrolment[]>();
    return programmes.map((programme) => (programme.tenantId === principal.tenantId ? (byProgramme.get(programme.id) ?? []) : DomainError.forbidden()));
  }

  /** The signed-in person's own enrolment in each programme (null where none, or in another organisation), in one read. */
  async mineByProgrammes(principal: Principal, programmes: readonly Programme[]): Promise<(MyEnrolment | null)[]> {
    const own = programmes.filter((programme) => programme.tenantId === principal.tenantId);
    const byProgramme =
      principal.tenantId && own.length
        ? await this.enrolments.findOwnByProgrammes(
            principal.tenantId,
            own.map((p) => p.id),
            principal.userId,
          )
        : new Map<string, OwnEnrolment>();
    return programmes.map((programme) => {
      const found = programme.tenantId === principal.tenantId ? byProgramme.get(programme.id) : undefined;
      return found ? toMyEnrolment(found, programme) : null;
    });
  }

  /** The signed-in person's own enrolment in the programme, or null. */
  async mine(principal: Principal, programme: Programme): Promise<MyEnrolment | null> {
    if (principal.tenantId !== programme.tenantId) return null;
    const own = await this.enrolments.findOwn(programme.tenantId, programme.id, principal.userId);
    return own ? toMyEnrolment(own, programme) : null;
  }

  /** Records that the enrolled person accepted the current agreement for the programme's service; again is harmless. */
  async acceptAgreement(principal: Principal, tenantId: string, programmeId: string): Promise<MyEnrolment> {
    const programme = uuidSchema.safeParse(programmeId).success ? await this.programmeRows.findInTenant(tenantId, programmeId) : null;
    const own = programme ? await this.enrolments.findOwn(tenantId, programme.id, principal.userId) : null;
    if (!programme || !own) throw DomainError.notFound('That programme');
    const { version } = groupAgreementFor(programme.serviceType);
    if (own.agreementVersion !== version) {
      await this.enrolments.acceptAgreement(tenantId, programme.id, principal.userId, version);
      await this.audit.record({
        action: AuditAction.GROUP_AGREEMENT_ACCEPTED,
        tenantId,
        targetType: 'programme',
        targetId: programme.id,
        detail: { serviceType: programme.serviceType, version },
      });
    }
    return (await this.mine(principal, programme))!;
  }
}
