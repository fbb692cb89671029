import { Injectable } from '@nestjs/common';
import { TenantMembershipEntity } from '@lena/database';
import { TenantRole } from '@lena/domain';
import { Not } from 'typeorm';
import { requestContext } from '../common/request-context';
import type { Member } from './dtos/team.type';

/** A membership with its person and the teams they belong to, as MEMBER_QUERY selects it. */
interface MemberRow {
  userId: string;
  displayName: string;
  email: string;
  role: TenantRole;
  joinedAt: Date;
  teamIds: string[];
}

function toMember(row: MemberRow): Member {
  return { userId: row.userId, displayName: row.displayName, email: row.email, role: row.role, joinedAt: row.joinedAt, teamIds: row.teamIds };
}

const MEMBER_QUERY = `SELECT m.user_id AS "userId", u.display_name AS "displayName", u.email, m.role, m.created_at AS "joinedAt",
    COALESCE(array_agg(tm.team_id) FILTER (WHERE tm.team_id IS NOT NULL), '{}') AS "teamIds"
  FROM tenant_membership m
  JOIN user_account u ON u.id = m.user_id
  LEFT JOIN team_member tm ON tm.tenant_id = m.tenant_id AND tm.user_id = m.user_id
 WHERE m.tenant_id = $1`;
const MEMBER_GROUPING = 'GROUP BY m.user_id, u.display_name, u.email, m.role, m.created_at';

/**
 * The `tenant_membership` table: the people of an organisation and their roles. Every statement
 * names the tenant; row-level security checks it again.
 */
@Injectable()
export class MemberRepository {
  async list(tenantId: string): Promise<Member[]> {
    const rows = await requestContext().uow.query<MemberRow>(`${MEMBER_QUERY} ${MEMBER_GROUPING} ORDER BY lower(u.display_name)`, [tenantId]);
    return rows.map(toMember);
  }

  /** Everyone in at least one of `teamIds`, in one statement whatever the number of teams. */
  async listInTeams(tenantId: string, teamIds: readonly string[]): Promise<Member[]> {
    const rows = await requestContext().uow.query<MemberRow>(
      `${MEMBER_QUERY} AND EXISTS (SELECT 1 FROM team_member x WHERE x.tenant_id = m.tenant_id AND x.user_id = m.user_id AND x.team_id = ANY($2::uuid[]))
       ${MEMBER_GROUPING} ORDER BY lower(u.display_name)`,
      [tenantId, teamIds],
    );
    return rows.map(toMember);
  }

  async findOne(tenantId: string, userId: string): Promise<Member | null> {
    const [row] = await requestContext().uow.query<MemberRow>(`${MEMBER_QUERY} AND m.user_id = $2 ${MEMBER_GROUPING}`, [tenantId, userId]);
    return row ? toMember(row) : null;
  }

  async exists(tenantId: string, userId: string): Promise<boolean> {
    const manager = await requestContext().uow.manager();
    return manager.existsBy(TenantMembershipEntity, { tenantId, userId });
  }

  /** Whether the organisation has an account with this email among its people. */
  async existsByEmail(tenantId: string, email: string): Promise<boolean> {
    const manager = await requestContext().uow.manager();
    return manager
      .createQueryBuilder(TenantMembershipEntity, 'm')
      .innerJoin('user_account', 'u', 'u.id = m.user_id')
      .where('m.tenantId = :tenantId AND u.email = :email', { tenantId, email })
      .getExists();
  }

  /** How many people other than `userId` are organisation administrators. */
  async countOtherOrgAdmins(tenantId: string, userId: string): Promise<number> {
    const manager = await requestContext().uow.manager();
    return manager.countBy(TenantMembershipEntity, { tenantId, role: TenantRole.ORG_ADMIN, userId: Not(userId) });
  }

  /** Makes `userId` one of the organisation's people; someone already in it keeps the role they have. */
  async addIfAbsent(tenantId: string, userId: string, role: TenantRole): Promise<void> {
    const manager = await requestContext().uow.manager();
    await manager.createQueryBuilder().insert().into(TenantMembershipEntity).values({ tenantId, userId, role }).orIgnore().updateEntity(false).execute();
  }

  async setRole(tenantId: string, userId: string, role: TenantRole): Promise<void> {
    const manager = await requestContext().uow.manager();
    await manager.update(TenantMembershipEntity, { tenantId, userId }, { role, updatedAt: () => 'now()' });
  }

  /** Their team memberships go with it (the foreign key cascades). */
  async remove(tenantId: string, userId: string): Promise<void> {
    const manager = await requestContext().uow.manager();
    await manager.delete(TenantMembershipEntity, { tenantId, userId });
  }
}
