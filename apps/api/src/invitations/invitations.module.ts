import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { FacilitatorsModule } from '../facilitators/facilitators.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SessionsModule } from '../sessions/sessions.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { InvitationRepository } from './invitation.repository';
import { InvitationResolver } from './invitation.resolver';
import { InvitationService } from './invitation.service';

/**
 * Invitations of every kind (provider staff, organisation admins, participants): sending,
 * resending, revoking, and accepting one, which signs the person in.
 */
@Module({
  imports: [AuditModule, AuthModule, FacilitatorsModule, NotificationsModule, SessionsModule, TenancyModule],
  providers: [InvitationRepository, InvitationResolver, InvitationService],
})
export class InvitationsModule {}
