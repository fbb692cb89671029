import { forwardRef, Module } from '@nestjs/common';
import { AccountResolver } from './account.resolver';
import { AccountService } from './account.service';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { FacilitatorResolver } from './facilitator.resolver';
import { FacilitatorService } from './facilitator.service';
import { InvitationService } from './invitation.service';
import { AuthRateLimiter } from './auth-rate-limiter.service';
import { CredentialStore } from './credential-store';
import { PasswordHasher } from './password-hasher.service';
import { PasswordResetService } from './password-reset.service';
import { SessionService } from './session.service';
import { TokenService } from './token.service';

@Module({
  imports: [AuditModule, NotificationsModule, forwardRef(() => TenancyModule)],
  providers: [
    AccountResolver,
    AccountService,
    AuthResolver,
    AuthService,
    FacilitatorResolver,
    FacilitatorService,
    InvitationService,
    AuthRateLimiter,
    CredentialStore,
    PasswordHasher,
    PasswordResetService,
    SessionService,
    TokenService,
  ],
  exports: [InvitationService, SessionService, TokenService],
})
export class IdentityModule {}
