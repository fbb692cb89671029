import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SessionsModule } from '../sessions/sessions.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { InvitationResolver } from './invitation.resolver';
import { InvitationService } from './invitation.service';

/**
 * Invitations of every kind (provider staff, organisation admins, participants): sending,
 * resending, revoking, and accepting one, which signs the person in.
 */
@Module({
  imports: [AuditModule, AuthModule, NotificationsModule, SessionsModule, TenancyModule],
  providers: [InvitationResolver, InvitationService],
})
export class InvitationsModule {}
