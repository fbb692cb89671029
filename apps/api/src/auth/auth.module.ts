import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SessionsModule } from '../sessions/sessions.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { AccountRepository } from './account.repository';
import { AccountResolver } from './account.resolver';
import { AccountService } from './account.service';
import { AuthRateLimiter } from './auth-rate-limiter.service';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { CredentialRepository } from './credential.repository';
import { PasswordHasher } from './password-hasher.service';
import { PasswordResetRepository } from './password-reset.repository';
import { PasswordResetService } from './password-reset.service';

/** Signing in and out, the rate limits on it, password resets, and each person's own account. */
@Module({
  imports: [AuditModule, NotificationsModule, SessionsModule, TenancyModule],
  providers: [
    AccountRepository,
    AccountResolver,
    AccountService,
    AuthRateLimiter,
    AuthResolver,
    AuthService,
    CredentialRepository,
    PasswordHasher,
    PasswordResetRepository,
    PasswordResetService,
  ],
  exports: [AuthService, PasswordHasher],
})
export class AuthModule {}
