import { AuditEventEntity } from './audit-event.entity';
import { AuthSessionEntity } from './auth-session.entity';
import { FacilitatorProfileEntity } from './facilitator-profile.entity';
import { InvitationEntity } from './invitation.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import { PasswordResetEntity } from './password-reset.entity';
import { PlatformRoleEntity } from './platform-role.entity';
import { RefreshTokenEntity } from './refresh-token.entity';
import { TeamMemberEntity } from './team-member.entity';
import { TeamEntity } from './team.entity';
import { TenantMembershipEntity } from './tenant-membership.entity';
import { TenantEntity } from './tenant.entity';
import { UserAccountEntity } from './user-account.entity';

export {
  AuditEventEntity,
  AuthSessionEntity,
  FacilitatorProfileEntity,
  InvitationEntity,
  OutboxMessageEntity,
  PasswordResetEntity,
  PlatformRoleEntity,
  RefreshTokenEntity,
  TeamEntity,
  TeamMemberEntity,
  TenantEntity,
  TenantMembershipEntity,
  UserAccountEntity,
};

export const entities = [
  AuditEventEntity,
  AuthSessionEntity,
  FacilitatorProfileEntity,
  InvitationEntity,
  OutboxMessageEntity,
  PasswordResetEntity,
  PlatformRoleEntity,
  RefreshTokenEntity,
  TeamEntity,
  TeamMemberEntity,
  TenantEntity,
  TenantMembershipEntity,
  UserAccountEntity,
];

/** Tables whose rows belong to exactly one tenant; each has forced row-level security. */
export const TENANT_TABLES = ['tenant_membership', 'team', 'team_member'] as const;
