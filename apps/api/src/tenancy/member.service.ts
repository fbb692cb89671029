import { Injectable } from '@nestjs/common';
import { AuditAction, DomainError, lastOrgAdminRefusal, losesOrgAdmin, TeamAction, teamActionRefusal, uuidSchema, type Principal, type TenantRole } from '@lena/domain';
import { AuditService } from '../audit/audit.service';
import { requestContext } from '../common/request-context';
import { SessionService } from '../sessions/session.service';
import type { Member } from './dtos/team.type';
import { MemberRepository } from './member.repository';
import { TeamRepository } from './team.repository';

@Injectable()
export class MemberService {
  constructor(
    private readonly members: MemberRepository,
    private readonly teams: TeamRepository,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  list(tenantId: string): Promise<Member[]> {
    return this.members.list(tenantId);
  }

  /**
   * The members of each of `teamIds` (in that order), in one statement whatever the number of
   * teams: what the per-request loader behind `Team.members` batches into.
   */
  async listByTeams(tenantId: string, teamIds: readonly string[]): Promise<Member[][]> {
    const members = await this.members.listInTeams(tenantId, teamIds);
    return teamIds.map((teamId) => members.filter((member) => member.teamIds.includes(teamId)));
  }

  /** A platform admin acts in no organisation: they enter this one explicitly to read its people. */
  async listAsPlatformAdmin(tenantId: string): Promise<Member[]> {
    await requestContext().uow.actAs({ tenantId });
    return this.list(tenantId);
  }

  async get(tenantId: string, userId: string): Promise<Member> {
    const member = uuidSchema.safeParse(userId).success ? await this.members.findOne(tenantId, userId) : null;
    if (!member) throw DomainError.notFound('That person');
    return member;
  }

  /** Whether someone with this email is already one of the organisation's people. */
  hasMemberWithEmail(tenantId: string, email: string): Promise<boolean> {
    return this.members.existsByEmail(tenantId, email);
  }

  /**
   * Brings a person into the organisation through an accepted invitation: with the invitation's
   * role unless they already have one here, and into its team while the domain still lets the team
   * take members (it may have been archived or deleted since; the invitation still stands).
   */
  async admit(tenantId: string, userId: string, role: TenantRole, teamId: string | null): Promise<void> {
    await this.members.addIfAbsent(tenantId, userId, role);
    const team = teamId ? await this.teams.findById(tenantId, teamId) : null;
    if (team && !teamActionRefusal(team, TeamAction.ADD_MEMBER)) await this.teams.addMember(tenantId, team.id, userId);
  }

  /** A role change ends the person's sessions in this organisation, so it applies at once. */
  async changeRole(principal: Principal, tenantId: string, userId: string, role: TenantRole): Promise<Member> {
    const member = await this.get(tenantId, userId);
    if (member.role === role) return member;
    await this.assertAdminRemains(tenantId, member, role);
    await this.members.setRole(tenantId, userId, role);
    await this.sessions.revokeUserSessions(userId, 'role changed', tenantId);
    await this.audit.record({
      action: AuditAction.ROLE_CHANGED,
      tenantId,
      targetType: 'user_account',
      targetId: userId,
      detail: { from: member.role, to: role, by: principal.userId },
    });
    return this.get(tenantId, userId);
  }

  async remove(principal: Principal, tenantId: string, userId: string): Promise<void> {
    const member = await this.get(tenantId, userId);
    if (userId === principal.userId) throw DomainError.conflict('You cannot remove yourself from the organisation.');
    await this.assertAdminRemains(tenantId, member, null);
    await this.members.remove(tenantId, userId);
    await this.sessions.revokeUserSessions(userId, 'removed from organisation', tenantId);
    await this.audit.record({ action: AuditAction.ROLE_CHANGED, tenantId, targetType: 'user_account', targetId: userId, detail: { from: member.role, to: null } });
  }

  /** The rule is the domain's; the number of other administrators is all it needs from here. */
  private async assertAdminRemains(tenantId: string, member: Member, nextRole: TenantRole | null): Promise<void> {
    if (!losesOrgAdmin({ currentRole: member.role, nextRole })) return;
    const otherOrgAdmins = await this.members.countOtherOrgAdmins(tenantId, member.userId);
    const refusal = lastOrgAdminRefusal({ currentRole: member.role, nextRole, otherOrgAdmins });
    if (refusal) throw DomainError.conflict(refusal);
  }
}
