import { Injectable } from '@nestjs/common';
import { PlatformRoleEntity } from '@lena/database';
import { TenantStatus, type PlatformRole, type TenantRole } from '@lena/domain';
import { requestContext } from '../common/request-context';

/** A person's role in an organisation that is not suspended. */
export interface ActiveMembership {
  tenantId: string;
  tenantName: string;
  tenantSlug: string;
  role: TenantRole;
}

interface MembershipRow {
  tenant_id: string;
  tenant_name: string;
  tenant_slug: string;
  role: TenantRole;
}

function toActiveMembership(row: MembershipRow): ActiveMembership {
  return { tenantId: row.tenant_id, tenantName: row.tenant_name, tenantSlug: row.tenant_slug, role: row.role };
}

/**
 * What a person may act as, read fresh for every session's claims: their platform roles and their
 * memberships. Memberships are tenant rows: the unit of work must act for the person (row-level
 * security's own_memberships policy) or for the organisation.
 */
@Injectable()
export class RoleRepository {
  async platformRolesOf(userId: string): Promise<PlatformRole[]> {
    const manager = await requestContext().uow.manager();
    const grants = await manager.find(PlatformRoleEntity, { select: { role: true }, where: { userId }, order: { role: 'ASC' } });
    return grants.map((grant) => grant.role);
  }

  /** Memberships in organisations that are not suspended (a suspended one gives no access), by name. */
  async activeMembershipsOf(userId: string): Promise<ActiveMembership[]> {
    const rows = await requestContext().uow.query<MembershipRow>(
      `SELECT m.tenant_id, t.name AS tenant_name, t.slug AS tenant_slug, m.role
         FROM tenant_membership m JOIN tenant t ON t.id = m.tenant_id
        WHERE m.user_id = $1 AND t.status = $2
        ORDER BY t.name`,
      [userId, TenantStatus.ACTIVE],
    );
    return rows.map(toActiveMembership);
  }
}
