import { Injectable } from '@nestjs/common';
import { oneRow } from '@lena/database';
import { AuditAction, DomainError, lastOrgAdminRefusal, losesOrgAdmin, uuidSchema, type Principal, type TenantRole } from '@lena/domain';
import { AuditService } from '../audit/audit.service';
import { requestContext } from '../common/request-context';
import { SessionService } from '../sessions/session.service';
import type { Member } from './dtos/team.type';

const MEMBER_QUERY = `SELECT m.user_id AS "userId", u.display_name AS "displayName", u.email, m.role, m.created_at AS "joinedAt",
    COALESCE(array_agg(tm.team_id) FILTER (WHERE tm.team_id IS NOT NULL), '{}') AS "teamIds"
  FROM tenant_membership m
  JOIN user_account u ON u.id = m.user_id
  LEFT JOIN team_member tm ON tm.tenant_id = m.tenant_id AND tm.user_id = m.user_id
 WHERE m.tenant_id = $1`;
const MEMBER_GROUPING = 'GROUP BY m.user_id, u.display_name, u.email, m.role, m.created_at';

@Injectable()
export class MemberService {
  constructor(
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  list(tenantId: string): Promise<Member[]> {
    return requestContext().uow.query<Member>(`${MEMBER_QUERY} ${MEMBER_GROUPING} ORDER BY lower(u.display_name)`, [tenantId]);
  }

  /**
   * The members of each of `teamIds` (in that order), in one statement whatever the number of
   * teams: what the per-request loader behind `Team.members` batches into.
   */
  async listByTeams(tenantId: string, teamIds: readonly string[]): Promise<Member[][]> {
    const members = await requestContext().uow.query<Member>(
      `${MEMBER_QUERY} AND EXISTS (SELECT 1 FROM team_member x WHERE x.tenant_id = m.tenant_id AND x.user_id = m.user_id AND x.team_id = ANY($2::uuid[]))
       ${MEMBER_GROUPING} ORDER BY lower(u.display_name)`,
      [tenantId, teamIds],
    );
    return teamIds.map((teamId) => members.filter((member) => member.teamIds.includes(teamId)));
  }

  /** A platform admin acts in no organisation: they enter this one explicitly to read its people. */
  async listAsPlatformAdmin(tenantId: string): Promise<Member[]> {
    await requestContext().uow.actAs({ tenantId });
    return this.list(tenantId);
  }

  async get(tenantId: string, userId: string): Promise<Member> {
    if (!uuidSchema.safeParse(userId).success) throw DomainError.notFound('That person');
    const [member] = await requestContext().uow.query<Member>(
      `${MEMBER_QUERY} AND m.user_id = $2 ${MEMBER_GROUPING}`,
      [tenantId, userId],
    );
    if (!member) throw DomainError.notFound('That person');
    return member;
  }

  /** A role change ends the person's sessions in this organisation, so it applies at once. */
  async changeRole(principal: Principal, tenantId: string, userId: string, role: TenantRole): Promise<Member> {
    const member = await this.get(tenantId, userId);
    if (member.role === role) return member;
    await this.assertAdminRemains(tenantId, member, role);
    await requestContext().uow.query('UPDATE tenant_membership SET role = $3, updated_at = now() WHERE tenant_id = $1 AND user_id = $2', [tenantId, userId, role]);
    await this.sessions.revokeUserSessions(userId, 'role changed', tenantId);
    await this.audit.record({ action: AuditAction.ROLE_CHANGED, tenantId, targetType: 'user_account', targetId: userId, detail: { from: member.role, to: role, by: principal.userId } });
    return this.get(tenantId, userId);
  }

  async remove(principal: Principal, tenantId: string, userId: string): Promise<void> {
    const member = await this.get(tenantId, userId);
    if (userId === principal.userId) throw DomainError.conflict('You cannot remove yourself from the organisation.');
    await this.assertAdminRemains(tenantId, member, null);
    await requestContext().uow.query('DELETE FROM tenant_membership WHERE tenant_id = $1 AND user_id = $2', [tenantId, userId]);
    await this.sessions.revokeUserSessions(userId, 'removed from organisation', tenantId);
    await this.audit.record({ action: AuditAction.ROLE_CHANGED, tenantId, targetType: 'user_account', targetId: userId, detail: { from: member.role, to: null } });
  }

  /** The rule is the domain's; the number of other administrators is all it needs from here. */
  private async assertAdminRemains(tenantId: string, member: Member, nextRole: TenantRole | null): Promise<void> {
    if (!losesOrgAdmin({ currentRole: member.role, nextRole })) return;
    const rows = await requestContext().uow.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM tenant_membership WHERE tenant_id = $1 AND role = 'ORG_ADMIN' AND user_id <> $2`,
      [tenantId, member.userId],
    );
    const row = oneRow(rows, 'org admin count');
    const refusal = lastOrgAdminRefusal({ currentRole: member.role, nextRole, otherOrgAdmins: row.count });
    if (refusal) throw DomainError.conflict(refusal);
  }
}
